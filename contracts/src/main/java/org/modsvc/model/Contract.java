package org.modsvc.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Span;

/**
 * A named interface between requesters and providers.
 *
 * @param name dotted name such as {@code database.postgresql}
 * @param defaultProvider module instantiated under the sub-service policy; null when none
 * @param request fields a requester sends, by name (sorted, immutable)
 * @param result fields a provider returns, by name (sorted, immutable)
 * @param builtin true when it comes from the shipped catalogue
 * @param probe the command that proves a result works, or null when the contract declares none
 */
public record Contract(
        String name,
        String description,
        Reach reach,
        boolean shared,
        Scalar defaultProvider,
        SortedMap<String, Field> request,
        SortedMap<String, Field> result,
        boolean builtin,
        Span span,
        Probe probe) {
    /** A contract without a probe. */
    public Contract(
            String name,
            String description,
            Reach reach,
            boolean shared,
            Scalar defaultProvider,
            SortedMap<String, Field> request,
            SortedMap<String, Field> result,
            boolean builtin,
            Span span) {
        this(name, description, reach, shared, defaultProvider, request, result, builtin, span, null);
    }

    public Contract {
        request = org.modsvc.model.SortedMaps.copyOf(request);
        result = org.modsvc.model.SortedMaps.copyOf(result);
    }

    public static SortedMap<String, Field> fields(Map<String, Field> m) {
        return new TreeMap<>(m);
    }
}
