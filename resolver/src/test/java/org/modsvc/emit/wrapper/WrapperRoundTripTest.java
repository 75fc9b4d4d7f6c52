package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.model.Target;
import org.modsvc.plan.Instance;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;
import org.modsvc.testing.SeedReporter;
import org.modsvc.testing.Tools;

/**
 * Property test: random argv, forwarded arguments, environment operations and caller
 * environments survive byte for byte through every emitted wrapper under every shell. A perl
 * reporter writes what the program received; a perl driver starts each case with an exact
 * environment (Java's own process API would re-encode non-ASCII text by the JVM's locale).
 *
 * <p>Replay a failure with {@code -Dmodsvc.seed=N}.
 */
@ExtendWith(SeedReporter.class)
class WrapperRoundTripTest {
    private static final int CASES = 100;

    /** Variables the shells themselves set or adjust in a child's environment; not compared. */
    private static final Set<String> SHELL_OWNED = Set.of("PWD", "OLDPWD", "SHLVL", "_");

    private static final List<String> NAMES = List.of("A", "B", "C", "LIST1", "LIST2", "LANG", "LC_ALL");

    static Stream<Long> seeds() {
        String replay = System.getProperty("modsvc.seed");
        if (replay != null && !replay.isBlank()) return Stream.of(Long.parseLong(replay.trim()));
        return Stream.of(20261126L, new Random().nextLong());
    }

    /** One wrapper invocation: what the plan declares, how it is called, and what must arrive. */
    record Case(
            int index,
            Instance instance,
            List<String> forwarded,
            Map<String, String> callerEnv,
            List<String> expectedArgv,
            Map<String, String> expectedEnv,
            Path expectedCwd,
            int randomValues) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyValueArrivesByteForByteInEveryShell(long seed, @TempDir Path tmp) throws Exception {
        Path perl = Tools.require("perl");
        Path dash = Tools.require("dash");
        var shells = new LinkedHashMap<Shells, List<String>>();
        for (Shells s : Shells.values()) shells.put(s, s.command());
        Path dir = tmp.toRealPath();
        Path reporter = copyResource("reporter.sh", dir);
        Path driver = copyResource("driver.pl", dir);

        var gen = new RandomValues(new Random(seed));
        var cases = new ArrayList<Case>();
        var plan = TestPlans.setup("roundtrip").node("n", "127.0.0.1", Target.WRAPPER);
        for (int k = 0; k < CASES; k++) {
            Case c = randomCase(k, gen, dash, reporter, dir);
            cases.add(c);
            plan.instance(c.instance());
        }
        Path tree = dir.resolve("tree");
        Emission emission = new WrapperEmitter(tree.toString()).emit(plan.build(), "n");
        assertThat(emission.hasErrors())
                .as("seed %d: %s", seed, emission.diagnostics())
                .isFalse();
        new TreeWriter().write(tree, emission.files(), false);

        int values = 0;
        for (Case c : cases) values += c.randomValues();
        long started = System.nanoTime();
        var failures = new ArrayList<String>();
        for (var shell : shells.entrySet()) {
            var caseFiles = new ArrayList<String>();
            for (Case c : cases) {
                var command = new ArrayList<>(shell.getValue());
                command.add(tree.resolve("n/bin/" + c.instance().name()).toString());
                command.addAll(c.forwarded());
                var env = new TreeMap<>(c.callerEnv());
                env.put("MODSVC_REPORT", report(dir, shell.getKey(), c).toString());
                Path file = dir.resolve("case-" + shell.getKey().ordinal() + "-" + c.index());
                Files.write(file, caseFile(command, env));
                caseFiles.add(file.toString());
            }
            String statuses = run(driver, perl, caseFiles, dir);
            for (Case c : cases) {
                String problem = check(c, shell.getKey(), dir);
                if (problem != null) failures.add(problem);
            }
            if (!failures.isEmpty()) failures.add("driver said:\n" + statuses);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "wrapper round trip, seed %d: %d wrappers with %d random values, each run under %d shells, in %d ms%n",
                seed, CASES, values, shells.size(), ms);
        assertThat(failures)
                .as("seed %d (replay with -Dmodsvc.seed=%d); %d failure(s)", seed, seed, failures.size())
                .isEmpty();
    }

