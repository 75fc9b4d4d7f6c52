package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.Candidate;
import org.modsvc.resolve.Decision;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.VersionRange;

/**
 * The book the policies write their outcomes into: the bindings made, in order, the optional
 * requirements left unmet, and the decisions {@code explain} and error messages tell.
 */
public final class Bindings {
    private final Diagnostics diags;
    private final Providers providers;
    private final boolean explainAll;
    private final List<Bound> bounds = new ArrayList<>();
    private final Map<String, Decision> decisions = new HashMap<>();

    /** @param explainAll keep every decision with all candidates, not only failures */
    public Bindings(Diagnostics diags, Providers providers, boolean explainAll) {
        this.diags = diags;
        this.providers = providers;
        this.explainAll = explainAll;
    }

    public boolean explainAll() {
        return explainAll;
    }

    /** The bindings made so far, in the order they were made; read-only. */
    public List<Bound> all() {
        return Collections.unmodifiableList(bounds);
    }

    /** The decisions kept, by {@code consumer.requirement}; read-only. */
    public Map<String, Decision> decisions() {
        return Collections.unmodifiableMap(decisions);
    }

    /** Binds requirement {@code r} of {@code i} to provision {@code pv} of {@code prov}. */
    public Bound bind(Inst i, Requirement r, Contract c, Inst prov, Provision pv, BindingKind kind, Bind b) {
        Bound bd = new Bound(bounds.size(), i, r, prov, pv, c, kind, b);
        i.addBound(bd);
        prov.serve(bd);
        bounds.add(bd);
        return bd;
    }

    /** Reports {@code r} as unmet: a warning when it is optional, an error otherwise. */
    void unmet(
            Inst i,
            Requirement r,
            Contract c,
            VersionRange range,
            Policy p,
            String why,
            List<Diagnostic.Related> related,
            List<String> hints) {
        if (r.optional()) {
            i.unmetOptional(r.name());
            diags.add(new Diagnostic(
                    Code.OPTIONAL_UNMET,
                    Code.OPTIONAL_UNMET.severity(),
                    "optional requirement '" + r.name() + "' of " + i.id + " stays unmet: " + why,
                    r.span(),
                    List.of("its ${requires." + r.name() + ".…} references need a fallback: ${requires." + r.name()
                            + ".FIELD:-default}"),
                    related));
        } else {
            diags.add(new Diagnostic(
                    Code.NO_PROVIDER,
                    Code.NO_PROVIDER.severity(),
                    "no provider for requirement '" + r.name() + "' of " + i.id + ": " + why,
                    r.span(),
                    hints,
                    related));
        }
        record(i, r, c, range, p, false, why, null, List.of());
    }

    /**
     * Keeps the decision on {@code r}: always for failures, for successes only in explain runs.
     *
     * @param bd the binding made, or null when none was
     * @param cs the candidates considered; empty to let an explain run list them all
     */
    void record(
            Inst i,
            Requirement r,
            Contract c,
            VersionRange range,
            Policy p,
            boolean explicit,
            String why,
            Bound bd,
            List<Candidate> cs) {
        if (!explainAll && bd != null) return; // only failures and explain runs need the story
        if (explainAll && cs.isEmpty()) cs = Rejections.candidates(i, c, range, providers.all(c.name()));
        decisions.put(
                i.id + "." + r.name(),
                new Decision(
                        i.id,
                        r.name(),
                        c.name(),
                        range.text(),
                        p,
                        explicit,
                        why,
                        bd == null ? null : bd.provider().id,
                        bd == null ? null : bd.provision().name(),
                        bd == null ? null : bd.kind(),
                        cs,
                        r.span()));
    }

    /** Replaces the candidates of the decision on {@code r} (when kept) with {@code cs}. */
    void amendCandidates(Inst i, Requirement r, List<Candidate> cs) {
        Decision d = decisions.get(i.id + "." + r.name());
        if (d == null) return;
        decisions.put(
                d.key(),
                new Decision(
                        d.consumer(),
                        d.requirement(),
                        d.contract(),
                        d.range(),
                        d.policy(),
                        d.explicit(),
                        d.reason(),
                        d.provider(),
                        d.provision(),
                        d.kind(),
                        cs,
                        d.span()));
    }
}
