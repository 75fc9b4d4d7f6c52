package org.modsvc.resolve;

import java.util.List;
import org.modsvc.diag.Span;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;

/**
 * How one requirement was resolved, for {@code explain} and error messages.
 *
 * @param range the version range as written, "*" when absent
 * @param policy the policy that applied (after a per-requirement override), never null
 * @param reason one sentence saying why the outcome is what it is, never null
 * @param provider the provider instance id, or null when the requirement stays unmet
 * @param kind null when unmet
 * @param candidates the shared provisions considered (empty when the policy did not look)
 * @param span the requirement's declaration
 */
public record Decision(
        String consumer,
        String requirement,
        String contract,
        String range,
        Policy policy,
        boolean explicit,
        String reason,
        String provider,
        String provision,
        BindingKind kind,
        List<Candidate> candidates,
        Span span) {
    public Decision {
        candidates = List.copyOf(candidates);
    }

    public String key() {
        return consumer + "." + requirement;
    }
}
