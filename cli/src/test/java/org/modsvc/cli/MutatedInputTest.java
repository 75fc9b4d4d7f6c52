package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutation test: byte flips, truncations, shuffled, duplicated and dropped lines over the
 * samples and the diagnostic fixtures, each run through {@code validate} in-process. Whatever the
 * input, the answer is an exit code of 0, 1 or 2 and never a stack trace. Each case has its own
 * seed, printed on failure; {@code -Dmodsvc.seed=N} replays exactly that case, and
 * {@code -Dmodsvc.mutations=N} runs N cases per batch instead of the CI's few thousand in all.
 */
class MutatedInputTest {
    private static final int BATCHES = 6;
    private static final int PER_BATCH = 400;
    private static final long BASE = 20_261_126L;
    private static final byte[] INTERESTING = ":-[]{}&*!|>'\"#,\n\r\t\0 ?%@`~$.".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path tmp;

    static Stream<Arguments> batches() {
        String replay = System.getProperty("modsvc.seed");
        if (replay != null && !replay.isBlank()) return Stream.of(Arguments.of(Long.parseLong(replay.strip()), 1L));
        // -Dmodsvc.mutations=N runs N cases per batch, for a longer hunt on a workstation.
        long per = Long.getLong("modsvc.mutations", PER_BATCH);
        return LongStream.range(0, BATCHES).mapToObj(b -> Arguments.of(BASE + b * per, per));
    }

    /** Setup directories and single-file setups to start from. */
    static List<Path> corpus() throws IOException {
        var out = new ArrayList<Path>();
        for (Path root : List.of(Path.of("../samples"), Path.of("../contracts/src/test/resources/diagnostics"))) {
            if (!Files.isDirectory(root)) continue;
            try (var s = Files.list(root)) {
                s.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1} cases from seed {0}")
    @MethodSource("batches")
    void mutatedSetupsNeverCrashTheValidator(long first, long count) throws IOException {
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
    private Path catalogueAsSetup() throws IOException {
        Path root = Path.of("../contracts/src/main/resources/org/modsvc/catalogue");
        Path dir = tmp.resolve("catalogue-setup");
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

    private void runCase(long seed, List<Path> corpus) throws IOException {
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
        if (!files.isEmpty()) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                Path f = files.get(rnd.nextInt(files.size()));
                byte[] mutated = mutate(Files.readAllBytes(f), rnd, applied);
                Files.write(f, mutated);
                applied.set(applied.size() - 1, dir.relativize(f) + ": " + applied.get(applied.size() - 1));
            }
        }
        Path target = dir;
        for (String single : List.of("single.yaml", "single.json"))
            if (Files.exists(dir.resolve(single))) target = dir.resolve(single);
        String[] args = rnd.nextBoolean()
                ? new String[] {"validate", target.toString()}
                : new String[] {"validate", target.toString(), "--format", "json"};
        var r = Run.of(tmp, Map.of(), rnd.nextInt(4) == 0, args);
        String what = "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + "), from " + source + ", mutations "
                + applied + "\nstderr:\n" + r.err();
        assertThat(r.code()).as(what).isIn(ExitCode.OK, ExitCode.INVALID, ExitCode.USAGE);
        assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        deleteTree(dir);
    }

    private static byte[] mutate(byte[] in, Random rnd, List<String> applied) {
        switch (rnd.nextInt(7)) {
            case 0 -> {
                if (in.length == 0) break;
                byte[] out = in.clone();
                int at = rnd.nextInt(in.length);
                out[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : INTERESTING[rnd.nextInt(INTERESTING.length)];
                applied.add("byte " + at + " set to " + (out[at] & 0xff));
                return out;
            }
            case 1 -> {
                int len = in.length == 0 ? 0 : rnd.nextInt(in.length);
                applied.add("truncated to " + len);
                return java.util.Arrays.copyOf(in, len);
            }
            case 2 -> {
                var lines = lines(in);
                Collections.shuffle(lines, rnd);
                applied.add("lines shuffled");
                return join(lines);
            }
            case 3 -> {
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    lines.add(rnd.nextInt(lines.size() + 1), lines.get(at));
                    applied.add("line " + (at + 1) + " duplicated");
                    return join(lines);
                }
            }
            case 4 -> {
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    lines.remove(at);
                    applied.add("line " + (at + 1) + " dropped");
                    return join(lines);
                }
            }
            case 5 -> {
                if (in.length == 0) break;
                int at = rnd.nextInt(in.length + 1);
                byte[] ins = INTERESTING;
                int from = rnd.nextInt(ins.length);
                int len = 1 + rnd.nextInt(Math.min(4, ins.length - from));
                byte[] out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(ins, from, out, at, len);
                System.arraycopy(in, at, out, at + len, in.length - at);
                applied.add("inserted " + len + " bytes at " + at);
                return out;
            }
            default -> {
                // indentation is structure in YAML: move one line left or right
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    String l = lines.get(at);
                    lines.set(at, rnd.nextBoolean() ? "  " + l : l.replaceFirst("^ {1,2}", ""));
                    applied.add("line " + (at + 1) + " re-indented");
                    return join(lines);
                }
            }
        }
        applied.add("unchanged");
        return in;
    }

    private static List<String> lines(byte[] in) {
        return new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
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
