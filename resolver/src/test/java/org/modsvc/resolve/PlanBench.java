package org.modsvc.resolve;

import static org.modsvc.resolve.Models.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Policy;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.model.Setup;
import org.modsvc.plan.Plan;
import org.modsvc.source.Limits;

/**
 * Times the resolve phase on a generated setup (N services, 3 requirements each, a DAG spread over
 * 10 nodes) against a bare JGraphT SCC plus topological sort of the same graph. Run by hand:
 * {@code java -cp … org.modsvc.resolve.PlanBench 100000}.
 */
public final class PlanBench {
    private PlanBench() {}

    public static Setup generate(int n, long seed) {
        var rnd = new Random(seed);
        var modules = new ArrayList<Module>(n);
        var contracts = new ArrayList<Contract>(n);
        var runs = new ArrayList<List<String>>();
        for (int k = 0; k < 10; k++) runs.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            var reqs = new ArrayList<Requirement>();
            for (int r = 0; r < 3 && i > 0; r++) {
                reqs.add(requirement("r" + r, "c" + rnd.nextInt(i), ">=1", false, null));
            }
            modules.add(module("s" + i, List.of(provision("main", "c" + i, "1.2", null)), reqs));
            contracts.add(contract("c" + i, Reach.NETWORK, true, null));
            runs.get(i % 10).add("s" + i);
        }
        var nodes = new ArrayList<org.modsvc.model.Node>();
        for (int k = 0; k < 10; k++) nodes.add(node("n" + k, "10.0.0." + k, runs.get(k)));
        return setup(Policy.SHARED, nodes, modules, contracts, List.of());
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Setup setup = generate(n, 1);
        for (int round = 0; round < 3; round++) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Plan plan = new Resolver(Limits.DEFAULT).resolve(setup);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
            var ids = new java.util.HashMap<String, String>();
            for (var i : plan.instances()) {
                ids.put(i.id(), i.id());
                g.addVertex(i.id());
            }
            for (var b : plan.bindings()) g.addEdge(ids.get(b.provider()), ids.get(b.consumer()));
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets();
            var it = new TopologicalOrderIterator<>(g);
            int c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            long t3 = System.nanoTime();
            long c3 = mx.getCurrentThreadCpuTime();
            System.out.printf("cpu: resolve=%dms jgrapht=%dms%n", (c1 - c0) / 1_000_000, (c3 - c2) / 1_000_000);
            System.out.printf(
                    "n=%d instances=%d bindings=%d errors=%s resolve=%dms jgrapht(scc+topo)=%dms (graph build %dms) ordered=%d%n",
                    n,
                    plan.instances().size(),
                    plan.bindings().size(),
                    plan.hasErrors(),
                    (t1 - t0) / 1_000_000,
                    (t3 - t2) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    c);
        }
    }
}
