package org.modsvc.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Unmodifiable sorted copies for records. An empty map is the one shared empty map instead of a
 * fresh tree and wrapper: a plan of 100 000 services holds millions of empty maps (no request, no
 * credentials, no passthrough keys), and that garbage was a large part of its run time. Other maps
 * are {@link ArraySortedMap}s, for the same reason.
 */
public final class SortedMaps {
    private SortedMaps() {}

    /**
     * A copy in the natural order of the keys (a sorted source with its own comparator keeps it);
     * never null. An {@link ArraySortedMap} is immutable already and comes back as it is.
     */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> copyOf(Map<K, ? extends V> m) {
        if (m instanceof SortedMap<K, ? extends V> s && s.comparator() != null)
            return Collections.unmodifiableSortedMap(new TreeMap<>(s));
        if (m.isEmpty()) return Collections.emptySortedMap();
        return ArraySortedMap.copyOf(m);
    }
}
