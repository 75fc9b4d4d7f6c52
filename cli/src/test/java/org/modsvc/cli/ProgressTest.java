package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modsvc.progress.Progress;

/**
 * The progress line on a terminal: shown with its phases when stderr is a terminal (forced here
 * with no delay), erased before any output so that stdout is byte-identical and stderr reads the
 * same once the terminal has applied the carriage returns; absent off a terminal, with --quiet and
 * with TERM=dumb.
 */
class ProgressTest {
    @TempDir
    Path tmp;

    private static Map<String, String> env(String... kv) {
        var m = new HashMap<String, String>();
        m.put("MODSVC_PROGRESS_DELAY_MS", "0");
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** What a terminal shows of {@code s}: on each line, what follows its last carriage return. */
    private static String shown(String s) {
        // Not String.lines(), which splits at carriage returns as well.
        return java.util.Arrays.stream(s.split("\n", -1))
                .map(l -> l.substring(l.lastIndexOf('\r') + 1))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aTerminalSeesThePhasesAndTheOutputStaysTheSame() {
        String[] plain = {
            "emit",
            "samples/webapp",
            "--target",
            "systemd",
            "--out",
            tmp.resolve("a").toString()
        };
        String[] shown = {
            "emit",
            "samples/webapp",
            "--target",
            "systemd",
            "--out",
            tmp.resolve("b").toString()
        };
        Run off = Run.of(Run.ROOT, Map.of("NO_COLOR", "1"), false, plain);
        Run on = Run.of(Run.ROOT, env("NO_COLOR", "1"), true, shown);
        assertThat(on.code()).as(on.err()).isEqualTo(off.code()).isZero();
        assertThat(on.err())
                .contains("\rreading setup: ")
                .contains(" files")
                .contains("\rresolving")
                .contains("\remitting: ")
                .contains("\rwriting: ")
                .doesNotContain("\u001b");
        assertThat(on.out().replace(tmp.resolve("b").toString(), "OUT"))
                .isEqualTo(off.out().replace(tmp.resolve("a").toString(), "OUT"));
        assertThat(on.out()).doesNotContain("\r");
        assertThat(shown(on.err()).strip()).isEqualTo(off.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "plan"})
    void validateAndPlanShowTheirPhasesAndPrintTheSame(String command) {
        Run off = Run.of(Run.ROOT, Map.of("NO_COLOR", "1"), false, command, "samples/webapp");
        Run on = Run.of(Run.ROOT, env("NO_COLOR", "1"), true, command, "samples/webapp");
        assertThat(on.code()).isEqualTo(off.code());
        assertThat(on.err())
                .contains("\rreading setup: ")
                .contains("\rresolving")
                .contains("\rchecking targets: ");
        assertThat(on.out()).isEqualTo(off.out());
        assertThat(shown(on.err()).strip()).isEqualTo(off.err().strip());
    }

    @Test
    void offATerminalNothingIsAdded() {
        Run off = Run.of(Run.ROOT, env(), false, "validate", "samples/webapp");
        assertThat(off.err()).doesNotContain("\r").doesNotContain("reading setup");
    }

    @Test
    void quietAndDumbTerminalsShowNone() {
        Run quiet = Run.of(Run.ROOT, env(), true, "validate", "samples/webapp", "--quiet");
        Run dumb = Run.of(Run.ROOT, env("TERM", "dumb"), true, "validate", "samples/webapp");
        Run never = Run.of(Run.ROOT, env("MODSVC_PROGRESS", "never"), true, "validate", "samples/webapp");
        for (Run r : new Run[] {quiet, dumb, never}) {
            assertThat(r.code()).isZero();
            assertThat(r.err()).doesNotContain("\r").doesNotContain("reading setup");
        }
    }

    @Test
    void colourOnlyMakesThePhaseBold() {
        Run on = Run.of(Run.ROOT, env(), true, "validate", "samples/webapp");
        assertThat(on.err()).contains("\r\u001b[1mreading setup\u001b[0m: ");
    }

    @Test
    void beforeTheDelayNothingIsPrintedAndNoThreadIsStarted() {
        var err = new ByteArrayOutputStream();
        var p = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8), false, 60_000);
        p.phase(Progress.Phase.READING, 10);
        for (int i = 0; i < 10; i++) p.advance(1);
        p.phase(Progress.Phase.RESOLVING, -1);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("modsvc-progress"));
        p.hide();
        p.close();
        assertThat(err.size()).isZero();
    }

    @Test
    void theLineSaysThePhaseTheCountAndTheTime() {
        assertThat(TerminalProgress.line(Progress.Phase.READING, 53210, 100001, 2_460_000_000L))
                .isEqualTo("reading setup: 53210 of 100001 files, 2.4 s");
        assertThat(TerminalProgress.line(Progress.Phase.RESOLVING, 7, -1, 100_000_000L))
                .isEqualTo("resolving: 7 instances, 0.1 s");
        assertThat(TerminalProgress.line(Progress.Phase.VALUES, 0, -1, 0)).isEqualTo("filling values, 0.0 s");
    }

    @Test
    void diffShowsItsPhasesAndPrintsTheSame() {
        String[] args = {"diff", "samples/three-nodes", "samples/three-nodes"};
        Run off = Run.of(Run.ROOT, Map.of("NO_COLOR", "1"), false, args);
        Run on = Run.of(Run.ROOT, env("NO_COLOR", "1"), true, args);
        assertThat(on.code()).isEqualTo(off.code()).isZero();
        assertThat(on.err()).contains("\rreading setup: ").contains("\remitting: ");
        assertThat(on.out()).isEqualTo(off.out());
        assertThat(shown(on.err()).strip()).isEqualTo(off.err().strip());
    }
}
