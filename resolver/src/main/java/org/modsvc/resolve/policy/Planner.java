package org.modsvc.resolve.policy;

import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.VersionRange;

/**
 * Plans the requirements of one instance: a {@code bind:} entry wins; otherwise the policy of the
 * requirement (or the run's default) decides.
 */
public final class Planner {
    private final Declarations declarations;
    private final BindEntries entries;
    private final ExplicitBind explicit;
    private final SubServicePolicy subService;
    private final SharedPolicy shared;
    private final Policy defaultPolicy;

    public Planner(
            Declarations declarations,
            BindEntries entries,
            ExplicitBind explicit,
            SubServicePolicy subService,
            SharedPolicy shared,
            Policy defaultPolicy) {
        this.declarations = declarations;
        this.entries = entries;
        this.explicit = explicit;
        this.subService = subService;
        this.shared = shared;
        this.defaultPolicy = defaultPolicy;
    }

    public void plan(Inst i) {
        checkProvisions(i);
        for (Requirement r : i.module.requires().values()) plan(i, r);
    }

    private void checkProvisions(Inst i) {
        int k = 0;
        for (Provision p : i.module.provides().values()) {
            // Its candidate has looked up contract and version already, when it has one.
            Cand x = i.cands().length > 0 ? i.cands()[k++] : null;
            Contract c =
                    x != null ? x.contract : declarations.contract(p.contract().text());
            var v = p.version() == null
                    ? null
                    : x != null ? x.version : declarations.version(p.version().text());
            declarations.checkProvision(p, c, v);
        }
    }

    private void plan(Inst i, Requirement r) {
        Bind bind = entries.take(i, r);
        Declarations.Required required = declarations.required(r);
        if (required == null) return;
        Contract c = required.contract();
        VersionRange range = required.range();
        Policy p = r.policy() != null ? r.policy() : defaultPolicy;
        if (bind != null) {
            explicit.bind(i, r, c, range, bind, p);
            return;
        }
        switch (p) {
            case SUB_SERVICE ->
                subService.bind(i, r, c, range, p, "policy sub-service instantiates a dedicated provider");
            case SHARED -> shared.bind(i, r, c, range, p, false);
            case AUTO -> shared.bind(i, r, c, range, p, true);
        }
    }
}
