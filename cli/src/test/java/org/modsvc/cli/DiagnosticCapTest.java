package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many diagnostics: text output shows the first 200 and counts the rest; JSON and --all-diagnostics keep all. */
class DiagnosticCapTest {
    @TempDir
    Path tmp;

    private static final Pattern HEADER = Pattern.compile("(?m)^\\S+:(\\d+):\\d+: error\\[E010\\]");

    private void setup(int keys) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: m\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app] }\n");
        var b = new StringBuilder("name: app\nprocess: { argv: [/usr/bin/app] }\n");
        // CRLF on odd lines: the line index must cut them as SourceFile.line does.
        for (int i = 0; i < keys; i++)
            b.append("unknown_").append(i).append(": v").append(i % 2 == 1 ? "\r\n" : "\n");
        Files.writeString(dir.resolve("services/app.yaml"), b.toString());
    }

    private static long count(String text) {
        return HEADER.matcher(text).results().count();
    }

    @Test
    void textStopsAfterTwoHundredAndCountsTheRest() throws IOException {
        setup(450);
        Run r = Run.in(tmp, "validate", "s");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(count(r.err())).isEqualTo(DiagnosticRenderer.DEFAULT_SHOWN);
        assertThat(r.err())
                .contains("250 more diagnostic(s) not shown; --all-diagnostics shows them")
                .endsWith("450 errors, 0 warnings\n");
    }

    @Test
    void allDiagnosticsAndJsonShowEveryOneWithItsOwnLine() throws IOException {
        setup(450);
        Run all = Run.in(tmp, "validate", "s", "--all-diagnostics");
        assertThat(count(all.err())).isEqualTo(450);
        assertThat(all.err()).doesNotContain("not shown");
        // Each excerpt is the line the diagnostic points at, without its CR.
        assertThat(all.err()).contains(" 3 | unknown_0: v\n").contains(" 452 | unknown_449: v\n");
        assertThat(all.err()).doesNotContain("\r");
        Run json = Run.in(tmp, "validate", "s", "--format", "json");
        assertThat(Pattern.compile("\"code\" ?: ?\"E010\"")
                        .matcher(json.out())
                        .results()
                        .count())
                .isEqualTo(450);
    }

    @Test
    void aLongLineIsShownAsAWindowAroundTheColumn() throws IOException {
        // One 8 MB word used to be copied into stderr whole, once per diagnostic on its line.
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("setup.yaml"), "name: m\nnodes:\n  n1: { address: 10.0.0.1, run: [app] }\n");
        String pad = "a, ".repeat(100_000);
        Files.writeString(
                dir.resolve("services/app.yaml"),
                "name: app\nprocess: { argv: [/usr/bin/app] }\nextra: [" + pad + "*nosuch, b]\n");
        Run r = Run.in(tmp, "validate", "s");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("error[E003]").hasSizeLessThan(2000);
        String[] lines = r.err().split("\n");
        int at = 0;
        while (!lines[at].contains("error[E003]")) at++;
        String excerpt = lines[at + 1];
        String caret = lines[at + 2];
        assertThat(excerpt).startsWith(" 3 | \u2026").hasSizeLessThan(DiagnosticRenderer.EXCERPT_WIDTH + 12);
        assertThat(excerpt.charAt(caret.indexOf('^')))
                .as(excerpt + "\n" + caret)
                .isEqualTo('*');
        assertThat(excerpt.substring(caret.indexOf('^'))).startsWith("*nosuch, b]");
    }
}
