package org.modsvc.model;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * Settings only the wrapper target understands ({@code wrapper:}), in the manner of nixpkgs'
 * makeWrapper. All collections are immutable and never null.
 *
 * @param setDefault variables set only when unset
 * @param unset variables removed from the environment
 * @param prefix list variables (such as PATH) to prepend to
 * @param suffix list variables to append to
 * @param chdir directory to change to before exec, or null
 * @param argsAfter arguments placed after the forwarded {@code "$@"}
 */
public record WrapperSpec(
        SortedMap<String, Scalar> setDefault,
        List<Scalar> unset,
        SortedMap<String, PathList> prefix,
        SortedMap<String, PathList> suffix,
        Scalar chdir,
        List<Scalar> argsAfter,
        Span span) {

    /** Entries added to a list variable, joined with {@code separator}. */
    public record PathList(String separator, List<Scalar> values, Span span) {
        public PathList {
            values = List.copyOf(values);
        }
    }

    public static final WrapperSpec EMPTY = new WrapperSpec(
            new java.util.TreeMap<>(),
            List.of(),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            null,
            List.of(),
            Span.NONE);

    public WrapperSpec {
        setDefault = Model.sorted(setDefault);
        unset = List.copyOf(unset);
        prefix = Model.sorted(prefix);
        suffix = Model.sorted(suffix);
        argsAfter = List.copyOf(argsAfter);
    }
}
