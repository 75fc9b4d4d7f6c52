package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What emit and the loader say and leave behind when things go wrong around them: an output
 * directory inside the setup, a write that fails, a killed earlier run, a file that does not parse.
 */
class OutputHygieneTest {
    @TempDir
    Path tmp;

    private Path setup() throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: h\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app] }\n");
        Files.writeString(dir.resolve("services/app.yaml"), "name: app\nprocess: { argv: [/usr/bin/app] }\n");
        return dir;
    }

    @Test
    void anOutputDirectoryInsideTheSetupIsRefused() throws IOException {
        Path s = setup();
        for (String out : new String[] {"services", "services/x", "out", "."}) {
            Run r = Run.in(tmp, "emit", s.toString(), "--out", s.resolve(out).toString(), "--force");
            assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(out).containsPattern("lies inside the setup|holds the setup");
        }
        assertThat(Files.readString(s.resolve("services/app.yaml"))).startsWith("name: app");
        assertThat(Run.in(tmp, "validate", s.toString()).code()).isEqualTo(ExitCode.OK);
        // A sibling whose name only starts like the setup's is not inside it.
        Run ok = Run.in(tmp, "emit", s.toString(), "--out", tmp.resolve("s-out").toString());
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aWriteFailureIsSaidInWordsWithoutJavaClassNames() throws IOException {
        Path s = setup();
        Files.writeString(tmp.resolve("file"), "in the way\n");
        Run r = Run.in(
                tmp, "emit", s.toString(), "--out", tmp.resolve("file/out").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("modsvc emit: cannot write ").contains("nothing was written");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void whatAKilledEarlierRunLeftBesideTheOutputIsCleanedUp() throws IOException {
        Path s = setup();
        Path out = tmp.resolve("out");
        // Process ids above the kernel's maximum (4194304) are never alive.
        Path tmpLeft = Files.createDirectories(tmp.resolve(".out.tmp-99999999-1"));
        Files.writeString(tmpLeft.resolve("half"), "x");
        Path oldLeft = Files.createDirectories(tmp.resolve(".out.old-99999999-2"));
        Files.writeString(oldLeft.resolve("previous"), "x");
        Path live = Files.createDirectories(
                tmp.resolve(".out.tmp-" + ProcessHandle.current().pid() + "-3"));
        Path other = Files.createDirectories(tmp.resolve(".other.tmp-99999999-4"));
        // The earlier run was killed after moving the previous output aside: it is put back, then
        // replaced as --force asks.
        Run r = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--force");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(tmpLeft).doesNotExist();
        assertThat(oldLeft).doesNotExist();
        assertThat(out.resolve("previous")).doesNotExist();
        assertThat(out.resolve("n1")).isDirectory();
        assertThat(live).as("a running writer's directory is kept").isDirectory();
        assertThat(other)
                .as("another output's leftovers are not this run's business")
                .isDirectory();
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.matches("\\.out\\.(tmp|old)-99999999-.*"));
        }
    }

    @Test
    void aKilledRunsSetAsideOutputIsPutBackWhenTheOutputIsMissing() throws IOException {
        Path s = setup();
        Path out = tmp.resolve("out");
        Path oldLeft = Files.createDirectories(tmp.resolve(".out.old-99999999-2"));
        Files.writeString(oldLeft.resolve("previous"), "x");
        Run r = Run.in(tmp, "emit", s.toString(), "--out", out.toString());
        // Without --force the previous output, now back, is not replaced.
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("pass --force");
        assertThat(out.resolve("previous")).isRegularFile();
        assertThat(oldLeft).doesNotExist();
    }

    @Test
    void aSyntaxErrorHasHelpAndNoMisleadingUnknownModule() throws IOException {
        Path s = setup();
        Files.writeString(s.resolve("services/app.yaml"), "name: app\nprocess: { argv: [/usr/bin/app]\n");
        Run r = Run.in(tmp, "validate", s.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("error[E001]").contains("help: ").doesNotContain("E038");
        Files.writeString(s.resolve("services/app.yaml"), "{\"name\": \"app\",}");
        Files.move(s.resolve("services/app.yaml"), s.resolve("services/app.json"));
        Run j = Run.in(tmp, "validate", s.toString());
        assertThat(j.err()).contains("error[E001]").contains("help: JSON").doesNotContain("E038");
    }
}
