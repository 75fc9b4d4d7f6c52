package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.RandomSetups;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * {@link PrettyJson} writes the same bytes as Jackson's generator with its default pretty printer:
 * random documents of random shape with strings full of characters that need escaping or several
 * UTF-8 bytes (controls, quotes, surrogates paired and not, U+2028, U+FFFF), and the plan JSON of
 * random setups. Seeded; {@code -Dmodsvc.seed=N} replays one seed.
 */
class PrettyJsonTest {
    /** A document's calls, replayed on either writer. */
    private interface Doc {
        void write(JsonOut g) throws IOException;
    }

    static Stream<Long> seeds() {
        return RandomSetups.seeds(300);
    }

    static Stream<Long> setupSeeds() {
        return RandomSetups.seeds(30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomDocumentsAreByteIdenticalToJackson(long seed) throws IOException {
        Doc doc = g -> {
            var rnd = new Random(seed);
            int roots = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(3) : 1;
            for (int r = 0; r < roots; r++) value(rnd, g, 0, seed % 50 == 7);
        };
        assertThat(pretty(doc)).as(RandomSetups.replay(seed)).isEqualTo(jackson(doc));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("setupSeeds")
    void planJsonOfRandomSetupsIsByteIdenticalToJackson(long seed, @TempDir Path tmp) throws IOException {
        for (String policy : new String[] {"sub-service", "shared", "auto"}) {
            Path dir = Files.createDirectories(tmp.resolve(policy));
            RandomSetups.write(dir, seed, policy, 11);
            var loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, dir.toString());
            if (loaded.setup() == null) continue;
            Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
            Doc doc = g -> PlanJson.write(plan, plan.diagnostics(), g);
            assertThat(new String(pretty(doc), StandardCharsets.UTF_8))
                    .as(RandomSetups.replay(seed) + " under " + policy)
                    .isEqualTo(new String(jackson(doc), StandardCharsets.UTF_8));
        }
    }

    static Stream<Long> longArraySeeds() {
        return RandomSetups.seeds(6);
    }

    /**
     * Arrays long enough to be written on several threads ({@link ParallelElements}): values
     * before and after them, nested, with chunks that overflow a writer's buffer.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("longArraySeeds")
    void longArraysWrittenInParallelAreByteIdenticalToJackson(long seed) throws IOException {
        var rnd = new Random(seed);
        int n = ParallelElements.FROM + rnd.nextInt(3 * ParallelElements.FROM);
        var items = new java.util.ArrayList<Long>(n);
        for (int k = 0; k < n; k++) items.add(rnd.nextLong());
        int before = rnd.nextInt(3);
        Doc doc = g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("outer");
            g.writeStartObject();
            g.writeArrayFieldStart("values");
            for (int k = 0; k < before; k++) g.writeNumber(k);
            g.writeElements(items, (item, out) -> value(new Random(item), out, 2, item % 701 == 0));
            g.writeString("after");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        };
        assertThat(pretty(doc)).as(RandomSetups.replay(seed)).isEqualTo(jackson(doc));
    }

    @Test
    void layoutOfEmptyAndNestedContainers() throws IOException {
        Doc doc = g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("a");
            g.writeEndArray();
            g.writeObjectFieldStart("o");
            g.writeEndObject();
            g.writeArrayFieldStart("l");
            g.writeNumber(-5);
            g.writeStartObject();
            g.writeStringField("k", "v\u2028/\u0001\uD83D\uDE00");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        };
        String expected =
                "{\n  \"a\" : [ ],\n  \"o\" : { },\n  \"l\" : [ -5, {\n    \"k\" : \"v\u2028/\\u0001\\uD83D\\uDE00\"\n"
                        + "  } ]\n}";
        assertThat(new String(pretty(doc), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(jackson(doc)).isEqualTo(pretty(doc));
    }

    private static void value(Random rnd, JsonOut g, int depth, boolean big) throws IOException {
        int kind = depth > 45 ? 2 + rnd.nextInt(5) : rnd.nextInt(depth < 3 ? 3 : 8);
        switch (kind) {
            case 0, 7 -> {
                g.writeStartObject();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    // Constant names too: the writer keeps their encoded form, by identity.
                    g.writeFieldName(rnd.nextBoolean() ? NAMES[rnd.nextInt(NAMES.length)] : string(rnd, false));
                    value(rnd, g, depth + 1, big);
                }
                g.writeEndObject();
            }
            case 1 -> {
                g.writeStartArray();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) value(rnd, g, depth + 1, big);
                g.writeEndArray();
            }
            case 2 -> g.writeString(string(rnd, big));
            case 3 -> g.writeNumber(number(rnd));
            case 4 -> g.writeBoolean(rnd.nextBoolean());
            case 5 -> g.writeNull();
            default -> g.writeString(string(rnd, false));
        }
    }

    private static final String[] NAMES = {"id", "consumer", "k\u00e9y", "\"q\"", "", "x".repeat(100)};

    private static final List<Long> EDGES =
            List.of(0L, -1L, 9L, 10L, -10L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE, 65535L);

    private static long number(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> EDGES.get(rnd.nextInt(EDGES.size()));
            case 1 -> rnd.nextInt(100_000) - 50_000;
            default -> rnd.nextLong();
        };
    }

    private static final String NASTY =
            "\"\\/\b\t\n\f\r\u0000\u001f\u007f\u0080\u00e9\u07ff\u0800\u2028\u2029\ufeff\uffff";

    /** Mostly short strings; with {@code big} sometimes one of several hundred thousand chars. */
    private static String string(Random rnd, boolean big) {
        int n = big && rnd.nextInt(4) == 0 ? 150_000 + rnd.nextInt(300_000) : rnd.nextInt(rnd.nextBoolean() ? 4 : 40);
        var b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(big ? 3 : 8)) {
                case 0, 1 -> b.append((char) (0x20 + rnd.nextInt(0x5f)));
                case 2 -> b.append(NASTY.charAt(rnd.nextInt(NASTY.length())));
                case 3 -> b.append((char) rnd.nextInt(0x20));
                case 4 -> b.append(Character.toChars(0x10000 + rnd.nextInt(0x100000)));
                case 5 -> b.append((char) (0xD800 + rnd.nextInt(0x800)));
                case 6 -> b.append((char) rnd.nextInt(0x10000));
                default -> b.append((char) (0x80 + rnd.nextInt(0x800)));
            }
        }
        return b.toString();
    }

    private static byte[] pretty(Doc doc) throws IOException {
        var out = new ByteArrayOutputStream();
        var g = new PrettyJson(out);
        doc.write(g);
        g.flush();
        return out.toByteArray();
    }

    private static byte[] jackson(Doc doc) throws IOException {
        var out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            doc.write(JsonOut.of(g));
        }
        return out.toByteArray();
    }
}
