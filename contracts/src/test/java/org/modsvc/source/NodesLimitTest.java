package org.modsvc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code nodes} limit counts the values a file actually holds (scalars, lists and mappings;
 * keys are not values), aliases expanded: a file of exactly N values passes {@code nodes=N} and
 * fails {@code nodes=N-1}, whatever its shape. It used to add each collection's whole size again
 * when the collection closed, so a value counted once per level above it and a 30-deep list of one
 * scalar (37 values) was refused even at {@code nodes=600} (issue 17, "Also seen").
 */
class NodesLimitTest {

    @Test
    void aDeepValueCountsOnceNotOncePerLevel() {
        // root mapping, 'a' list, 30 nested lists, 'x': 33 values
        String text = "a: " + "[".repeat(31) + "x" + "]".repeat(31) + "\n";
        assertThat(passes(text, false, 33)).isTrue();
        assertThat(passes(text, false, 32)).isFalse();
        String block = "a:\n" + blockNest(31, 1) + "\n";
        assertThat(passes(block, false, 33)).as(block).isTrue();
        assertThat(passes(block, false, 32)).isFalse();
    }

    @Test
    void aliasesCountExpanded() {
        // root, a's list and 3 scalars (4), then b's list with two aliases of 4 values each: 14
        String text = "a: &a [x, y, z]\nb: [*a, *a]\n";
        assertThat(passes(text, false, 14)).isTrue();
        assertThat(passes(text, false, 13)).isFalse();
    }

    static LongStream seeds() {
        return LongStream.range(20_261_203L, 20_261_203L + 40);
    }

    /** Random trees, written as block YAML, flow YAML and JSON, count exactly their values. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomTreesCountExactlyTheirValues(long seed) {
        var rnd = new Random(seed);
        Object tree = tree(rnd, 0, new int[] {400});
        Object doc = new Object[] {"k", tree};
        int n = count(doc);
        for (var form : List.of("flow", "json", "block")) {
            String text =
                    switch (form) {
                        case "flow" -> "k: " + flow(tree, false) + "\n";
                        case "json" -> "{\"k\": " + flow(tree, true) + "}";
                        default -> "k:\n" + block(tree, 1);
                    };
            boolean isJson = form.equals("json");
            assertThat(passes(text, isJson, n))
                    .as("seed %d, %s, %d values:\n%s", seed, form, n, text)
                    .isTrue();
            assertThat(passes(text, isJson, n - 1))
                    .as("seed %d, %s, refused at %d:\n%s", seed, form, n - 1, text)
                    .isFalse();
        }
    }

    private static boolean passes(String text, boolean json, int nodes) {
        var r = new SourceReader(Limits.DEFAULT.with("nodes", nodes))
                .read(json ? "t.json" : "t.yaml", text.getBytes(StandardCharsets.UTF_8), json);
        boolean limited = r.diagnostics().stream().anyMatch(d -> d.code().id().equals("E004"));
        assertThat(r.diagnostics()).allMatch(d -> d.code().id().equals("E004"));
        return !limited && r.root() != null;
    }

    /** A random value: a scalar (String), a list (List) or a mapping (Object[] of key, value…). */
    private static Object tree(Random rnd, int depth, int[] budget) {
        // a budget of values keeps the trees small: the shapes matter, not the size
        int kind = depth > 40 || --budget[0] < 0 ? 0 : rnd.nextInt(depth < 3 ? 3 : 4);
        switch (kind) {
            case 1 -> {
                var l = new ArrayList<Object>();
                int k = 1 + rnd.nextInt(4);
                for (int i = 0; i < k; i++) l.add(tree(rnd, depth + 1, budget));
                return l;
            }
            case 2 -> {
                int k = 1 + rnd.nextInt(4);
                var m = new Object[2 * k];
                for (int i = 0; i < k; i++) {
                    m[2 * i] = "k" + i;
                    m[2 * i + 1] = tree(rnd, depth + 1, budget);
                }
                return m;
            }
            case 3 -> {
                // a chain of single-element lists: depth without breadth
                return List.of(tree(rnd, depth + 1 + rnd.nextInt(5), budget));
            }
            default -> {
                return "v" + rnd.nextInt(100);
            }
        }
    }

    private static int count(Object v) {
        if (v instanceof String) return 1;
        int n = 1;
        if (v instanceof List<?> l) {
            for (Object o : l) n += count(o);
        } else {
            Object[] m = (Object[]) v;
            for (int i = 1; i < m.length; i += 2) n += count(m[i]);
        }
        return n;
    }

    private static String flow(Object v, boolean json) {
        if (v instanceof String s) return json ? "\"" + s + "\"" : s;
        var parts = new ArrayList<String>();
        if (v instanceof List<?> l) {
            for (Object o : l) parts.add(flow(o, json));
            return "[" + String.join(", ", parts) + "]";
        }
        Object[] m = (Object[]) v;
        for (int i = 0; i < m.length; i += 2) {
            String key = json ? "\"" + m[i] + "\"" : (String) m[i];
            parts.add(key + ": " + flow(m[i + 1], json));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** {@code v} as block YAML lines indented by {@code level}, ending in a newline. */
    private static String block(Object v, int level) {
        String ind = "  ".repeat(level);
        if (v instanceof String s) return ind + s + "\n";
        var b = new StringBuilder();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s) b.append(ind).append("- ").append(s).append('\n');
                else b.append(ind).append("-\n").append(block(o, level + 1));
            }
            return b.toString();
        }
        Object[] m = (Object[]) v;
        for (int i = 0; i < m.length; i += 2) {
            Object val = m[i + 1];
            if (val instanceof String s)
                b.append(ind).append(m[i]).append(": ").append(s).append('\n');
            else b.append(ind).append(m[i]).append(":\n").append(block(val, level + 1));
        }
        return b.toString();
    }

    private static String blockNest(int lists, int level) {
        if (lists == 0) return "  ".repeat(level) + "x";
        return "  ".repeat(level) + "-\n" + blockNest(lists - 1, level + 1);
    }
}
