package org.modsvc.resolve.graph;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Ranks;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.policy.Cand;
import org.modsvc.resolve.policy.Providers;
import org.modsvc.resolve.policy.Rejections;

/** The run's bindings as a dependency graph, and its cycles as values. */
public final class Cycles {
    private Cycles() {}

    /** The graph whose vertices are instance indexes and whose edge {@code e} is binding {@code e}. */
    public static DependencyGraph graph(int instances, List<Bound> bounds) {
        int m = bounds.size();
        int[] from = new int[m];
        int[] to = new int[m];
        for (int e = 0; e < m; e++) {
            from[e] = bounds.get(e).consumer().index;
            to[e] = bounds.get(e).provider().index;
        }
        return new DependencyGraph(instances, from, to);
    }

    /** One cycle per strongly connected component that has one, in instance id order; no fixes. */
    public static List<Cycle> of(DependencyGraph g, List<Bound> bounds, Ranks ranks) {
        return of(g, bounds, ranks, null, null);
    }

    /**
     * As {@link #of(DependencyGraph, List, Ranks)}, with the bind: entries that break each cycle
     * found among the shareable providers (at most {@value #FIXES} per cycle).
     *
     * @param providers null for no fixes
     * @param declarations null for no fixes
     */
    public static List<Cycle> of(
            DependencyGraph g, List<Bound> bounds, Ranks ranks, Providers providers, Declarations declarations) {
        var out = new ArrayList<Cycle>();
        for (int[] edges : g.cycles(ranks.byName())) {
            var steps = new ArrayList<Cycle.Step>(edges.length + 1);
            for (int e : edges) steps.add(step(bounds.get(e)));
            steps.add(steps.get(0));
            var fixes = providers == null ? List.<Cycle.Fix>of() : fixes(g, bounds, edges, providers, declarations);
            out.add(new Cycle(List.of(), steps, fixes));
        }
        return out;
    }

    /** Most fixes one cycle names: the first few, the user needs one. */
    static final int FIXES = 3;

    /**
     * Most candidates looked at per cycle: a long cycle of one contract would otherwise look at
     * every provider of it once per binding.
     */
    static final int BUDGET = 4096;

    /**
     * For bindings of the cycle in order, a provider that meets the requirement and cannot lead
     * back to the cycle: a vertex that depends on it (every vertex of the cycle does, all reach
     * each other) would close another cycle. Candidates on the consumer's node first, then in the
     * pool's order (instance order), so the hint is deterministic.
     */
    private static List<Cycle.Fix> fixes(
            DependencyGraph g, List<Bound> bounds, int[] edges, Providers providers, Declarations declarations) {
        var out = new ArrayList<Cycle.Fix>();
        int first = bounds.get(edges[0]).consumer().index;
        var blocked = new java.util.HashSet<Integer>();
        blocked.add(first);
        for (int v : g.dependents(first, new boolean[g.size()], new int[g.size()], g.size())) blocked.add(v);
        int budget = BUDGET;
        for (int e : edges) {
            if (out.size() == FIXES || budget <= 0) break;
            Bound b = bounds.get(e);
            var required = declarations.required(b.req());
            if (required == null) continue;
            List<Cand> pool = providers.all(required.contract().name());
            Cand found = null;
            for (int pass = 0; pass < 2 && found == null && budget > 0; pass++) {
                for (Cand x : pool) {
                    if ((x.inst.node == b.consumer().node) != (pass == 0)) continue;
                    if (--budget <= 0) break;
                    if (blocked.contains(x.inst.index)) continue;
                    // Capacity counts: the provider would serve one consumer more.
                    if (Rejections.reject(b.consumer(), required.contract(), required.range(), x) != 0) continue;
                    found = x;
                    break;
                }
            }
            if (found != null) out.add(new Cycle.Fix(step(b), found.inst.id, found.provision.name()));
        }
        return out;
    }

    private static Cycle.Step step(Bound b) {
        return new Cycle.Step(
                b.consumer().id,
                b.consumer().name,
                b.consumer().node.name(),
                b.req().name(),
                b.provider().id,
                b.provision().name(),
                b.req().span(),
                b.bind() != null ? b.bind().span() : b.req().span());
    }
}
