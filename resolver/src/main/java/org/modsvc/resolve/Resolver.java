package org.modsvc.resolve;

import java.util.List;
import java.util.TreeMap;
import org.modsvc.model.Setup;
import org.modsvc.plan.Plan;
import org.modsvc.source.Limits;

/**
 * Resolves a loaded setup into a {@link Plan}: instances, bindings, start order, values. Collects
 * every problem into the plan's diagnostics; throws only for bugs.
 */
public final class Resolver {
    private final Limits limits;

    public Resolver(Limits limits) {
        this.limits = limits;
    }

    /** Resolves under the setup's own policy. */
    public Plan resolve(Setup setup) {
        // Placeholder until the resolver lands: an empty plan.
        return new Plan(
                setup.name(),
                setup.policy(),
                List.of(),
                List.of(),
                List.of(),
                new TreeMap<>(),
                List.of(),
                new TreeMap<>(),
                List.of());
    }

    public Limits limits() {
        return limits;
    }
}
