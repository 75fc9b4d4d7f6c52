package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fuzzer: seeded, time-boxed mutations (byte flips, truncations, shuffled, swapped, duplicated
 * and dropped lines, random Unicode, deep nesting, huge values) over the samples, the diagnostic
 * fixtures, the catalogue and the regression corpus, each run in-process through {@code validate},
 * {@code plan} and {@code emit}. Whatever the input, every command ends in success or in located
 * diagnostics: exit code 0, 1 or 2, never 3, never a stack trace, never longer than {@link
 * #CASE_SECONDS} seconds.
 *
 * <p>The regression corpus ({@code src/test/resources/fuzz-corpus/}) is replayed first, unmutated.
 * A failing case is copied there (directory {@code seed-N} with a {@code fuzz-case.txt} saying
 * where it came from), so that once fixed it is replayed on every build.
 *
 * <p>Each case has its own seed, printed on failure; {@code -Dmodsvc.seed=N} replays exactly that
 * case. {@code -Dmodsvc.mutations=N} runs N cases per batch instead of the CI's, for a longer hunt
 * on a workstation ({@code -Dmodsvc.fuzzBase=N} starts elsewhere).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MutatedInputTest {
    private static final int BATCHES = 6;
    private static final int PER_BATCH = 100;
    private static final long BASE = 20_261_126L;
    private static final int CASE_SECONDS = 20;
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-corpus");
    private static final String CASE_FILE = "fuzz-case.txt";
    private static final Pattern LOCATED = Pattern.compile("(?m)^\\S.*:\\d+:\\d+: error\\[E\\d{3}\\]");

    @TempDir
    static Path tmp;

    private static ExecutorService runner;

    @BeforeAll
    static void startRunner() {
        // A daemon thread: a case that hangs fails the test and must not keep the JVM alive.
        runner = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopRunner() {
        runner.shutdownNow();
    }

    static Stream<Arguments> batches() {
        String replay = System.getProperty("modsvc.seed");
        if (replay != null && !replay.isBlank()) return Stream.of(Arguments.of(Long.parseLong(replay.strip()), 1L));
        long per = Long.getLong("modsvc.mutations", PER_BATCH);
        long base = Long.getLong("modsvc.fuzzBase", BASE);
        return LongStream.range(0, BATCHES).mapToObj(b -> Arguments.of(base + b * per, per));
    }

    static Stream<Path> regressions() throws IOException {
        if (!Files.isDirectory(REGRESSIONS)) return Stream.empty();
        try (var s = Files.list(REGRESSIONS)) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    /** Setup directories to start from: samples, diagnostic fixtures, found cases. */
    static List<Path> corpus() throws IOException {
        var out = new ArrayList<Path>();
        for (Path root :
                List.of(Path.of("../samples"), Path.of("../contracts/src/test/resources/diagnostics"), REGRESSIONS)) {
            if (!Files.isDirectory(root)) continue;
            try (var s = Files.list(root)) {
                s.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Order(1)
    @ParameterizedTest(name = "regression {0}", allowZeroInvocations = true)
    @MethodSource("regressions")
    void foundCasesStayFixed(Path dir) throws IOException {
        Path copy = tmp.resolve("regression-" + dir.getFileName());
        copy(dir, copy);
        String what = "regression case " + dir + ": " + describe(dir);
        for (String[] args : commands(target(copy), copy.resolveSibling(copy.getFileName() + "-out"))) {
            check(args, what, null, null, null);
        }
        deleteTree(copy);
    }

    @Order(2)
    @ParameterizedTest(name = "{1} cases from seed {0}")
    @MethodSource("batches")
    void mutatedSetupsEndInSuccessOrLocatedDiagnostics(long first, long count) throws IOException {
        var corpus = new ArrayList<>(corpus());
        assertThat(corpus).as("the corpus of samples and fixtures").hasSizeGreaterThan(10);
        corpus.add(catalogueAsSetup());
        for (long seed = first; seed < first + count; seed++) {
            runCase(seed, corpus);
        }
    }

    /**
     * A setup that overrides every catalogue contract and provider module with a copy, and runs
     * every provider: mutations then reach the contract and provider readers too.
     */
    private static Path catalogueAsSetup() throws IOException {
        Path dir = tmp.resolve("catalogue-setup");
        if (Files.isDirectory(dir)) return dir;
        Path root = Path.of("../contracts/src/main/resources/org/modsvc/catalogue");
        var run = new ArrayList<String>();
        for (String rel : Files.readAllLines(root.resolve("index.txt"))) {
            if (rel.isBlank() || rel.startsWith("#")) continue;
            Path to = dir.resolve(rel.strip());
            Files.createDirectories(to.getParent());
            Files.copy(root.resolve(rel.strip()), to);
            if (rel.startsWith("services/")) run.add(to.getFileName().toString().replace(".yaml", ""));
        }
        Files.writeString(
                dir.resolve("setup.yaml"),
                "nodes:\n  n1: { address: 10.0.0.1, run: [" + String.join(", ", run) + "] }\n");
        return dir;
    }

    private static void runCase(long seed, List<Path> corpus) throws IOException {
        var rnd = new Random(seed);
        Path source = corpus.get(rnd.nextInt(corpus.size()));
        Path dir = tmp.resolve("case-" + seed);
        copy(source, dir);
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        var applied = new ArrayList<String>();
        // One case in four is a structured hostile case (special variables, secret lines, OS-owned
        // names, fan-out), left unmutated so that what it must show stays true of it.
        HostileCases.Applied hostile = rnd.nextInt(4) == 0 ? HostileCases.apply(dir, rnd, seed) : null;
        if (hostile != null) {
            applied.add(hostile.description());
        } else if (!files.isEmpty()) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                Path f = files.get(rnd.nextInt(files.size()));
                byte[] mutated = ByteMutations.mutate(Files.readAllBytes(f), rnd, applied);
                Files.write(f, mutated);
                applied.set(applied.size() - 1, dir.relativize(f) + ": " + applied.get(applied.size() - 1));
            }
        }
        String what =
                "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + "), from " + source + ", mutations " + applied;
        Path out = tmp.resolve("case-" + seed + "-out");
        List<String[]> all = commands(target(dir), out);
        // Every case validates, plans and emits; the output format and emit target vary by seed.
        int emit = hostile != null && hostile.wrapperEmit() ? 5 : 4 + rnd.nextInt(2);
        var chosen = List.of(all.get(rnd.nextInt(2)), all.get(2 + rnd.nextInt(2)), all.get(emit), all.get(6));
        for (String[] args : chosen) {
            check(args, what, () -> keep(seed, source, applied, dir), hostile == null ? null : hostile.expect(), out);
        }
        deleteTree(dir);
        if (Files.exists(out)) deleteTree(out);
    }

    private static Path target(Path dir) {
        for (String single : List.of("single.yaml", "single.json"))
            if (Files.exists(dir.resolve(single))) return dir.resolve(single);
        return dir;
    }

    /** validate and plan in text and JSON, emit to each target and to the nodes' own. */
    private static List<String[]> commands(Path target, Path out) {
        String t = target.toString();
        return List.of(
                new String[] {"validate", t},
                new String[] {"validate", t, "--format", "json"},
                new String[] {"plan", t},
                new String[] {"plan", t, "--format", "json"},
                new String[] {"emit", t, "--target", "systemd", "--out", out.toString(), "--force"},
                new String[] {"emit", t, "--target", "wrapper", "--out", out.toString(), "--force"},
                new String[] {"emit", t, "--out", out.toString(), "--force"});
    }

    /** Runs one command with a time limit and checks how it ended; {@code keep} saves the case. */
    private static void check(
            String[] args, String what, ThrowingRunnable keep, HostileCases.Expectation expect, Path out)
            throws IOException {
        var future = runner.submit(() -> Run.of(tmp, Map.of(), false, args));
        Run r;
        try {
            r = future.get(CASE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            String saved = keep == null ? "" : ", saved as " + keep.run();
            fail(args[0] + " took more than " + CASE_SECONDS + " s: " + what + saved);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the test harness failed on " + what, e.getCause());
        }
        String about = String.join(" ", args[0], args.length > 3 ? args[2] + " " + args[3] : "") + ": " + what
                + "\nstderr:\n" + abbreviate(r.err());
        boolean crashed = r.code() != ExitCode.OK && r.code() != ExitCode.INVALID && r.code() != ExitCode.USAGE
                || r.err().contains("Exception")
                || r.err().contains("\tat ")
                || r.out().contains("Exception")
                || r.out().contains("\tat ");
        // Text diagnostics on stderr point at a file, line and column; JSON output carries them.
        boolean unlocated = r.code() == ExitCode.INVALID
                && !LOCATED.matcher(r.err()).find()
                && !(List.of(args).contains("json") && r.out().contains("\"line\""));
        if ((crashed || unlocated) && keep != null) about += "\nsaved as " + keep.run();
        assertThat(crashed).as("crash in " + about).isFalse();
        assertThat(unlocated).as("errors without a location in " + about).isFalse();
        if (expect == null) return;
        try {
            expect.check(List.of(args), r, List.of(args).contains("--out") ? out : null);
        } catch (AssertionError e) {
            String saved = keep == null ? "" : "\nsaved as " + keep.run();
            throw new AssertionError(e.getMessage() + "\nin " + about + saved, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    /** Saves a failing case into the regression corpus, where every later run replays it first. */
    private static String keep(long seed, Path source, List<String> applied, Path dir) throws IOException {
        Path to = REGRESSIONS.resolve("seed-" + seed);
        if (Files.exists(to)) deleteTree(to);
        copy(dir, to);
        Files.writeString(
                to.resolve(CASE_FILE),
                "found by MutatedInputTest, seed " + seed + ", from " + source.normalize() + "\nmutations: " + applied
                        + "\nexpect: every command ends with exit 0, 1 or 2 and located diagnostics\n");
        return to.toAbsolutePath().normalize().toString();
    }

    private static String describe(Path dir) throws IOException {
        Path f = dir.resolve(CASE_FILE);
        return Files.exists(f) ? Files.readString(f).strip() : "(no " + CASE_FILE + ")";
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        String run() throws IOException;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
