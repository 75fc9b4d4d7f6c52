package org.modsvc.emit;

import org.modsvc.diag.Diagnostics;
import org.modsvc.plan.PlanIndex;

/**
 * Everything a target refuses or warns about in a node's share of the plan, without writing any
 * file: what {@code validate} and {@code plan} run for each node's target. A target's emitter
 * raises no error its check does not (the emitter runs the same walk), and each finding points at
 * the key or value it concerns (see {@link org.modsvc.plan.Origins}).
 */
public interface TargetCheck {
    /**
     * Adds the findings for the instances of {@code node} (a node of {@code index}'s plan, never
     * null) to {@code diags}.
     */
    void check(PlanIndex index, String node, Diagnostics diags);
}
