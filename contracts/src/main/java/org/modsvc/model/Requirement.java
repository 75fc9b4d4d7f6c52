package org.modsvc.model;

import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * Something a module needs ({@code requires.<name>}).
 *
 * @param version a version range such as ">=15 <17"; null means any
 * @param request request values by field name (sorted, immutable)
 * @param provider module to instantiate under the sub-service policy, or null for the
 *     contract's default provider
 * @param policy a per-requirement policy override, or null to use the setup's
 */
public record Requirement(
        String name,
        Scalar contract,
        Scalar version,
        SortedMap<String, Scalar> request,
        boolean optional,
        Scalar provider,
        Policy policy,
        Span span) {
    public Requirement {
        request = Model.sorted(request);
    }
}
