package org.modsvc.resolve;

import org.modsvc.model.Policy;
import org.modsvc.model.Setup;
import org.modsvc.plan.Plan;
import org.modsvc.progress.Progress;
import org.modsvc.source.Limits;

/**
 * Resolves a loaded setup into a {@link Plan}: instances, bindings, start order, values. Collects
 * every problem into the plan's diagnostics; throws only for bugs. Stateless: each call runs on
 * its own.
 */
public final class Resolver {
    private final Limits limits;
    private final Progress progress;

    public Resolver(Limits limits) {
        this(limits, Progress.NONE);
    }

    /** @param progress told of the phases and of the instances as they are bound; never null */
    public Resolver(Limits limits, Progress progress) {
        this.limits = limits;
        this.progress = progress;
    }

    /** Resolves under the setup's own policy. */
    public Plan resolve(Setup setup) {
        return resolve(setup, setup.policy());
    }

    /** Resolves with {@code policy} as the setup-wide default (requirements may still override it). */
    public Plan resolve(Setup setup, Policy policy) {
        return new ResolveRun(setup, policy, limits, false, progress).run().plan();
    }

    /**
     * Resolves and keeps every decision with all candidates considered (slower: candidates are not
     * cut short), for {@code explain}.
     */
    public Resolution explain(Setup setup, Policy policy) {
        return new ResolveRun(setup, policy, limits, true, progress).run();
    }

    public Limits limits() {
        return limits;
    }
}
