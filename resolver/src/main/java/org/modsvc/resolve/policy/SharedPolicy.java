package org.modsvc.resolve.policy;

import static org.modsvc.resolve.policy.Rejections.candidates;
import static org.modsvc.resolve.policy.Rejections.reject;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Contract;
import org.modsvc.model.Policy;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.Candidate;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.Version;
import org.modsvc.resolve.version.VersionRange;

/**
 * Policies shared and auto: the best acceptable running provision. Same-node candidates are
 * looked at first; remote ones only when none on the node fits. Two equally good ones are an
 * error under shared; under auto, anything but exactly one fitting provision falls back to a
 * dedicated sub-service.
 */
public final class SharedPolicy {
    private final Providers providers;
    private final SubServicePolicy subService;
    private final Bindings book;
    private final Diagnostics diags;
    private final boolean explainAll;

    public SharedPolicy(Providers providers, SubServicePolicy subService, Bindings book, Diagnostics diags) {
        this.providers = providers;
        this.subService = subService;
        this.book = book;
        this.diags = diags;
        this.explainAll = book.explainAll();
    }

    /** The provisions that fit, same node and remote; at most two of each unless explaining. */
    private record Accepted(List<Cand> local, List<Cand> remote, int remoteCount) {}

    /** @param auto policy auto (fall back to a sub-service) rather than shared */
    public void bind(Inst i, Requirement r, Contract c, VersionRange range, Policy p, boolean auto) {
        Pool pool = providers.pool(c.name());
        List<Cand> all = pool == null ? List.of() : pool.all;
        Accepted a = accept(i, c, range, pool);
        List<Cand> acceptedLocal = a.local;
        List<Cand> acceptedRemote = a.remote;
        List<Cand> best = acceptedLocal.isEmpty() ? acceptedRemote : acceptedLocal;
        if (auto) {
            int reachable = acceptedLocal.size() + Math.max(a.remoteCount, acceptedRemote.size());
            if (reachable != 1) {
                subService.bind(
                        i,
                        r,
                        c,
                        range,
                        p,
                        reachable == 0
                                ? "policy auto: no running provision fits, so a dedicated provider is instantiated"
                                : "policy auto: several running provisions fit, so a dedicated provider is instantiated");
                if (explainAll) book.amendCandidates(i, r, candidates(i, c, range, all));
                return;
            }
        }
        if (best.size() == 1) {
            Cand x = best.get(0);
            BindingKind kind = x.inst.node == i.node ? BindingKind.LOCAL : BindingKind.REMOTE;
            x.usedByPolicy();
            Bound bd = book.bind(i, r, c, x.inst, x.provision, kind, null);
            String why = auto
                    ? "policy auto: exactly one running provision fits"
                    : acceptedLocal.isEmpty()
                            ? "policy shared: the only fitting provision; none on node '" + i.node.name() + "' fits"
                            : "policy shared: the only fitting provision on node '" + i.node.name() + "'";
            book.record(i, r, c, range, p, false, why, bd, explainAll ? candidates(i, c, range, all) : List.of());
            return;
        }
        if (best.size() >= 2) {
            ambiguous(i, r, c, range, p, best, acceptedLocal.isEmpty(), all);
            return;
        }
        noneFits(i, r, c, range, p, all);
    }

    private Accepted accept(Inst i, Contract c, VersionRange range, Pool pool) {
        List<Cand> acceptedLocal = new ArrayList<>(2);
        List<Cand> acceptedRemote = new ArrayList<>(2);
        int remoteCount = 0;
        if (range.isAny() || pool == null) {
            List<Cand> all = pool == null ? List.of() : pool.all;
            List<Cand> local = pool == null ? List.of() : pool.byNode.getOrDefault(i.node.name(), List.of());
            for (Cand x : local) {
                if (reject(i, c, range, x) == 0) {
                    acceptedLocal.add(x);
                    if (!explainAll && acceptedLocal.size() == 2) break;
                }
            }
            if (acceptedLocal.isEmpty() || explainAll) {
                for (Cand x : all) {
                    if (x.inst.node == i.node) continue;
                    if (reject(i, c, range, x) == 0) {
                        acceptedRemote.add(x);
                        if (!explainAll && acceptedRemote.size() == 2) break;
                    }
                }
            }
        } else {
            // Only the slice of versions the range allows can fit; unversioned ones never do.
            // Remote ones beyond two only count unless they are the answer: every consumer of a
            // contract served on each node would otherwise list all nodes' providers.
            Version hi = range.highest();
            for (int k = pool.from(range.lowest()); k < pool.byVersion.length; k++) {
                Cand x = pool.byVersion[k];
                if (hi != null && x.version.compareTo(hi) > 0) break;
                if (reject(i, c, range, x) != 0) continue;
                if (x.inst.node == i.node) {
                    acceptedLocal.add(x);
                } else {
                    remoteCount++;
                    if (explainAll || acceptedRemote.size() < 2) acceptedRemote.add(x);
                }
                if (!explainAll && acceptedLocal.size() == 2) break;
            }
            if (acceptedLocal.isEmpty() && remoteCount > acceptedRemote.size()) {
                acceptedRemote.clear();
                for (int k = pool.from(range.lowest()); k < pool.byVersion.length; k++) {
                    Cand x = pool.byVersion[k];
                    if (hi != null && x.version.compareTo(hi) > 0) break;
                    if (x.inst.node != i.node && reject(i, c, range, x) == 0) acceptedRemote.add(x);
                }
            }
        }
        return new Accepted(acceptedLocal, acceptedRemote, remoteCount);
    }

