package org.modsvc.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Unmodifiable sorted copies for records. An empty map is the one shared empty map instead of a
 * fresh tree and wrapper: a plan of 100 000 services holds millions of empty maps (no request, no
 * credentials, no passthrough keys), and that garbage was a large part of its run time.
 */
public final class SortedMaps {
    private SortedMaps() {}

    /** A copy in the natural order of the keys; never null. */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> copyOf(Map<K, ? extends V> m) {
        if (m.isEmpty() && !(m instanceof SortedMap<?, ?> s && s.comparator() != null)) {
            return Collections.emptySortedMap();
        }
        if (m instanceof SortedMap<K, ? extends V> s) return Collections.unmodifiableSortedMap(new TreeMap<>(s));
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
