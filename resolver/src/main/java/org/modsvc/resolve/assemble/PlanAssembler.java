package org.modsvc.resolve.assemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Node;
import org.modsvc.model.Policy;
import org.modsvc.model.Setup;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.resolve.failure.FailsWith;
import org.modsvc.resolve.graph.DependencyGraph;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Ranks;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.values.ResolvedValues;

/**
 * The last phase: the plan from what the earlier ones left. Instances and bindings come in id
 * order (through the instances' ranks), start orders per node from the graph.
 */
public final class PlanAssembler {
    /** From this many records on, they are made on all cores (below, the hand-over costs more). */
    static final int PARALLEL_FROM = 4096;

    private PlanAssembler() {}

    /**
     * A plan with the setup's nodes and the diagnostics only, for a run stopped at a limit: its
     * instances and bindings would be a fragment that no reader could use.
     */
    public static Plan incomplete(Setup setup, Policy policy, List<Diagnostic> diagnostics) {
        var nodes = new ArrayList<PlanNode>();
        for (Node n : setup.nodes().values())
            nodes.add(new PlanNode(n.name(), n.address().text(), n.target(), setup.subServicesPartOf()));
        return new Plan(
                setup.name(),
                policy,
                nodes,
                List.of(),
                List.of(),
                new java.util.TreeMap<>(),
                List.of(),
                new java.util.TreeMap<>(),
                new java.util.TreeMap<>(),
                diagnostics);
    }

    /**
     * @param instances in index order
     * @param bounds the bindings, in the order they were made
     * @param diagnostics everything the run reported, in diagnostic order
     */
    public static Plan assemble(
            Setup setup,
            Policy policy,
            List<Inst> instances,
            List<Bound> bounds,
            Ranks ranks,
            DependencyGraph g,
            ResolvedValues values,
            List<Diagnostic> diagnostics) {
        var nodes = new ArrayList<PlanNode>();
        for (Node n : setup.nodes().values())
            nodes.add(new PlanNode(n.name(), n.address().text(), n.target(), setup.subServicesPartOf()));
        List<Inst> byId = ranks.byId();
        var planInstances = new PlanInstances(values, byId);
        var out = each(new Instance[byId.size()], k -> planInstances.instance(byId.get(k)));

        var sorted = bounds.toArray(new Bound[0]);
        // By consumer id through its rank (rank order is id order), then requirement name; both
        // sorts are stable, so the order is the same either way.
        Comparator<Bound> byConsumer = Comparator.comparingInt((Bound b) -> ranks.of(b.consumer()))
                .thenComparing(b -> b.req().name());
        if (sorted.length >= PARALLEL_FROM) Arrays.parallelSort(sorted, byConsumer);
        else Arrays.sort(sorted, byConsumer);
        var bindings = each(new Binding[sorted.length], k -> binding(sorted[k], values));
        var remote = new ArrayList<RemoteDependency>();
        for (Bound b : sorted) {
            if (b.kind() == BindingKind.REMOTE) {
                remote.add(new RemoteDependency(
                        b.consumer().id,
                        b.req().name(),
                        b.provider().id,
                        b.provider().node.name(),
                        b.provider().node.address().text(),
                        b.req().remoteWaitSeconds()));
            }
        }
        var fails = FailsWith.of(g, ranks);
        return new Plan(
                setup.name(),
                policy,
                nodes,
                out,
                bindings,
                startOrders(setup, instances, ranks, g),
                remote,
                fails.failsWith(),
                fails.loses(),
                diagnostics);
    }

    /**
     * {@code slots} filled with {@code make} of each index, on all cores from {@link
     * #PARALLEL_FROM} slots on. Each record depends only on finished phases and lands in its own
     * slot, so the list is the same whatever the scheduling.
     */
    private static <T> List<T> each(T[] slots, IntFunction<T> make) {
        var indexes = IntStream.range(0, slots.length);
        if (slots.length >= PARALLEL_FROM) indexes = indexes.parallel();
        indexes.forEach(k -> slots[k] = make.apply(k));
        return Arrays.asList(slots);
    }

    private static Binding binding(Bound b, ResolvedValues values) {
        return new Binding(
                b.consumer().id,
                b.req().name(),
                b.provider().id,
                b.provision().name(),
                b.contract().name(),
                b.kind(),
                values.request(b),
                values.plainResult(b),
                b.bind() != null,
                b.req().span());
    }

    private static TreeMap<String, List<String>> startOrders(
            Setup setup, List<Inst> instances, Ranks ranks, DependencyGraph g) {
        var order = new TreeMap<String, List<String>>();
        var nodeNames = new ArrayList<>(setup.nodes().keySet());
        var nodeIndex = new HashMap<String, Integer>();
        for (int k = 0; k < nodeNames.size(); k++) nodeIndex.put(nodeNames.get(k), k);
        int[] groupOf = new int[instances.size()];
        for (Inst i : instances) groupOf[i.index] = nodeIndex.get(i.node.name());
        int[][] orders = g.startOrders(groupOf, nodeNames.size(), ranks.rank());
        for (int k = 0; k < nodeNames.size(); k++) {
            var ids = new String[orders[k].length];
            for (int j = 0; j < ids.length; j++) ids[j] = instances.get(orders[k][j]).id;
            order.put(nodeNames.get(k), List.of(ids));
        }
        return order;
    }
}
