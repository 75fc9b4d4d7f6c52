package org.modsvc.plan;

import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * A requirement bound to a provision.
 *
 * @param consumer consumer instance id ({@code node/name})
 * @param provider provider instance id
 * @param request the request values the consumer sends (resolved, sorted)
 * @param result the provision's result values as the consumer sees them (resolved, sorted;
 *     secret fields are file paths)
 * @param explicit true when a {@code bind:} entry made it
 * @param span the requirement's declaration
 */
public record Binding(
        String consumer,
        String requirement,
        String provider,
        String provision,
        String contract,
        BindingKind kind,
        SortedMap<String, String> request,
        SortedMap<String, String> result,
        boolean explicit,
        Span span) {
    public Binding {
        request = org.modsvc.model.SortedMaps.copyOf(request);
        result = org.modsvc.model.SortedMaps.copyOf(result);
    }
}
