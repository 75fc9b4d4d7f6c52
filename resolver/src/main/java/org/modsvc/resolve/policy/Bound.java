package org.modsvc.resolve.policy;

import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.instantiate.Inst;

/**
 * A requirement bound to a provision; made once, by the policy that decided it, and never changed.
 * Its request values are filled in later, by the values phase, under {@link #index}.
 *
 * @param index its position among the run's bindings (the edge in the dependency graph)
 * @param bind the bind: entry that made it, or null when a policy did
 */
public record Bound(
        int index,
        Inst consumer,
        Requirement req,
        Inst provider,
        Provision provision,
        Contract contract,
        BindingKind kind,
        Bind bind) {
    // Equality stays identity-like where it matters: Inst compares by identity, and no Bound is
    // put in a hash set.
}
