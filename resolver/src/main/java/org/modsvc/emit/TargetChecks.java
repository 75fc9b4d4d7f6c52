package org.modsvc.emit;

import java.util.List;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;

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
        if (plan.hasErrors()) return List.of();
        PlanIndex index = plan.index();
        var diags = Diagnostics.distinct();
        for (PlanNode n : plan.nodes()) of(n.target()).check(index, n.name(), diags);
        return diags.toList();
    }
}
