package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample under samples/ is an integration test. A working sample validates, plans and emits
 * cleanly; its plan JSON, compare output, emitted trees and NixOS modules ({@code nixos/}) equal the golden files under
 * {@code src/test/resources/golden/<sample>/}; its systemd trees pass {@code systemd-analyze
 * verify} and its wrapper trees pass {@code shellcheck}. A setup under samples/broken/ produces
 * exactly the diagnostics its {@code # expect: CODE@COLUMN} comments name, on those lines.
 *
 * <p>After an intended change, rewrite the golden files with {@code mvn -B -pl cli -am test
 * -Dtest=SamplesTest -Dsurefire.failIfNoSpecifiedTests=false -Dmodsvc.updateGolden=true} and
 * review the diff.
 */
class SamplesTest {
    private static final Path SAMPLES = Run.ROOT.resolve("samples");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = "true".equals(System.getProperty("modsvc.updateGolden"));
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.*)$");
    private static final Pattern ONE = Pattern.compile("([EWN]\\d{3})@(\\d+)");
    private static final Pattern REPORTED =
            Pattern.compile("^(\\S+):(\\d+):(\\d+): (error|warning)\\[([EWN]\\d{3})\\]", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    static List<String> working() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("setup.yaml")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static List<String> broken() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES.resolve("broken"))) {
            return s.filter(Files::isDirectory)
                    .map(p -> "broken/" + p.getFileName())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theIssueSamplesExist() throws IOException {
        assertThat(working()).contains("webapp", "two-apps", "three-nodes", "secrets-tls", "devbox");
        assertThat(broken())
                .contains(
                        "broken/cycle",
                        "broken/ambiguity",
                        "broken/local-across-nodes",
                        "broken/capacity",
                        "broken/port-clash",
                        "broken/version-mismatch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void sampleSaysWhatItShowsAndValidates(String sample) throws IOException {
        String setup = Files.readString(SAMPLES.resolve(sample).resolve("setup.yaml"), StandardCharsets.UTF_8);
        assertThat(setup).as("setup.yaml starts with a comment").startsWith("# ");
        assertThat(Files.readString(SAMPLES.resolve("README.md"), StandardCharsets.UTF_8))
                .contains("[" + sample + "](" + sample + "/)");
        var r = Run.of("validate", "samples/" + sample);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("error[");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void planCompareAndEmittedTreesMatchTheGoldenFiles(String sample) throws IOException {
        Path out = tmp.resolve("got");
        var plan = Run.of("plan", "samples/" + sample, "--format", "json");
        assertThat(plan.code()).as(plan.err()).isZero();
        var compare = Run.of("compare", "samples/" + sample);
        assertThat(compare.code()).as(compare.err()).isZero();
        var emit =
                Run.of("emit", "samples/" + sample, "--out", out.resolve("tree").toString());
        assertThat(emit.code()).as(emit.err()).isZero();
        assertThat(emit.err()).doesNotContain("error[");
        var nixos = Run.of(
                "emit",
                "samples/" + sample,
                "--target",
                "nixos",
                "--out",
                out.resolve("nixos").toString());
        assertThat(nixos.code()).as(nixos.err()).isZero();
        assertThat(nixos.err()).doesNotContain("error[");
        Files.writeString(out.resolve("plan.json"), plan.out(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("compare.txt"), compare.out(), StandardCharsets.UTF_8);

        Path golden = GOLDEN.resolve(sample);
        if (UPDATE) {
            deleteTree(golden);
            copyTree(out, golden);
        }
        assertThat(files(out)).as("files of %s", sample).isEqualTo(files(golden));
        for (String f : files(out).keySet()) {
            assertThat(files(out).get(f))
                    .as("%s/%s (update: -Dmodsvc.updateGolden=true)", sample, f)
                    .isEqualTo(files(golden).get(f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void compareShowsEveryStrategy(String sample) {
        var r = Run.of("compare", "samples/" + sample);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.matches("\\s+sub-service\\s+shared\\s+auto")))
                .isNotEmpty();
        var j = Run.of("compare", "samples/" + sample, "--format", "json");
        assertThat(j.out())
                .contains("\"policy\" : \"sub-service\"", "\"policy\" : \"shared\"", "\"policy\" : \"auto\"");
    }

    @Test
    void compareOfTwoAppsShowsTwoDedicatedDatabasesAgainstOneShared() {
        var r = Run.of("compare", "samples/two-apps");
        assertThat(r.out())
                .contains("database.postgresql  2 postgresql (2)  1 postgresql (2)")
                .contains("database.postgresql: shared runs 1 postgresql instead of 2 dedicated;");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void systemdTreesPassSystemdAnalyzeVerify(String sample) throws Exception {
        Path analyze = RequiredTool.require("systemd-analyze");
        for (var tree : systemdTrees(sample).entrySet()) {
            Path root = tree.getKey();
            var cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--root=" + root));
            cmd.addAll(tree.getValue());
            var said = run(cmd, Map.of("SYSTEMD_LOG_COLOR", "0"));
            assertThat(said).as("systemd-analyze verify of %s", root).isEqualTo("exit 0\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void everySampleUnitHasExposureAtMostTwo(String sample) throws Exception {
        Path analyze = RequiredTool.require("systemd-analyze");
        var level = Pattern.compile("Overall exposure level for (\\S+): ([0-9.]+)");
        for (var tree : systemdTrees(sample).entrySet()) {
            Path root = tree.getKey();
            for (String unit : tree.getValue()) {
                if (!unit.endsWith(".service")) continue;
                var said = run(
                        List.of(analyze.toString(), "security", "--offline=true", "--root=" + root, unit),
                        Map.of("SYSTEMD_LOG_COLOR", "0", "SYSTEMD_COLORS", "0"));
                Matcher m = level.matcher(said);
                assertThat(m.find())
                        .as("exposure of %s in %s:%n%s", unit, root, said)
                        .isTrue();
                assertThat(Double.parseDouble(m.group(2)))
                        .as("exposure of %s on %s", unit, root.getFileName())
                        .isLessThanOrEqualTo(2.0);
            }
        }
    }

    /**
     * Emits the sample into a temporary directory and returns each node tree that holds systemd
     * units, with stub executables in place, mapped to its unit names (trees in node order).
     */
    private java.util.SortedMap<Path, List<String>> systemdTrees(String sample) throws IOException {
        Path out = tmp.resolve("out");
        var emit = Run.of("emit", "samples/" + sample, "--out", out.toString());
        assertThat(emit.code()).as(emit.err()).isZero();
        var trees = new TreeMap<Path, List<String>>();
        try (Stream<Path> nodes = Files.list(out)) {
            for (Path root : nodes.sorted().toList()) {
                Path units = root.resolve("etc/systemd/system");
                if (Files.isDirectory(units)) trees.put(root, stubTree(root, units));
            }
        }
        return trees;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void wrapperTreesPassShellcheck(String sample) throws Exception {
        Path out = tmp.resolve("out");
        var emit = Run.of("emit", "samples/" + sample, "--out", out.toString());
        assertThat(emit.code()).as(emit.err()).isZero();
        var scripts = new ArrayList<String>();
        try (Stream<Path> nodes = Files.list(out)) {
            for (Path root : nodes.sorted().toList()) {
                if (!Files.isDirectory(root.resolve("bin"))) continue;
                try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
                    bin.sorted().forEach(p -> scripts.add(p.toString()));
                }
            }
        }
        if (scripts.isEmpty()) return;
        Path shellcheck = RequiredTool.require("shellcheck");
        var cmd = new ArrayList<>(List.of(shellcheck.toString(), "-s", "sh"));
        cmd.addAll(scripts);
        assertThat(run(cmd, Map.of())).isEqualTo("exit 0\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenSetupGivesExactlyTheDiagnosticItExpects(String sample) throws IOException {
        var expected = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(SAMPLES.resolve(sample))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                var lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                String display = Run.ROOT.relativize(f).toString();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (!m.find()) continue;
                    Matcher one = ONE.matcher(m.group(1));
                    while (one.find()) expected.add(display + ":" + (i + 1) + ":" + one.group(2) + " " + one.group(1));
                }
            }
        }
        assertThat(expected).as("%s states what it expects", sample).isNotEmpty();
        var r = Run.of("validate", "samples/" + sample);
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        var got = new TreeSet<String>();
        Matcher m = REPORTED.matcher(r.err());
        while (m.find()) got.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3) + " " + m.group(5));
        assertThat(got).as(r.err()).isEqualTo(expected);
        assertThat(Files.readString(SAMPLES.resolve("README.md"), StandardCharsets.UTF_8))
                .contains("[" + sample + "](" + sample + "/)");
    }

    /** README.md and every docs/*.md, in name order: the files whose examples are checked. */
    static List<Path> docs() throws IOException {
        var out = new ArrayList<Path>();
        out.add(Run.ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(Run.ROOT.resolve("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everySampleTheDocsNameExists() throws IOException {
        var named = new TreeSet<String>();
        for (Path doc : docs()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("samples/([a-z0-9-]+(?:/[a-z0-9-]+)?)").matcher(text);
            while (m.find()) {
                named.add(m.group(1));
                assertThat(SAMPLES.resolve(m.group(1)))
                        .as("samples/%s named in %s", m.group(1), Run.ROOT.relativize(doc))
                        .exists();
            }
        }
        assertThat(named).contains("webapp", "two-apps", "three-nodes", "devbox", "broken/cycle");
    }

    @Test
    void docsConsoleOutputIsWhatTheCommandsPrint() throws IOException {
        // Every "$ ./modsvc ..." in a console block of README.md or docs/*.md that only reads (no
        // emit, no pipes) is run again; each line shown under it, except "…", must be a line it
        // prints.
        int checked = 0;
        int inReadme = 0;
        for (Path doc : docs()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            String name = Run.ROOT.relativize(doc).toString();
            Matcher block =
                    Pattern.compile("```console\n(.*?)```", Pattern.DOTALL).matcher(text);
            int here = 0;
            while (block.find()) {
                String command = null;
                var shown = new ArrayList<String>();
                for (String line : (block.group(1) + "$ end").split("\n")) {
                    if (line.startsWith("$ ")) {
                        if (command != null) here += check(name, command, shown);
                        command = line.startsWith("$ ./modsvc ") ? line.substring("$ ./modsvc ".length()) : null;
                        shown.clear();
                    } else if (command != null && !line.equals("…")) {
                        shown.add(line);
                    }
                }
            }
            checked += here;
            if (name.equals("README.md")) inReadme = here;
        }
        assertThat(inReadme).as("commands checked in README.md").isGreaterThanOrEqualTo(5);
        assertThat(checked).as("commands checked in README.md and docs/").isGreaterThanOrEqualTo(10);
    }

    private static int check(String doc, String command, List<String> shown) {
        if (command.contains("|") || command.contains(">") || command.startsWith("emit")) return 0;
        var r = Run.of(command.split(" +"));
        var printed = new TreeSet<String>();
        (r.out() + r.err()).lines().map(String::stripTrailing).forEach(printed::add);
        for (String line : shown) {
            assertThat(printed)
                    .as("%s shows this line under `modsvc %s`", doc, command)
                    .contains(line.stripTrailing());
        }
        return 1;
    }

    /** Stub executables for every Exec line and the host's targets and slices; the unit names. */
    private static List<String> stubTree(Path root, Path units) throws IOException {
        var names = new ArrayList<String>();
        var exes = new TreeSet<String>(List.of("/bin/kill"));
        try (Stream<Path> s = Files.list(units)) {
            for (Path u : s.sorted().toList()) {
                names.add(u.getFileName().toString());
                for (String line : Files.readAllLines(u, StandardCharsets.UTF_8)) {
                    if (!line.matches("Exec(Start|StartPre|StartPost|Reload)=.*")) continue;
                    String word = line.substring(line.indexOf('=') + 1).split(" ", 2)[0];
                    if (word.startsWith("@")) word = word.substring(1);
                    exes.add(word);
                }
            }
        }
        for (String exe : exes) {
            Path p = root.resolve(exe.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path lib = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path p : host.sorted().toList()) {
                String n = p.getFileName().toString();
                if ((n.endsWith(".target") || n.endsWith(".slice")) && Files.isRegularFile(p))
                    Files.copy(p, lib.resolve(n));
            }
        }
        return names;
    }

    /** Runs a program to completion (60 s at most); its output followed by "exit N". */
    private static String run(List<String> cmd, Map<String, String> env) throws Exception {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] said = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish within 60 s");
        }
        return new String(said, StandardCharsets.UTF_8) + "exit " + p.exitValue() + "\n";
    }

    private static TreeMap<String, String> files(Path dir) throws IOException {
        var m = new TreeMap<String, String>();
        if (!Files.isDirectory(dir)) return m;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (var e : files(from).entrySet()) {
            Path t = to.resolve(e.getKey());
            Files.createDirectories(t.getParent());
            Files.writeString(t, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
