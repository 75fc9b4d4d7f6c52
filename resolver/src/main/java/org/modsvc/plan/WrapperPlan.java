package org.modsvc.plan;

import java.util.List;
import java.util.SortedMap;

/**
 * Resolved wrapper-only settings (see the module's {@code wrapper:}); collections never null.
 *
 * @param chdir may be null
 */
public record WrapperPlan(
        SortedMap<String, Value> setDefault,
        List<String> unset,
        SortedMap<String, PathList> prefix,
        SortedMap<String, PathList> suffix,
        Value chdir,
        List<Value> argsAfter) {

    /** Entries for a list variable such as PATH. */
    public record PathList(String separator, List<Value> values) {
        public PathList {
            values = List.copyOf(values);
        }
    }

    public static final WrapperPlan EMPTY = new WrapperPlan(
            new java.util.TreeMap<>(),
            List.of(),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            null,
            List.of());

    public WrapperPlan {
        setDefault = org.modsvc.model.SortedMaps.copyOf(setDefault);
        unset = List.copyOf(unset);
        prefix = org.modsvc.model.SortedMaps.copyOf(prefix);
        suffix = org.modsvc.model.SortedMaps.copyOf(suffix);
        argsAfter = List.copyOf(argsAfter);
    }
}