    private void ambiguous(
            Inst i,
            Requirement r,
            Contract c,
            VersionRange range,
            Policy p,
            List<Cand> best,
            boolean remote,
            List<Cand> all) {
        var cs = candidates(i, c, range, all);
        Cand a = best.get(0);
        Cand b = best.get(1);
        var rel = new ArrayList<Diagnostic.Related>();
        for (Cand x : best)
            rel.add(new Diagnostic.Related("candidate " + x.inst.id + "." + x.provision.name(), x.provision.span()));
        diags.add(Diagnostic.of(
                        Code.AMBIGUOUS_PROVIDER,
                        r.span(),
                        "requirement '" + r.name() + "' of " + i.id + " (" + c.name() + " " + range.text()
                                + ") has equally good providers: " + a.inst.id + "." + a.provision.name() + " and "
                                + b.inst.id + "." + b.provision.name()
                                + (remote ? " (both on other nodes)" : " (both on node '" + i.node.name() + "')"),
                        "settle it in setup.yaml with  bind: { " + i.id + "." + r.name() + ": " + a.inst.id + "."
                                + a.provision.name() + " }")
                .withRelated(rel));
        book.record(i, r, c, range, p, false, "ambiguous: several equally good providers", null, cs);
    }

    /**
     * The fixes that work for a requirement no running provider meets, each checked against the
     * setup: a dedicated provider only when its module's version meets the range (else that
     * fails with E042), the modules that do meet it, the candidates a wider range would accept,
     * and a bind: entry.
     */
    private List<String> noProviderFixes(Inst i, Requirement r, Contract c, VersionRange range, List<Candidate> cs) {
        var hints = new ArrayList<String>();
        List<String> fit = subService.modulesMeeting(c, range);
        Scalar dedicated = r.provider() != null ? r.provider() : c.defaultProvider();
        String where = "requirement '" + r.name() + "' of module '" + i.moduleName + "'";
        if (dedicated != null && fit.contains(dedicated.text())) {
            hints.add("set policy: sub-service on " + where + " (or for the setup) to run a dedicated "
                    + dedicated.text() + ", whose version meets " + range.text());
        } else {
            if (dedicated != null) {
                String v = subService.versionOf(dedicated.text(), c);
                hints.add("policy: sub-service would not help: its provider '" + dedicated.text() + "' provides "
                        + (v == null ? "no version" : "version " + v) + ", outside " + range.text());
            }
            if (!fit.isEmpty()) {
                hints.add("give " + where + " provider: " + fit.get(0) + " and policy: sub-service"
                        + (fit.size() > 1
                                ? " (modules that meet " + range.text() + ": " + String.join(", ", fit) + ")"
                                : "")
                        + ", or run " + fit.get(0) + " on node '" + i.node.name() + "'");
            }
        }
        var wider = new ArrayList<String>();
        for (Candidate x : cs) {
            if (x.rejections().size() == 1 && x.rejections().get(0).startsWith("version ")) {
                wider.add(x.ref() + " (" + x.version() + ")");
            }
        }
        if (!wider.isEmpty()) {
            hints.add("or widen the version range " + range.text() + " of " + where + " to accept "
                    + String.join(", ", wider));
        } else if (fit.isEmpty()) {
            hints.add("no module of the setup or the catalogue provides " + c.name() + " in " + range.text()
                    + ": add one, or widen the range");
        }
        hints.add("or bind it to a provider you run: bind: { " + i.id + "." + r.name() + ": NODE/INSTANCE.PROVISION }");
        return hints;
    }

    private void noneFits(Inst i, Requirement r, Contract c, VersionRange range, Policy p, List<Cand> all) {
        var cs = candidates(i, c, range, all);
        var rel = new ArrayList<Diagnostic.Related>();
        for (Candidate x : cs) {
            rel.add(new Diagnostic.Related(
                    x.ref() + " (" + (x.version() == null ? "unversioned" : x.version()) + ") rejected: "
                            + String.join("; ", x.rejections()),
                    x.span()));
        }
        if (r.optional()) {
            String why =
                    cs.isEmpty() ? "no instance provides " + c.name() : "none of " + cs.size() + " candidate(s) fits";
            book.unmet(i, r, c, range, p, why, rel, List.of());
            return;
        }
        String message = "requirement '" + r.name() + "' of " + i.id + " looks for " + c.name() + " " + range.text()
                + (c.reach() == Reach.LOCAL ? " on node '" + i.node.name() + "' (local-only)" : "")
                + ": " + (cs.isEmpty() ? "no instance provides it" : cs.size() + " candidate(s), none fits");
        var hints = noProviderFixes(i, r, c, range, cs);
        diags.add(new Diagnostic(Code.NO_PROVIDER, Code.NO_PROVIDER.severity(), message, r.span(), hints, rel));
        book.record(i, r, c, range, p, false, "no provider fits", null, cs);
    }
}
