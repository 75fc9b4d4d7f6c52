package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.source.Limits;

/**
 * One runner for every fixture under {@code src/test/resources/diagnostics/<case>/}. A case is a
 * setup directory, or a directory holding {@code single.yaml} / {@code single.json} (a single-file
 * setup). Expectations live in the fixture: a comment {@code # expect: E010@3 E011@7} on the line
 * the diagnostics point at (the numbers are columns), and for JSON, invalid bytes and file-level
 * problems an {@code expect.txt} with lines {@code FILE:LINE:COL CODE} ({@code .} is the case
 * itself). An optional {@code limits.txt} holds {@code NAME=N} lines. The loaded diagnostics must
 * equal the expected set exactly; the shipped catalogue is loaded too and must add nothing.
 */
class DiagnosticFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/diagnostics");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.*)$");
    private static final Pattern ONE = Pattern.compile("([EWN]\\d{3})@(\\d+)");
    private static final Catalogue CATALOGUE = Catalogue.load();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixtureGivesExactlyTheExpectedDiagnostics(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        var expected = expectations(dir);
        assertThat(expected)
                .as("fixture %s states no expectation (add '# expect:' comments or an expect.txt)", name)
                .isNotNull();
        Limits limits = Limits.DEFAULT;
        if (Files.exists(dir.resolve("limits.txt"))) {
            for (String l : Files.readAllLines(dir.resolve("limits.txt"))) {
                if (l.isBlank()) continue;
                String[] kv = l.strip().split("=", 2);
                limits = limits.with(kv[0], Long.parseLong(kv[1]));
            }
        }
        Path target = dir;
        String display = name;
        for (String single : List.of("single.yaml", "single.json")) {
            if (Files.exists(dir.resolve(single))) {
                target = dir.resolve(single);
                display = name + "/" + single;
            }
        }
        var result = new SetupLoader(limits, CATALOGUE).load(target, display);
        var actual = new TreeSet<String>();
        for (Diagnostic d : result.diagnostics()) actual.add(key(name, d));
        assertThat(actual)
                .as("diagnostics of %s:%n%s", name, describe(result.diagnostics()))
                .isEqualTo(expected);
    }

    /** Every code the loader can report; each needs a fixture that pins its position. */
    private static final List<String> LOADER_CODES = List.of(
            "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E010", "E011", "E012", "E013", "E014", "E015",
            "E016", "E017", "E018", "E020", "E021", "E022", "E037", "E038", "E048", "E062", "N001", "N002");

    @Test
    void everyLoaderCodeHasAFixture() throws IOException {
        var covered = new TreeSet<String>();
        for (String name : cases().toList()) {
            var expected = expectations(ROOT.resolve(name));
            if (expected == null) continue;
            for (String e : expected) covered.add(e.substring(e.lastIndexOf(' ') + 1));
        }
        assertThat(covered).containsAll(LOADER_CODES);
    }

    private static String key(String name, Diagnostic d) {
        String file = d.span().file();
        if (file.equals(name)) file = ".";
        else if (file.startsWith(name + "/")) file = file.substring(name.length() + 1);
        return file + ":" + d.span().line() + ":" + d.span().column() + " "
                + d.code().id();
    }

    private static String describe(List<Diagnostic> ds) {
        var b = new StringBuilder();
        for (Diagnostic d : ds)
            b.append("  ")
                    .append(d.span())
                    .append(' ')
                    .append(d.code().id())
                    .append(' ')
                    .append(d.message())
                    .append('\n');
        return b.toString();
    }

    /** Every expectation of a case; null when the case states none at all. */
    static TreeSet<String> expectations(Path dir) throws IOException {
        var out = new TreeSet<String>();
        boolean stated = false;
        Path txt = dir.resolve("expect.txt");
        if (Files.exists(txt)) {
            stated = true;
            for (String l : Files.readAllLines(txt)) {
                String s = l.strip();
                if (!s.isEmpty() && !s.startsWith("#")) out.add(s);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            // Lenient decoding: fixtures with invalid bytes still carry their comments.
            String[] lines = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = EXPECT.matcher(lines[i]);
                if (!m.find()) continue;
                stated = true;
                Matcher one = ONE.matcher(m.group(1));
                while (one.find()) out.add(rel + ":" + (i + 1) + ":" + one.group(2) + " " + one.group(1));
            }
        }
        return stated ? out : null;
    }
}
