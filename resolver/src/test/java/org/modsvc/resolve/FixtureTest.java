package org.modsvc.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Severity;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Policy;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.source.Limits;

/**
 * Runs every setup under {@code src/test/resources/resolve/<case>/} (with an empty catalogue, so a
 * fixture holds all it uses) and checks what the fixture says it expects:
 *
 * <ul>
 *   <li>{@code # expect: E041@5 W001} on a line of any file: those diagnostics point at this line
 *       (at column 5 when given); every error and warning found must be expected somewhere
 *   <li>{@code expect.txt}, one assertion per line: {@code policy P}, {@code limit NAME=N},
 *       {@code bind C.R -> P.V KIND}, {@code unbound C.R}, {@code order NODE: ID…},
 *       {@code instance ID owner OWNER|-}, {@code absent ID}, {@code env ID K=V}, {@code argv ID
 *       W…}, {@code remote C.R -> P at ADDRESS}, {@code consumers ID.PROVISION: C.R…},
 *       {@code credential ID NAME=SOURCE}, {@code failsWith ID: ID…} (what stops with it),
 *       {@code loses ID: ID…} (what only loses it, on other nodes), {@code config ID PATH TEXT},
 *       {@code systemd ID SECTION.KEY VALUE…} (passthrough values, each one word), {@code
 *       systemdLine ID SECTION.KEY TEXT} (one passthrough value, the rest of the line)
 * </ul>
 */
