package org.modsvc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.testing.Seeds;

/**
 * {@link ArraySortedMap} against {@link TreeMap} on random maps. Each case is named by its seed;
 * {@code -Dmodsvc.seed=N} replays exactly that case.
 */
class ArraySortedMapTest {
    private static final int CASES = 300;

    static Stream<Long> seeds() {
        return Seeds.seeds(CASES);
    }

    /** A failure names its seed in the test's name; {@code -Dmodsvc.seed=N} replays it. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void behavesAsAnUnmodifiableTreeMap(long seed) {
        var rnd = new Random(seed);
        // Few distinct keys, so that sources repeat keys and probes hit and miss.
        int alphabet = 1 + rnd.nextInt(6);
        int n = rnd.nextInt(rnd.nextBoolean() ? 4 : 40);
        var order = new ArrayList<Map.Entry<String, Integer>>();
        for (int k = 0; k < n; k++)
            order.add(new java.util.AbstractMap.SimpleEntry<>(
                    key(rnd, alphabet), rnd.nextInt(5) == 0 ? null : rnd.nextInt(100)));

        var expected = new TreeMap<String, Integer>();
        var builder = ArraySortedMap.<String, Integer>builder(rnd.nextInt(4));
        var linked = new LinkedHashMap<String, Integer>();
        for (var e : order) {
            expected.put(e.getKey(), e.getValue());
            builder.put(e.getKey(), e.getValue());
            linked.put(e.getKey(), e.getValue());
        }
        List<SortedMap<String, Integer>> made = List.of(
                builder.build(),
                SortedMaps.copyOf(new HashMap<>(expected)),
                SortedMaps.copyOf(linked),
                SortedMaps.copyOf(expected),
                SortedMaps.copyOf(SortedMaps.copyOf(expected)));
        for (var actual : made) {
            String what = "seed " + seed + ", entries " + order;
            assertSame(expected, actual, rnd, alphabet, what);
            var from = key(rnd, alphabet);
            var to = key(rnd, alphabet);
            assertSame(expected.headMap(to), actual.headMap(to), rnd, alphabet, what + ", head " + to);
            assertSame(expected.tailMap(from), actual.tailMap(from), rnd, alphabet, what + ", tail " + from);
            if (from.compareTo(to) <= 0) {
                assertSame(expected.subMap(from, to), actual.subMap(from, to), rnd, alphabet, what);
            } else {
                assertThatThrownBy(() -> actual.subMap(from, to)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    private static String key(Random rnd, int alphabet) {
        var b = new StringBuilder();
        int len = rnd.nextInt(3);
        for (int k = 0; k < len; k++) b.append((char) ('a' + rnd.nextInt(alphabet)));
        return b.toString();
    }

    private static void assertSame(
            SortedMap<String, Integer> expected,
            SortedMap<String, Integer> actual,
            Random rnd,
            int alphabet,
            String what) {
        assertThat(actual).as(what).isEqualTo(expected);
        assertThat(expected).as(what).isEqualTo(actual);
        assertThat(actual.equals(expected)).as(what).isTrue();
        assertThat(actual.hashCode()).as(what).isEqualTo(expected.hashCode());
        assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        assertThat(actual.isEmpty()).as(what).isEqualTo(expected.isEmpty());
        assertThat(new ArrayList<>(actual.keySet())).as(what).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(new ArrayList<>(actual.values())).as(what).isEqualTo(new ArrayList<>(expected.values()));
        assertThat(new ArrayList<>(actual.entrySet())).as(what).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        assertThat(actual.entrySet()).as(what).isEqualTo(expected.entrySet());
        assertThat(actual.comparator()).isNull();
        var seen = new ArrayList<String>();
        actual.forEach((k, v) -> seen.add(k + "=" + v));
        var want = new ArrayList<String>();
        expected.forEach((k, v) -> want.add(k + "=" + v));
        assertThat(seen).as(what).isEqualTo(want);
        for (int k = 0; k < 8; k++) {
            String probe = key(rnd, alphabet + 1);
            assertThat(actual.get(probe)).as(what + ", get " + probe).isEqualTo(expected.get(probe));
            assertThat(actual.containsKey(probe)).as(what).isEqualTo(expected.containsKey(probe));
            assertThat(actual.keySet().contains(probe)).as(what).isEqualTo(expected.containsKey(probe));
            assertThat(actual.getOrDefault(probe, -1)).as(what).isEqualTo(expected.getOrDefault(probe, -1));
            Integer value = rnd.nextInt(6) == 0 ? null : rnd.nextInt(100);
            assertThat(actual.containsValue(value)).as(what).isEqualTo(expected.containsValue(value));
        }
        if (expected.isEmpty()) {
            assertThatThrownBy(actual::firstKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(actual::lastKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> actual.keySet().iterator().next()).isInstanceOf(NoSuchElementException.class);
        } else {
            assertThat(actual.firstKey()).as(what).isEqualTo(expected.firstKey());
            assertThat(actual.lastKey()).as(what).isEqualTo(expected.lastKey());
        }
        assertThatThrownBy(() -> actual.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> actual.remove("zz")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> actual.putAll(Map.of("a", 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> actual.merge("a", 1, Integer::sum)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> actual.get(null)).isInstanceOf(NullPointerException.class);
        if (!expected.isEmpty()) {
            assertThatThrownBy(actual::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> actual.entrySet().iterator().next().setValue(1))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> {
                        var it = actual.values().iterator();
                        it.next();
                        it.remove();
                    })
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void keysThatCompareEqualKeepTheFirstKeyAndTheLastValueAsTreeMapDoes() {
        var expected = new TreeMap<BigDecimal, String>();
        var b = ArraySortedMap.<BigDecimal, String>builder(3);
        for (var e : List.of(Map.entry("2", "x"), Map.entry("1.0", "a"), Map.entry("1.00", "b"))) {
            expected.put(new BigDecimal(e.getKey()), e.getValue());
            b.put(new BigDecimal(e.getKey()), e.getValue());
        }
        var actual = b.build();
        assertThat(actual.toString()).isEqualTo(expected.toString()).isEqualTo("{1.0=b, 2=x}");
    }

    @Test
    void nullKeysAreRefusedAndAnArraySortedMapIsNotCopiedAgain() {
        var withNull = new HashMap<String, String>();
        withNull.put(null, "v");
        assertThatThrownBy(() -> SortedMaps.copyOf(withNull)).isInstanceOf(NullPointerException.class);
        var m = SortedMaps.copyOf(Map.of("a", 1, "b", 2));
        assertThat(m).isInstanceOf(ArraySortedMap.class);
        assertThat((Object) SortedMaps.copyOf(m)).isSameAs(m);
        assertThat((Object) ArraySortedMap.<String, String>builder(2).build())
                .isSameAs(SortedMaps.copyOf(Map.<String, String>of()));
    }
}
