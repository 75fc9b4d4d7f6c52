package org.modsvc.model;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * Something a module offers under a contract ({@code provides.<name>}).
 *
 * @param version the provided contract version, such as "16.2"; null when unversioned
 * @param result result values by field name; may hold references (sorted, immutable)
 * @param capacity most consumers it serves, or null for no cap
 * @param fulfil the command that sees to one consumer's request, run by the provider once per
 *     consumer after it is ready (references {@code ${request.F}} and {@code ${consumer.*}} are
 *     filled per consumer); empty when the provision needs no per-request work
 * @param unkept why this provision's promise is not kept where modsvc runs it ({@code
 *     status: { fulfilled: false, reason: … }}), or null when it is kept: binding to it is W041
 */
public record Provision(
        String name,
        Scalar contract,
        Scalar version,
        SortedMap<String, Scalar> result,
        Integer capacity,
        List<Scalar> fulfil,
        Scalar unkept,
        Span span) {
    public Provision {
        result = Model.sorted(result);
        fulfil = List.copyOf(fulfil);
    }
}
