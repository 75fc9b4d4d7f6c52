package org.modsvc.bench;

import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;

/**
 * The floor the resolver is compared with: the least any resolver must do with the same binding
 * graph, done with plain JGraphT. Builds the graph (instance ids as vertices, one edge per binding,
 * consumer to provider), finds its strongly connected components (Kosaraju) and sorts it
 * topologically.
 */
public final class Floor {
    /** The binding graph as (consumer, provider) id pairs, taken from a plan outside the timing. */
    public record Edges(List<String> vertices, String[] from, String[] to) {
        public static Edges of(Plan plan) {
            var bs = plan.bindings();
            String[] from = new String[bs.size()];
            String[] to = new String[bs.size()];
            for (int k = 0; k < from.length; k++) {
                Binding b = bs.get(k);
                from[k] = b.consumer();
                to[k] = b.provider();
            }
            return new Edges(plan.instances().stream().map(Instance::id).toList(), from, to);
        }
    }

    private Floor() {}

    /** Returns a checksum (components plus the last vertex's hash) so the work cannot be elided. */
    public static long run(Edges edges) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (String v : edges.vertices()) g.addVertex(v);
        for (int k = 0; k < edges.from().length; k++) {
            if (!edges.from()[k].equals(edges.to()[k])) g.addEdge(edges.from()[k], edges.to()[k]);
        }
        long components = new KosarajuStrongConnectivityInspector<>(g)
                .stronglyConnectedSets()
                .size();
        long last = 0;
        for (var it = new TopologicalOrderIterator<>(g); it.hasNext(); )
            last = it.next().hashCode();
        return components * 31 + last;
    }
}