class FixtureTest {
    private static final Path ROOT = Path.of("src/test/resources/resolve");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.*)$");
    private static final Pattern ONE = Pattern.compile("([EWN]\\d{3})(?:@(\\d+))?");

    static Stream<String> cases() throws IOException {
        try (var s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixtureGivesWhatItExpects(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        var asserts = new ArrayList<String>();
        Path expectTxt = dir.resolve("expect.txt");
        if (Files.exists(expectTxt)) {
            for (String l : Files.readAllLines(expectTxt, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) asserts.add(l.strip());
            }
        }
        Limits limits = Limits.DEFAULT;
        Policy policy = null;
        for (String a : asserts) {
            if (a.startsWith("limit ")) {
                String[] kv = a.substring(6).split("=");
                limits = limits.with(kv[0], Long.parseLong(kv[1]));
            }
            if (a.startsWith("policy ")) policy = Policy.parse(a.substring(7));
        }
        String display = "resolve/" + name;
        LoadResult loaded = new SetupLoader(limits, Catalogue.empty()).load(dir, display);
        var diags = new ArrayList<Diagnostic>(loaded.diagnostics());
        Plan plan = null;
        if (!loaded.hasErrors()) {
            plan = new Resolver(limits)
                    .resolve(loaded.setup(), policy == null ? loaded.setup().policy() : policy);
            diags.addAll(plan.diagnostics());
        }
        var expected = new TreeSet<String>();
        var expectedNoColumn = new TreeSet<String>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = display + "/" + dir.relativize(f).toString().replace('\\', '/');
                var lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (!m.find()) continue;
                    Matcher one = ONE.matcher(m.group(1));
                    while (one.find()) {
                        if (one.group(2) != null)
                            expected.add(rel + ":" + (i + 1) + ":" + one.group(2) + " " + one.group(1));
                        else expectedNoColumn.add(rel + ":" + (i + 1) + " " + one.group(1));
                    }
                }
            }
        }
        var actual = new TreeSet<String>();
        var rendered = new StringBuilder();
        for (Diagnostic d : diags) {
            rendered.append("\n  ")
                    .append(d.span().location())
                    .append(' ')
                    .append(d.code().id())
                    .append(' ')
                    .append(d.message());
            for (var r : d.related())
                rendered.append("\n      note: ").append(r.label()).append(" ").append(r.span());
            if (d.severity() == Severity.NOTE) continue;
            String key = d.span().file() + ":" + d.span().line();
            if (expectedNoColumn.remove(key + " " + d.code().id())) {
                expectedNoColumn.add(key + " " + d.code().id()); // may match several
                continue;
            }
            actual.add(key + ":" + d.span().column() + " " + d.code().id());
        }
        var unmatchedNoColumn = new TreeSet<String>();
        for (String e : expectedNoColumn) {
            boolean found = diags.stream().anyMatch(d -> (d.span().file() + ":"
                            + d.span().line() + " " + d.code().id())
                    .equals(e));
            if (!found) unmatchedNoColumn.add(e);
        }
        assertThat(actual).as("diagnostics (all found:%s)", rendered).isEqualTo(expected);
        assertThat(unmatchedNoColumn)
                .as("expected but missing (all found:%s)", rendered)
                .isEmpty();

        for (String a : asserts) {
            if (a.startsWith("limit ") || a.startsWith("policy ")) continue;
            assertThat(plan).as("a plan for %s", a).isNotNull();
            check(plan, a);
        }
    }

    private static void check(Plan plan, String a) {
        String[] w = a.split(" ");
        switch (w[0]) {
            case "bind" -> {
                Binding b = binding(plan, w[1]);
                assertThat(b).as(a).isNotNull();
                assertThat(b.provider() + "." + b.provision() + " " + b.kind().word())
                        .as(a)
                        .isEqualTo(w[3] + " " + w[4]);
            }
            case "unbound" -> assertThat(binding(plan, w[1])).as(a).isNull();
            case "order" -> {
                String node = w[1].substring(0, w[1].length() - 1);
                assertThat(plan.order().get(node))
                        .as(a)
                        .containsExactly(List.of(w).subList(2, w.length).toArray(String[]::new));
            }
            case "instance" -> {
                Instance i = plan.instance(w[1]).orElse(null);
                assertThat(i).as(a).isNotNull();
                assertThat(i.owner() == null ? "-" : i.owner()).as(a).isEqualTo(w[3]);
            }
            case "absent" -> assertThat(plan.instance(w[1])).as(a).isEmpty();
            case "env" -> {
                Instance i = plan.instance(w[1]).orElseThrow();
                int eq = a.indexOf('=', a.indexOf(w[2]));
                String key = w[2].substring(0, w[2].indexOf('='));
                assertThat(i.environment().get(key)).as(a).isNotNull();
                assertThat(i.environment().get(key).plain()).as(a).isEqualTo(a.substring(eq + 1));
            }
            case "argv" -> {
                Instance i = plan.instance(w[1]).orElseThrow();
                assertThat(i.argv().stream().map(v -> v.plain()).toList())
                        .as(a)
                        .containsExactly(List.of(w).subList(2, w.length).toArray(String[]::new));
            }
            case "remote" ->
                assertThat(plan.remote().stream()
                                .map(r -> r.consumer() + "." + r.requirement() + " -> " + r.provider() + " at "
                                        + r.address())
                                .toList())
                        .as(a)
                        .contains(a.substring(7));
            case "consumers" -> {
                String ref = w[1].substring(0, w[1].length() - 1);
                int dot = ref.lastIndexOf('.');
                Instance i = plan.instance(ref.substring(0, dot)).orElseThrow();
                var p = i.provides().stream()
                        .filter(x -> x.name().equals(ref.substring(dot + 1)))
                        .findFirst()
                        .orElseThrow();
                assertThat(p.consumers().stream()
                                .map(c -> c.instance() + "." + c.requirement())
                                .toList())
                        .as(a)
                        .containsExactly(List.of(w).subList(2, w.length).toArray(String[]::new));
            }
            case "credential" -> {
                Instance i = plan.instance(w[1]).orElseThrow();
                String[] kv = w[2].split("=", 2);
                assertThat(i.credentials()).as(a).containsEntry(kv[0], kv[1]);
            }
            case "failsWith" -> {
                String id = w[1].substring(0, w[1].length() - 1);
                assertThat(plan.failsWith().getOrDefault(id, List.of()))
                        .as(a)
                        .containsExactly(List.of(w).subList(2, w.length).toArray(String[]::new));
            }
            case "loses" -> {
                String id = w[1].substring(0, w[1].length() - 1);
                assertThat(plan.loses().getOrDefault(id, List.of()))
                        .as(a)
                        .containsExactly(List.of(w).subList(2, w.length).toArray(String[]::new));
            }
            case "config" -> {
                Instance i = plan.instance(w[1]).orElseThrow();
                String text = a.substring(a.indexOf(w[2]) + w[2].length() + 1).replace("\\n", "\n");
                assertThat(i.configData().stream()
                                .filter(c -> c.path().equals(w[2]))
                                .map(c -> c.text().plain())
                                .toList())
                        .as(a)
                        .containsExactly(text);
            }
            case "systemd" ->
                assertThat(passthrough(plan, w))
                        .as(a)
                        .containsExactly(List.of(w).subList(3, w.length).toArray(String[]::new));
            case "systemdLine" ->
                assertThat(passthrough(plan, w))
                        .as(a)
                        .containsExactly(a.substring(a.indexOf(w[2]) + w[2].length() + 1));
            default -> throw new IllegalArgumentException("unknown assertion: " + a);
        }
    }

    /** The passthrough values of instance w[1] under key w[2] ({@code Section.Key}); may be null. */
    private static List<String> passthrough(Plan plan, String[] w) {
        Instance i = plan.instance(w[1]).orElseThrow();
        int dot = w[2].lastIndexOf('.'); // a socket's section is sockets.<x>.<Section>
        return i.systemd()
                .getOrDefault(w[2].substring(0, dot), java.util.Collections.emptySortedMap())
                .get(w[2].substring(dot + 1));
    }

    private static Binding binding(Plan plan, String ref) {
        int dot = ref.lastIndexOf('.');
        return plan.bindings().stream()
                .filter(b -> b.consumer().equals(ref.substring(0, dot))
                        && b.requirement().equals(ref.substring(dot + 1)))
                .findFirst()
                .orElse(null);
    }
}
