package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Policy;
import org.modsvc.model.Provision;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Instances;
import org.modsvc.resolve.version.VersionRange;

/**
 * A {@code bind:} entry wins over every policy: it binds the requirement to the provision it
 * names, after checking that the provision exists, is shareable, has the contract, a fitting
 * version and is reachable. Capacity is checked once all bindings exist ({@code capacity}).
 */
public final class ExplicitBind {
    private final Instances instances;
    private final Bindings book;
    private final Diagnostics diags;

    public ExplicitBind(Instances instances, Bindings book, Diagnostics diags) {
        this.instances = instances;
        this.book = book;
        this.diags = diags;
    }

    /** Binds {@code r} of {@code i} as entry {@code b} says, or reports why it cannot. */
    public void bind(Inst i, Requirement r, Contract c, VersionRange range, Bind b, Policy p) {
        Bind.Ref to = b.provider();
        Inst prov = instances.byId(to.instanceId());
        if (prov == null) {
            String near = Suggest.closest(to.instanceId(), instances.ids());
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: no instance '" + to.instanceId() + "' provides '" + to.member() + "'",
                    near != null ? "did you mean '" + near + "." + to.member() + "'?" : "instances are NODE/NAME");
            return;
        }
        if (prov.dedicated) {
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: '" + prov.id + "' is a dedicated sub-service of " + prov.owner.id
                            + " and serves no one else",
                    "bind to a provider that a node runs, or add its module to the node's run: list");
            return;
        }
        Provision pv = prov.module.provides().get(to.member());
        if (pv == null) {
            String near = Suggest.closest(to.member(), prov.module.provides().keySet());
            diags.add(
                    Code.BAD_BIND,
                    to.span(),
                    "bind: instance '" + prov.id + "' has no provision '" + to.member() + "'",
                    near != null
                            ? "did you mean '" + prov.id + "." + near + "'?"
                            : prov.module.provides().isEmpty()
                                    ? "it provides nothing"
                                    : "its provisions: "
                                            + String.join(
                                                    ", ", prov.module.provides().keySet()));
            return;
        }
        if (!pv.contract().text().equals(c.name())) {
            diags.add(Diagnostic.of(
                            Code.CONTRACT_MISMATCH,
                            to.span(),
                            "bind: requirement '" + r.name() + "' of " + i.id + " needs contract '" + c.name()
                                    + "', but " + prov.id + "." + pv.name() + " provides '"
                                    + pv.contract().text() + "'",
                            "bind it to a provision of '" + c.name() + "'")
                    .withRelated(List.of(
                            new Diagnostic.Related("the requirement", r.span()),
                            new Diagnostic.Related("the provision", pv.span()))));
            return;
        }
        boolean ok = true;
        Cand cand = prov.cand(pv.name());
        if (!range.isAny() && (cand.version == null || !range.matches(cand.version))) {
            var rel = new ArrayList<Diagnostic.Related>();
            rel.add(new Diagnostic.Related(
                    "the range", r.version() == null ? r.span() : r.version().span()));
            rel.add(new Diagnostic.Related(
                    "the version",
                    pv.version() == null ? pv.span() : pv.version().span()));
            diags.add(Diagnostic.of(
                            Code.VERSION_MISMATCH,
                            to.span(),
                            "bind: " + prov.id + "." + pv.name() + " provides " + c.name() + " "
                                    + (pv.version() == null
                                            ? "without a version"
                                            : pv.version().text())
                                    + ", outside the range '" + range.text() + "' of requirement '" + r.name()
                                    + "'",
                            "bind a provision whose version fits, or widen the range")
                    .withRelated(rel));
            ok = false;
        }
        if (c.reach() == Reach.LOCAL && prov.node != i.node) {
            diags.add(Diagnostic.of(
                            Code.LOCAL_ACROSS_NODES,
                            to.span(),
                            "bind: contract '" + c.name() + "' is local-only (unix sockets, files), but " + i.id
                                    + " and " + prov.id + " run on different nodes",
                            "run a provider on node '" + i.node.name() + "'")
                    .withRelated(List.of(new Diagnostic.Related("the contract", c.span()))));
            ok = false;
        }
        if (!ok) return;
        BindingKind kind = prov.node == i.node ? BindingKind.LOCAL : BindingKind.REMOTE;
        Bound bd = book.bind(i, r, c, prov, pv, kind, b);
        cand.boundExplicitly(bd);
        book.record(i, r, c, range, p, true, "an explicit bind: entry wins over the policy", bd, List.of());
    }
}
