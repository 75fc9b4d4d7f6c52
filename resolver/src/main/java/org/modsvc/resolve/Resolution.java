package org.modsvc.resolve;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.plan.Plan;

/**
 * A plan with the decisions behind it.
 *
 * @param decisions by {@code node/instance.requirement}, sorted, immutable
 */
public record Resolution(Plan plan, SortedMap<String, Decision> decisions) {
    public Resolution {
        decisions = Collections.unmodifiableSortedMap(new TreeMap<>(decisions));
    }
}