    /** The reporter is the yardstick, so it is checked on its own first: run directly, no wrapper. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reporterItselfIsByteExact(long seed, @TempDir Path tmp) throws Exception {
        Path perl = Tools.require("perl");
        Path dash = Tools.require("dash");
        Path dir = tmp.toRealPath();
        Path reporter = copyResource("reporter.sh", dir);
        Path driver = copyResource("driver.pl", dir);
        var gen = new RandomValues(new Random(seed));
        var args = new ArrayList<String>(List.of("", RandomValues.allLatin1()));
        for (int i = 0; i < 200; i++) args.add(gen.value());
        var env = new TreeMap<String, String>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("ALL", RandomValues.allLatin1());
        env.put("EMPTY", "");
        for (int i = 0; i < 100; i++) env.put("V" + i, gen.value());
        Path out = dir.resolve("report");
        env.put("MODSVC_REPORT", out.toString());
        var command = new ArrayList<>(List.of(dash.toString(), reporter.toString()));
        command.addAll(args);
        Path file = dir.resolve("case");
        Files.write(file, caseFile(command, env));
        run(driver, perl, List.of(file.toString()), dir);

        Report got = Report.parse(Files.readAllBytes(out));
        assertThat(got.argv()).hasSize(args.size());
        for (int i = 0; i < args.size(); i++) {
            assertThat(show(got.argv().get(i)))
                    .as("seed %d, argument %d", seed, i)
                    .isEqualTo(show(Report.utf8(args.get(i))));
        }
        var received = new TreeMap<String, String>();
        got.env().forEach((k, v) -> {
            if (!k.equals("PWD")) received.put(k, show(v));
        });
        var expected = new TreeMap<String, String>();
        env.forEach((k, v) -> expected.put(k, show(Report.utf8(v))));
        assertThat(received).as("seed %d", seed).isEqualTo(expected);
        assertThat(show(got.cwd())).isEqualTo(show(Report.utf8(dir.toString())));
    }

    static Case randomCase(int k, RandomValues gen, Path dash, Path reporter, Path dir) throws IOException {
        Random r = gen.random();
        var b = TestPlans.instance("n", "c" + k).argv(dash.toString(), reporter.toString());
        var declared = new ArrayList<String>();
        for (int i = r.nextInt(6); i > 0; i--) declared.add(gen.value());
        declared.forEach(v -> b.argvValue(Value.of(v)));
        var forwarded = new ArrayList<String>();
        for (int i = r.nextInt(6); i > 0; i--) forwarded.add(gen.value());
        var after = new ArrayList<Value>();
        for (int i = r.nextInt(4); i > 0; i--) after.add(Value.of(gen.value()));

        var caller = new TreeMap<String, String>();
        caller.put("PATH", "/usr/bin:/bin");
        for (String n : NAMES) {
            if (r.nextInt(3) == 0) caller.put(n, callerValue(n, gen));
        }
        var unset = new ArrayList<String>();
        var set = new TreeMap<String, String>();
        var defaults = new TreeMap<String, String>();
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        var suffix = new TreeMap<String, WrapperPlan.PathList>();
        for (String n : NAMES) {
            if (r.nextInt(6) == 0) unset.add(n);
            if (r.nextInt(4) == 0) set.put(n, gen.value());
            if (r.nextInt(4) == 0) defaults.put(n, gen.value());
            if (r.nextInt(4) == 0) prefix.put(n, pathList(gen, caller.get(n)));
            if (r.nextInt(4) == 0) suffix.put(n, pathList(gen, caller.get(n)));
        }
        set.forEach((n, v) -> b.envValue(n, Value.of(v)));

        Value chdir = null;
        Path cwd = dir;
        if (r.nextInt(3) == 0) {
            String name = gen.directoryName(k);
            Path made = Files.createDirectory(dir.resolve(name));
            cwd = made.toRealPath();
            chdir = Value.of(r.nextBoolean() ? made.toString() : name);
        }
        b.wrapper(new WrapperPlan(valueMap(defaults), unset, prefix, suffix, chdir, after));

        var expectedArgv = new ArrayList<String>();
        expectedArgv.addAll(declared);
        expectedArgv.addAll(forwarded);
        after.forEach(v -> expectedArgv.add(v.plain()));

        // The reference semantics, operation by operation, as docs/wrapper-target.md states them.
        var env = new TreeMap<>(caller);
        unset.forEach(env::remove);
        env.putAll(set);
        defaults.forEach(env::putIfAbsent);
        prefix.forEach((n, l) -> addEntries(env, n, l, true));
        suffix.forEach((n, l) -> addEntries(env, n, l, false));
        int values =
                declared.size() + forwarded.size() + after.size() + caller.size() - 1 + set.size() + defaults.size();
        for (var l : prefix.values()) values += l.values().size();
        for (var l : suffix.values()) values += l.values().size();
        return new Case(k, b.build(), forwarded, caller, expectedArgv, env, cwd, values);
    }

    private static String callerValue(String name, RandomValues gen) {
        Random r = gen.random();
        if (name.equals("LC_ALL")) {
            return List.of("C", "C.UTF-8", "POSIX", "").get(r.nextInt(4));
        }
        return gen.value();
    }

    /** Entries, sometimes repeated or already present in the caller's value, to exercise de-duplication. */
    private static WrapperPlan.PathList pathList(RandomValues gen, String callerValue) {
        Random r = gen.random();
        String sep = List.of(":", ":", ";", " ", "\n", "'", "*", "::", "\u00e9").get(r.nextInt(9));
        var values = new ArrayList<Value>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            int pick = r.nextInt(6);
            if (pick == 0 && !values.isEmpty()) values.add(values.get(0));
            else if (pick == 1 && callerValue != null && !callerValue.isEmpty()) {
                String[] parts = callerValue.split(java.util.regex.Pattern.quote(sep), -1);
                values.add(Value.of(parts[r.nextInt(parts.length)]));
            } else values.add(Value.of(gen.value()));
        }
        return new WrapperPlan.PathList(sep, values);
    }

    private static void addEntries(Map<String, String> env, String name, WrapperPlan.PathList list, boolean prefix) {
        var entries = new ArrayList<String>();
        list.values().forEach(v -> {
            if (!v.plain().isEmpty()) entries.add(v.plain());
        });
        if (prefix) java.util.Collections.reverse(entries);
        String sep = list.separator();
        for (String e : entries) {
            String cur = env.getOrDefault(name, "");
            boolean present =
                    cur.equals(e) || cur.startsWith(e + sep) || cur.endsWith(sep + e) || cur.contains(sep + e + sep);
            if (cur.isEmpty()) env.put(name, e);
            else if (!present) env.put(name, prefix ? e + sep + cur : cur + sep + e);
        }
    }

    private static TreeMap<String, Value> valueMap(Map<String, String> m) {
        var out = new TreeMap<String, Value>();
        m.forEach((k, v) -> out.put(k, Value.of(v)));
        return out;
    }

    private static Path report(Path dir, Shells shell, Case c) {
        return dir.resolve("report-" + shell.ordinal() + "-" + c.index());
    }

    private static byte[] caseFile(List<String> command, Map<String, String> env) {
        var out = new ByteArrayOutputStream();
        field(out, Integer.toString(command.size()));
        command.forEach(w -> field(out, w));
        field(out, Integer.toString(env.size()));
        env.forEach((k, v) -> field(out, k + "=" + v));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static String run(Path driver, Path perl, List<String> caseFiles, Path dir) throws Exception {
        var command = new ArrayList<String>(List.of(perl.toString(), driver.toString()));
        command.addAll(caseFiles);
        Path errors = dir.resolve("driver.err");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(errors.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("driver: %s", Files.readString(errors)).isZero();
        return out + Files.readString(errors);
    }

    /** Null when the report matches the case, else a readable description. */
    private static String check(Case c, Shells shell, Path dir) throws IOException {
        Path report = report(dir, shell, c);
        String where = shell + ", case c" + c.index();
        if (!Files.exists(report)) return where + ": the reporter did not run";
        Report received = Report.parse(Files.readAllBytes(report));
        var argv = received.argv();
        var env = new TreeMap<String, byte[]>();
        received.env().forEach((name, value) -> {
            if (!SHELL_OWNED.contains(name) && !name.equals("MODSVC_REPORT")) env.put(name, value);
        });
        byte[] cwd = received.cwd();

        var problems = new ArrayList<String>();
        if (argv.size() != c.expectedArgv().size()) {
            problems.add("argv has " + argv.size() + " words, expected "
                    + c.expectedArgv().size());
        }
        for (int j = 0; j < Math.min(argv.size(), c.expectedArgv().size()); j++) {
            byte[] want = c.expectedArgv().get(j).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(want, argv.get(j))) {
                problems.add("argv[" + j + "] = " + show(argv.get(j)) + ", expected " + show(want));
            }
        }
        var expectedEnv = new TreeMap<String, String>(c.expectedEnv());
        SHELL_OWNED.forEach(expectedEnv::remove);
        if (!env.keySet().equals(expectedEnv.keySet())) {
            problems.add("environment names " + env.keySet() + ", expected " + expectedEnv.keySet());
        }
        expectedEnv.forEach((k, v) -> {
            byte[] got = env.get(k);
            byte[] want = v.getBytes(StandardCharsets.UTF_8);
            if (got != null && !Arrays.equals(got, want)) {
                problems.add(k + " = " + show(got) + ", expected " + show(want));
            }
        });
        byte[] wantCwd = c.expectedCwd().toString().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(cwd, wantCwd)) problems.add("cwd " + show(cwd) + ", expected " + show(wantCwd));
        if (problems.isEmpty()) return null;
        return where + " (" + dir.resolve("tree/n/bin/c" + c.index()) + "):\n    " + String.join("\n    ", problems);
    }

    /** Bytes as a Java-like literal: printable ASCII as is, the rest as \xNN. */
    static String show(byte[] b) {
        var s = new StringBuilder("\"");
        for (byte x : b) {
            int v = x & 0xff;
            if (v >= 0x20 && v < 0x7f && v != '"' && v != '\\') s.append((char) v);
            else s.append(String.format("\\x%02x", v));
        }
        return s.append('"').toString();
    }

    static Path copyResource(String name, Path dir) throws IOException {
        try (var in = WrapperRoundTripTest.class.getResourceAsStream("/wrapper/" + name)) {
            assertThat(in).as("test resource wrapper/" + name).isNotNull();
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }
}
