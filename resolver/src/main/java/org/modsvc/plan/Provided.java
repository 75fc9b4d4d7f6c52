package org.modsvc.plan;

import java.util.List;
import java.util.SortedMap;

/**
 * A provision of an instance with everyone it serves.
 *
 * @param version may be null
 * @param capacity null for no cap
 * @param result resolved result values (secret fields are paths)
 * @param consumers every consumer with its request, sorted by consumer id then requirement
 */
public record Provided(
        String name,
        String contract,
        String version,
        Integer capacity,
        SortedMap<String, String> result,
        List<Consumer> consumers) {

    /** One consumer's request to this provision. */
    public record Consumer(String instance, String requirement, SortedMap<String, String> request) {}

    public Provided {
        result = org.modsvc.model.SortedMaps.copyOf(result);
        consumers = List.copyOf(consumers);
    }
}
