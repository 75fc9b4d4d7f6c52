package org.modsvc.resolve.assemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
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
        var planInstances = new PlanInstances(values);
        var out = new ArrayList<Instance>(instances.size());
        for (Inst i : ranks.byId()) out.add(planInstances.instance(i));

        var sortedBounds = new ArrayList<>(bounds);
        // By consumer id through its rank (rank order is id order), then requirement name.
        sortedBounds.sort(Comparator.comparingInt((Bound b) -> ranks.of(b.consumer()))
                .thenComparing(b -> b.req().name()));
        var bindings = new ArrayList<Binding>(bounds.size());
        var remote = new ArrayList<RemoteDependency>();
        for (Bound b : sortedBounds) {
            bindings.add(new Binding(
                    b.consumer().id,
                    b.req().name(),
                    b.provider().id,
                    b.provision().name(),
                    b.contract().name(),
                    b.kind(),
                    values.request(b),
                    values.plainResult(b),
                    b.bind() != null,
                    b.req().span()));
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
