package org.modsvc.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.TargetChecks;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Policy;
import org.modsvc.progress.Progress;
import org.modsvc.resolve.Resolution;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * A loaded setup and, when loading found no errors, its resolution.
 *
 * @param resolution null when loading had errors (the resolver runs only on a clean setup)
 * @param diagnostics loading and resolving diagnostics, and those of each node's target check
 *     (see {@link TargetChecks}), together, deduplicated and sorted
 */
record Planned(LoadResult loaded, Resolution resolution, List<Diagnostic> diagnostics) {

    /**
     * Resolves {@code loaded} under {@code policy} (null: the setup's own).
     *
     * @param explain keep every decision with all candidates, for {@code explain}
     * @param progress told of the phases as they run; never null
     */
    static Planned of(LoadResult loaded, Limits limits, Policy policy, boolean explain, Progress progress) {
        Resolution resolution = null;
        var all = new ArrayList<Diagnostic>(loaded.diagnostics());
        if (!loaded.hasErrors() && loaded.setup() != null) {
            var setup = loaded.setup();
            Policy p = policy == null ? setup.policy() : policy;
            var resolver = new Resolver(limits, progress);
            resolution = explain
                    ? resolver.explain(setup, p)
                    : new Resolution(resolver.resolve(setup, p), new java.util.TreeMap<>());
            all.addAll(resolution.plan().diagnostics());
            // What each node's target would refuse or warn about at emit, located: validate is
            // the gate, so nothing emit can raise may pass it.
            all.addAll(TargetChecks.check(resolution.plan(), progress));
        }
        var unique = new ArrayList<>(new LinkedHashSet<>(all));
        unique.sort(Diagnostic.ORDER);
        return new Planned(loaded, resolution, List.copyOf(unique));
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
