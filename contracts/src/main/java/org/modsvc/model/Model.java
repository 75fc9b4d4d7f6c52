package org.modsvc.model;

import java.util.Map;
import java.util.SortedMap;

/** Helpers shared by the model records. */
final class Model {
    private Model() {}

    /** An unmodifiable sorted copy, so that iteration order never depends on input order. */
    static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        return SortedMaps.copyOf(m);
    }
}
