package org.modsvc.model;

import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * Something a module offers under a contract ({@code provides.<name>}).
 *
 * @param version the provided contract version, such as "16.2"; null when unversioned
 * @param result result values by field name; may hold references (sorted, immutable)
 * @param capacity most consumers it serves, or null for no cap
 */
public record Provision(
        String name, Scalar contract, Scalar version, SortedMap<String, Scalar> result, Integer capacity, Span span) {
    public Provision {
        result = Model.sorted(result);
    }
}
