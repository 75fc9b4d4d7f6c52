package org.modsvc.emit;

import java.util.List;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.progress.Progress;

/** The check of each target, and the whole plan checked node by node against each node's own target. */
public final class TargetChecks {
    private TargetChecks() {}

    /** The check of {@code target}'s emitter (never null for a known target). */
    public static TargetCheck of(Target target) {
        return switch (target) {
            case SYSTEMD -> new SystemdEmitter();
            case WRAPPER -> new WrapperEmitter(null);
        };
    }

    /**
     * The findings of every node's own target over {@code plan}, sorted; empty when the plan has
     * errors (the emitters run only on a plan without errors, and a failed plan's values are
     * incomplete).
     */
    public static List<Diagnostic> check(Plan plan) {
        return check(plan, Progress.NONE);
    }

    /** As {@link #check(Plan)}, counting the nodes checked into {@code progress} (never null). */
    public static List<Diagnostic> check(Plan plan, Progress progress) {
        if (plan.hasErrors()) return List.of();
        progress.phase(Progress.Phase.CHECKING, plan.nodes().size());
        PlanIndex index = plan.index();
        // One check per target, made once: the systemd one reads its list of known keys.
        var checks = new java.util.EnumMap<Target, TargetCheck>(Target.class);
        for (var n : plan.nodes()) checks.computeIfAbsent(n.target(), TargetChecks::of);
        // Nodes are independent and the checks pure, so they run in parallel, as emit does; the
        // findings are combined in node order, so the result does not depend on the scheduling.
        List<List<Diagnostic>> perNode = plan.nodes().parallelStream()
                .map(n -> {
                    var d = new Diagnostics();
                    checks.get(n.target()).check(index, n.name(), d);
                    progress.advance(1);
                    return d.toList();
                })
                .toList();
        var diags = Diagnostics.distinct();
        for (List<Diagnostic> d : perNode) diags.addAll(d);
        return diags.toList();
    }
}
