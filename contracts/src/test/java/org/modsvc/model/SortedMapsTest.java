package org.modsvc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedMapsTest {
    @Test
    void emptyMapsAreOneSharedUnmodifiableEmptyMap() {
        var a = SortedMaps.copyOf(new HashMap<String, String>());
        var b = SortedMaps.copyOf(new TreeMap<String, Integer>());
        assertThat(a).isEqualTo(new TreeMap<>());
        assertThat((Object) a).isSameAs(b);
        assertThatThrownBy(() -> a.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCopyIsSortedAndDetachedFromItsSource() {
        var source = new HashMap<>(Map.of("b", 2, "a", 1, "c", 3));
        var copy = SortedMaps.copyOf(source);
        source.put("d", 4);
        assertThat(copy.keySet()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> copy.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSortedSourceKeepsItsComparator() {
        var source = new TreeMap<String, Integer>(Comparator.reverseOrder());
        source.put("a", 1);
        source.put("b", 2);
        assertThat(SortedMaps.copyOf(source).keySet()).containsExactly("b", "a");
        var empty = new TreeMap<String, Integer>(Comparator.reverseOrder());
        assertThat(SortedMaps.copyOf(empty).comparator()).isNotNull();
    }
}
