package org.modsvc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.testing.Seeds;

/**
 * The fast YAML reader either gives up or yields exactly what SnakeYAML yields: the same tree
 * (texts, kinds, spans, order), the same diagnostics and the same source, for every YAML file in
 * the repository, for generated setups, and for random documents in and around its subset.
 */
class FastYamlTest {
    private static final SourceReader READER = new SourceReader(Limits.DEFAULT);
    /** Small limits, so that limit diagnostics and stopped reading are reached too. */
    private static final SourceReader SMALL =
            new SourceReader(Limits.DEFAULT.with("depth", 4).with("nodes", 30).with("string-length", 12));

    /**
     * Reads {@code text} both ways and compares; returns whether the fast reader kept it (false
     * when it gave up). The automatic choice must equal SnakeYAML in either case.
     */
    private static boolean same(SourceReader reader, String name, String text, String context) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var snake = reader.read(name, bytes, false, SourceReader.YamlPath.SNAKE);
        var fast = reader.read(name, bytes, false, SourceReader.YamlPath.FAST);
        var auto = reader.read(name, bytes, false, SourceReader.YamlPath.AUTO);
        assertThat(auto).as(context).isEqualTo(snake);
        if (fast == null) return false;
        assertThat(fast.root()).as(context).isEqualTo(snake.root());
        assertThat(fast.diagnostics()).as(context).isEqualTo(snake.diagnostics());
        assertThat(fast).as(context).isEqualTo(snake);
        return true;
    }

    private static List<Path> yamlFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyYamlFileOfTheRepositoryReadsAlikeOrFallsBack() throws IOException {
        // samples, every src/test/resources tree, the catalogue, the fuzz corpus
        List<Path> files = yamlFiles(Path.of(".."));
        assertThat(files).as("YAML files of the repository").hasSizeGreaterThan(100);
        int kept = 0;
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            if (same(READER, f.toString(), text, f.toString())) kept++;
            same(SMALL, f.toString(), text, f + " (small limits)");
        }
        // most of them are plain setups: the fast reader must not give up on everything
        assertThat(kept).as("files the fast reader kept, of " + files.size()).isGreaterThan(files.size() / 2);
    }

    @Test
    void generatedSetupsReadAlikeAndFast() throws IOException {
        List<Path> files = yamlFiles(Path.of("/work/perf/s10k"));
        var texts = new ArrayList<String>();
        for (Path f : files) texts.add(Files.readString(f));
        if (texts.isEmpty()) {
            for (int i = 0; i < 500; i++) texts.add(moduleLike(i));
            texts.add(setupLike(3000));
        }
        int kept = 0;
        for (int i = 0; i < texts.size(); i++) {
            String name = i < files.size() ? files.get(i).toString() : "gen" + i + ".yaml";
            if (same(READER, name, texts.get(i), name)) kept++;
        }
        assertThat(kept)
                .as("generated files are all in the fast reader's subset")
                .isEqualTo(texts.size());
    }

    /** A module file shaped like the bench generator's. */
    private static String moduleLike(int i) {
        String n = String.format("svc%06d", i);
        return "name: " + n + "\nprocess:\n  argv: [/usr/bin/gen-app, --port, \"${provides.api.port}\", --db,"
                + " \"${requires.db.host}\"]\n  environment:\n    DB_PORT: \"${requires.db.port}\"\n"
                + "notificationProtocol: systemd\nprovides:\n  api: { contract: gen.api, version: \"1.2\","
                + " result: { host: \"${node.address}\", port: " + (20000 + i) + " } }\nrequires:\n"
                + "  db: { contract: gen.db, version: \">=15 <17\", policy: shared, request: { database: " + n
                + " } }\n  cache: { contract: gen.cache, policy: sub-service }\n";
    }

    private static String setupLike(int services) {
        var sb = new StringBuilder("# generated\nname: generated\npolicy: sub-service\nnodes:\n");
        for (int node = 0; node < 3; node++) {
            sb.append("  n")
                    .append(node)
                    .append(":\n    address: 10.0.0.")
                    .append(node)
                    .append("\n    run:\n");
            for (int i = node; i < services; i += 3) sb.append(String.format("      - svc%06d%n", i));
        }
        return sb.toString();
    }

    /** Small cases, each with whether the fast reader must keep it. */
    @Test
    void typicalShapesAreKeptAndUnusualOnesFallBack() {
        String[] kept = {
            "",
            "# only a comment\n",
            "a: b\n",
            "a: b",
            "a:\n",
            "a:\nb: c\n",
            "a:\n  - x\n  -\n  - y: z\n    w: v\n",
            "a:\n- x\n- y\nb: 1\n",
            "- a\n- b: c\n  d: e\n-\n- [x, 'y', \"z\"]\n",
            "a: { b: c, d: { e: \"f\" } }  # comment\n",
            "a: [ ]\nb: {}\n",
            "a: it's a#b ok   \n",
            "a: 'it''s'\n",
            "k: no\nl: yes\nm: 1.10\nn: ~\no: null\np: 0x1F\n",
            "a: x:y\nb: http://h:80/p\n",
            "a:   \n  # c\n  b: c\n",
            "  a: b\n  c: d\n",
            "plain words at root\n",
            "a: é日本\n",
            "a: [x y, -z, a\"b]\n",
        };
        for (String t : kept) {
            assertThat(same(READER, "t.yaml", t, t)).as("kept: " + t).isTrue();
        }
        String[] fallBack = {
            "a: &x b\nc: *x\n",
            "a: !!str b\n",
            "a: |\n  b\n",
            "a: >\n  b\n",
            "a: b\n  c\n",
            "a: [b,\n  c]\n",
            "a: \"b\\tc\"\n",
            "? a\n: b\n",
            "---\na: b\n",
            "a: b\n...\n",
            "%YAML 1.1\n---\na: b\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: b\nb: c\na: d\n",
            "<<: {a: b}\n",
            "a: b: c\n",
            "\"a\": b\n",
            "a: [b, ]\n",
            "a: {b}\n",
            "a b: c\n",
            "a: b\n c: d\n",
            "- - a\n",
            "a: [b]x\n",
            "a: \"b\"#c\n",
        };
        for (String t : fallBack) {
            assertThat(same(READER, "t.yaml", t, t)).as("falls back: " + t).isFalse();
        }
    }

    @Test
    void deepNestingWithARaisedLimitFallsBackInsteadOfOverflowing() {
        var deep = new SourceReader(Limits.DEFAULT.with("depth", 100_000));
        // past the fast reader's 128 levels, yet shallow enough for the trees' recursive equals
        // (3000 levels used to stop at the over-counted nodes limit before any tree was made)
        String flow = "a: " + "[".repeat(300) + "]".repeat(300) + "\n";
        assertThat(same(deep, "d.yaml", flow, "deep flow")).isFalse();
        var block = new StringBuilder();
        for (int i = 0; i < 300; i++) block.append(" ".repeat(i)).append("k:\n");
        assertThat(same(deep, "d.yaml", block.toString(), "deep block")).isFalse();
        // within the fast reader's own depth it keeps the file
        String nested = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertThat(same(deep, "d.yaml", nested, "nested")).isTrue();
    }

    @Test
    void plainKindMatchesTheRegularExpressions() {
        String alphabet = "0123456789+-_.eExXoObBaAfFiInNlLuUtTrRsSyY~ :/gz";
        long seed = Long.getLong("modsvc.seed", 7L);
        var rnd = new Random(seed);
        for (int i = 0; i < 300_000; i++) {
            var sb = new StringBuilder();
            int len = rnd.nextInt(7);
            for (int j = 0; j < len; j++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String t = sb.toString();
            assertThat(PlainScalars.plainKind(t))
                    .as("seed " + seed + ": '" + t + "'")
                    .isEqualTo(PlainScalars.plainKindByPatterns(t));
        }
        for (String t : new String[] {
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "0",
            "-0",
            "+12_3",
            "012",
            "0o17",
            "0x1F",
            "0X1F",
            "1.10",
            "1.",
            ".5",
            "1e3",
            "1E-3",
            "-.inf",
            "+.Inf",
            ".INF",
            ".nan",
            ".NaN",
            "-.nan",
            "1_000.5_",
            "n1/svc000001.db",
            "name",
            "nodes",
            "0b1",
            "1:20",
            "fals",
            "Yes.",
            "1e",
            "e1",
            ".",
            "+",
            "-"
        }) {
            assertThat(PlainScalars.plainKind(t)).as("'" + t + "'").isEqualTo(PlainScalars.plainKindByPatterns(t));
        }
    }

    // --- seeded random documents -------------------------------------------------------------

    private static final int BATCHES = 8;
    /** Documents per batch; raise with -Dmodsvc.yamlCases=N for a longer local run. */
    private static final long PER_BATCH = Long.getLong("modsvc.yamlCases", 500);

    static Stream<Arguments> batches() {
        var fixed = Seeds.fixed();
        if (fixed.isPresent()) return Stream.of(Arguments.of(fixed.getAsLong(), 1L));
        return LongStream.range(0, BATCHES).mapToObj(b -> Arguments.of(1000 + b * PER_BATCH, PER_BATCH));
    }

    @ParameterizedTest(name = "{1} documents from seed {0}")
    @MethodSource("batches")
    void randomDocumentsReadAlikeOrFallBack(long first, long count) {
        int kept = 0;
        int mutatedKept = 0;
        for (long seed = first; seed < first + count; seed++) {
            var rnd = new Random(seed);
            String doc = new Gen(rnd).document();
            String context = Seeds.replay(seed);
            try {
                if (same(READER, "r.yaml", doc, context + ":\n" + doc)) kept++;
                same(SMALL, "r.yaml", doc, context + " small limits:\n" + doc);
                for (int m = 0; m < 4; m++) {
                    String mutated = mutate(rnd, doc);
                    if (same(READER, "r.yaml", mutated, context + " mutation " + m + ":\n" + mutated)) mutatedKept++;
                }
            } catch (AssertionError | RuntimeException e) {
                System.err.println("FastYamlTest failed at " + context);
                throw e;
            }
        }
        System.out.printf(
                "FastYamlTest seeds %d..%d: fast reader kept %d of %d documents, %d of %d mutations%n",
                first, first + count - 1, kept, count, mutatedKept, 4 * count);
        if (count > 50)
            assertThat(kept).as("unmutated documents the fast reader kept").isGreaterThan((int) (count / 5));
    }

    private static final String[] MUTATION_TEXT = {
        " ",
        "\n",
        "-",
        ":",
        "#",
        "'",
        "\"",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\t",
        "&",
        "*",
        "!",
        "|",
        ">",
        "?",
        "é",
        "\r",
        "x",
        "- ",
        ": ",
        " #",
        "  ",
        "\\",
        "%",
        "@",
        "`",
        "~",
        "---",
        "\u2028",
        "\uFEFF",
        "\u0085",
        "\u00A0",
        "\uD83D\uDE00",
        "\n  ",
        "\n- ",
        "...",
        "<<: "
    };

    private static String mutate(Random rnd, String doc) {
        var sb = new StringBuilder(doc);
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    if (at < sb.length()) sb.deleteCharAt(at);
                }
                case 1 -> sb.insert(at, MUTATION_TEXT[rnd.nextInt(MUTATION_TEXT.length)]);
                default -> {
                    if (at < sb.length()) sb.insert(at, sb.charAt(at));
                }
            }
        }
        return sb.toString();
    }

    /** Random documents: mostly in the fast reader's subset, with things just outside it. */
    private static final class Gen {
        private static final String[] WORDS = {
            "a",
            "svc000002",
            "name",
            "no",
            "yes",
            "1.10",
            "~",
            "null",
            "Null",
            "true",
            "0x1F",
            "1e3",
            ".inf",
            "-1",
            "-x",
            "--port",
            "${a.b}",
            "a,b",
            "it's",
            "a\\b",
            "x y",
            "a#b",
            "a #b",
            "a:b",
            "http://h:80/p",
            "é",
            "日本",
            "a  b",
            "[a]",
            "{b}",
            "&x",
            "*x",
            "!t",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            "?x",
            ":x",
            "x?",
            "<<",
            "---",
            "...",
            "a: b",
            "a:",
            "=",
            "+",
            "0",
            "07",
            "y",
            "N",
            "off",
            "x\"y",
            "",
            " lead",
            "trail "
        };
        private static final String[] KEYS = {
            "a", "b", "name", "k1", "no", "1.10", "x-y", "a.b", "<<", "a b", "é", "~", "a#b", "x:y", "-k", "k]", "$v",
            "null"
        };

        /** Words and keys the fast reader keeps, so that half the documents go deep into its subset. */
        private static final String[] TAME_WORDS = {
            "a",
            "svc000002",
            "no",
            "1.10",
            "~",
            "null",
            "-1",
            "--port",
            "${a.b}",
            "a,b",
            "it's",
            "x y",
            "a#b",
            "a:b",
            "é",
            "0x1F",
            "true",
            "",
            "/usr/bin/x"
        };

        private static final String[] TAME_KEYS = {"a", "b", "name", "k1", "no", "1.10", "x-y", "a.b", "é", "~"};

        private final Random rnd;
        private final StringBuilder sb = new StringBuilder();
        private final String[] words;
        private final String[] keys;
        private int keyCount;

        Gen(Random rnd) {
            this.rnd = rnd;
            boolean tame = rnd.nextBoolean();
            this.words = tame ? TAME_WORDS : WORDS;
            this.keys = tame ? TAME_KEYS : KEYS;
        }

        String document() {
            if (rnd.nextInt(10) == 0) comment();
            switch (rnd.nextInt(6)) {
                case 0 -> blockSeq(0, 3);
                case 1 -> {
                    sb.append(flow(3));
                    sb.append('\n');
                }
                default -> blockMap(rnd.nextInt(8) == 0 ? 2 : 0, 3);
            }
            if (rnd.nextInt(6) == 0) comment();
            String s = sb.toString();
            return rnd.nextInt(8) == 0 && s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }

        private void comment() {
            sb.append(" ".repeat(rnd.nextInt(4)))
                    .append("# ")
                    .append(pick(WORDS))
                    .append('\n');
        }

        private boolean tame() {
            return keys == TAME_KEYS;
        }

        private String pick(String[] a) {
            return a[rnd.nextInt(a.length)];
        }

        private String scalar(boolean flow) {
            String w = pick(words);
            if (rnd.nextInt(5) == 0) w = w + " " + pick(words);
            return switch (rnd.nextInt(5)) {
                case 0 -> "'" + w.replace("'", "''") + "'";
                case 1 ->
                    "\"" + (rnd.nextInt(3) == 0 ? w.replace("\\", "\\\\").replace("\"", "\\\"") : w.replace("\"", ""))
                            + "\"";
                default -> w;
            };
        }

        private String key() {
            String k = pick(keys);
            // mostly distinct keys in tame documents: a duplicate key already sends the file to SnakeYAML
            if (keys == TAME_KEYS && rnd.nextInt(4) != 0) k = k + (++keyCount);
            if (!tame() && rnd.nextInt(12) == 0) return "\"" + k + "\"";
            return k;
        }

        private String sp() {
            int r = rnd.nextInt(8);
            return r == 0 ? "" : r == 1 ? "  " : " ";
        }

        private String flow(int depth) {
            boolean map = rnd.nextBoolean();
            var f = new StringBuilder(map ? "{" : "[");
            int n = rnd.nextInt(4);
            f.append(sp());
            for (int i = 0; i < n; i++) {
                if (i > 0) f.append(',').append(sp());
                if (map) f.append(key()).append(':').append(tame() ? " " : sp());
                if (depth > 0 && rnd.nextInt(4) == 0) f.append(flow(depth - 1));
                else f.append(scalar(true));
                f.append(rnd.nextInt(6) == 0 ? " " : "");
            }
            if (n > 0 && !tame() && rnd.nextInt(20) == 0) f.append(',');
            f.append(sp()).append(map ? "}" : "]");
            return f.toString();
        }

        private String lineEnd() {
            int r = rnd.nextInt(10);
            return (r == 0 ? "  " : "") + (r == 1 ? " # " + pick(WORDS) : r == 2 && !tame() ? "#c" : "") + "\n";
        }

        /** The value after 'key:' or '- ', including its line break and any nested lines. */
        private void value(int indent, int depth, boolean underKey) {
            int r = rnd.nextInt(10);
            if (depth <= 0) r = rnd.nextInt(4);
            if (r < 4) {
                sb.append(' ').append(scalar(false)).append(lineEnd());
            } else if (r < 6) {
                sb.append(' ').append(flow(depth)).append(lineEnd());
            } else if (r == 6) {
                sb.append(lineEnd());
            } else {
                sb.append(lineEnd());
                if (rnd.nextInt(8) == 0) comment();
                if (rnd.nextInt(8) == 0) sb.append('\n');
                int step = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(4) : 2;
                if (underKey && r == 7) blockSeq(indent, depth - 1);
                else if (r == 8) blockSeq(indent + step, depth - 1);
                else blockMap(indent + step, depth - 1);
            }
        }

        private void blockMap(int indent, int depth) {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(" ".repeat(indent))
                        .append(key())
                        .append(rnd.nextInt(30) == 0 ? " " : "")
                        .append(':');
                value(indent, depth, true);
            }
        }

        private void blockSeq(int indent, int depth) {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(" ".repeat(indent)).append('-');
                if (depth > 0 && rnd.nextInt(4) == 0) {
                    // a mapping in the entry: first key on the dash's line
                    int inner = indent + 2;
                    sb.append(' ').append(key()).append(':');
                    value(inner, depth - 1, true);
                    int more = rnd.nextInt(3);
                    for (int j = 0; j < more; j++) {
                        sb.append(" ".repeat(inner)).append(key()).append(':');
                        value(inner, depth - 1, true);
                    }
                } else {
                    value(indent, depth, false);
                }
            }
        }
    }
}
