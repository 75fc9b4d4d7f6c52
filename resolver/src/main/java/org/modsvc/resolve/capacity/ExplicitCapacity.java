package org.modsvc.resolve.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Instances;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.policy.Cand;

/**
 * Capacity and sharing of provisions that {@code bind:} entries aim at. The entries are counted
 * before any policy runs, so the policies leave room for them; once every binding exists, entries
 * beyond a provision's capacity (or beyond one, for a contract that is not shared) are errors.
 */
public final class ExplicitCapacity {
    private ExplicitCapacity() {}

    /** Counts each bind: entry against the provision it names, before any policy decides. */
    public static void reserve(List<Bind> binds, Instances instances) {
        for (Bind b : binds) {
            Inst p = instances.byId(b.provider().instanceId());
            if (p == null) continue;
            Cand c = p.cand(b.provider().member());
            if (c != null) c.reserve();
        }
    }

    /** Reports entries beyond a provision's capacity, and beyond the first for a non-shared contract. */
    public static void check(Instances instances, Declarations declarations, Diagnostics diags) {
        for (Inst i : instances.all()) {
            for (Cand x : explicitlyBound(i)) {
                var list = new ArrayList<>(x.explicitBound());
                list.sort(Comparator.comparing((Bound b) -> b.consumer().id)
                        .thenComparing(b -> b.req().name()));
                Integer cap = x.provision.capacity();
                if (cap != null && list.size() > cap) {
                    for (Bound b : list.subList(cap, list.size())) {
                        diags.add(Diagnostic.of(
                                        Code.CAPACITY,
                                        b.bind().provider().span(),
                                        "bind: " + i.id + "." + x.provision.name() + " has capacity " + cap + " but "
                                                + list.size() + " bind: entries point at it",
                                        "raise its capacity, or bind some consumers to another provider")
                                .withRelated(List.of(new Diagnostic.Related("the capacity", x.provision.span()))));
                    }
                }
                Contract c = declarations.contract(x.provision.contract().text());
                if (c != null && !c.shared() && list.size() > 1) {
                    Bound first = list.get(0);
                    for (Bound b : list.subList(1, list.size())) {
                        diags.add(Diagnostic.of(
                                        Code.NOT_SHARED,
                                        b.bind().provider().span(),
                                        "bind: contract '" + c.name() + "' is not shared, but " + i.id + "."
                                                + x.provision.name() + " is bound to " + list.size() + " consumers",
                                        "give each consumer its own provider (policy sub-service)")
                                .withRelated(List.of(new Diagnostic.Related(
                                        "first consumer: " + first.consumer().id + "."
                                                + first.req().name(),
                                        first.bind().provider().span()))));
                    }
                }
            }
        }
    }

    /**
     * The candidates of {@code i} that bind: entries aim at, in the order the diagnostics have
     * always come in: that of a {@code HashMap} by provision name.
     */
    private static Iterable<Cand> explicitlyBound(Inst i) {
        int n = 0;
        Cand one = null;
        for (Cand x : i.cands()) {
            if (!x.explicitBound().isEmpty()) {
                n++;
                one = x;
            }
        }
        if (n == 0) return List.of();
        if (n == 1) return List.of(one);
        var byName = new HashMap<String, Cand>(2);
        for (Cand x : i.cands()) byName.put(x.provision.name(), x);
        var out = new ArrayList<Cand>(n);
        for (Cand x : byName.values()) if (!x.explicitBound().isEmpty()) out.add(x);
        return out;
    }
}
