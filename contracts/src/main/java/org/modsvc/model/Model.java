package org.modsvc.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Helpers shared by the model records. */
final class Model {
    private Model() {}

    /** An unmodifiable sorted copy, so that iteration order never depends on input order. */
    static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
