package org.modsvc.resolve.graph;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.resolve.instantiate.Ranks;
import org.modsvc.resolve.policy.Bound;

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

    /** One cycle per strongly connected component that has one, in instance id order. */
    public static List<Cycle> of(DependencyGraph g, List<Bound> bounds, Ranks ranks) {
        var out = new ArrayList<Cycle>();
        for (int[] edges : g.cycles(ranks.byName())) {
            var steps = new ArrayList<Cycle.Step>(edges.length + 1);
            for (int e : edges) steps.add(step(bounds.get(e)));
            steps.add(steps.get(0));
            out.add(new Cycle(List.of(), steps));
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
