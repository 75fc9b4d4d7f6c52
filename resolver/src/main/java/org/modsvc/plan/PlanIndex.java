package org.modsvc.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one index of a plan: O(1) lookups by instance, node, owner, consumer and provider, built
 * once per plan on first use (a plan holds its own; see {@link Plan#index()}), so that every
 * reader is linear in the plan's size (scanning the plan's lists for every instance made 100 000
 * services take hours). Safe to share between threads; every list keeps the plan's order.
 */
public final class PlanIndex {
    private final Plan plan;
    /** Built on first use; then never changed. */
    private volatile Maps maps;

    private record Maps(
            Map<String, PlanNode> nodeByName,
            Map<String, Instance> byId,
            Map<String, List<Instance>> byNode,
            Map<String, List<Instance>> ownedBy,
            Map<String, List<Binding>> bindingsOf,
            Map<String, List<Binding>> bindingsTo,
            Map<String, List<RemoteDependency>> remoteOf) {}

    /**
     * The index of {@code plan}, made while the plan is constructed: it only keeps the reference,
     * and reads the plan's lists on first use, once the plan is complete.
     */
    PlanIndex(Plan plan) {
        this.plan = plan;
    }

    /** The plan it indexes. */
    public Plan plan() {
        return plan;
    }

    private Maps maps() {
        Maps m = maps;
        if (m == null) {
            synchronized (this) {
                m = maps;
                if (m == null) maps = m = build();
            }
        }
        return m;
    }

    private Maps build() {
        List<Instance> instances = plan.instances();
        int n = instances.size();
        var nodeByName = new HashMap<String, PlanNode>();
        for (PlanNode x : plan.nodes()) nodeByName.putIfAbsent(x.name(), x);
        var byId = new HashMap<String, Instance>(2 * n);
        var byNode = new HashMap<String, List<Instance>>();
        var ownedBy = new HashMap<String, List<Instance>>();
        for (Instance i : instances) {
            byId.putIfAbsent(i.id(), i);
            byNode.computeIfAbsent(i.node(), k -> new ArrayList<>()).add(i);
            if (i.owner() != null)
                ownedBy.computeIfAbsent(i.owner(), k -> new ArrayList<>()).add(i);
        }
        var bindingsOf = new HashMap<String, List<Binding>>(2 * n);
        var bindingsTo = new HashMap<String, List<Binding>>();
        for (Binding b : plan.bindings()) {
            bindingsOf.computeIfAbsent(b.consumer(), k -> new ArrayList<>(4)).add(b);
            bindingsTo.computeIfAbsent(b.provider(), k -> new ArrayList<>(4)).add(b);
        }
        var remoteOf = new HashMap<String, List<RemoteDependency>>();
        for (RemoteDependency r : plan.remote())
            remoteOf.computeIfAbsent(r.consumer(), k -> new ArrayList<>(2)).add(r);
        return new Maps(nodeByName, byId, byNode, ownedBy, bindingsOf, bindingsTo, remoteOf);
    }

    /**
     * Whether sub-services of {@code i}'s node are tied to their owner ({@code PartOf=}, wanted by
     * it): the setup's {@code subServices.partOf}, default true; false is nixpkgs' ownership only.
     */
    public boolean tiedToOwner(Instance i) {
        PlanNode n = node(i.node());
        return n == null || n.subServicesPartOf();
    }

    /** The node named {@code name}, or null. */
    public PlanNode node(String name) {
        return maps().nodeByName.get(name);
    }

    /** The instance with this id, or null; the first one when (wrongly) two share an id. */
    public Instance instance(String id) {
        return maps().byId.get(id);
    }

    /** The instances on {@code node}, in plan order; empty, never null. */
    public List<Instance> onNode(String node) {
        return maps().byNode.getOrDefault(node, List.of());
    }

    /** The instances whose owner is {@code id}, in plan order; empty, never null. */
    public List<Instance> ownedBy(String id) {
        return maps().ownedBy.getOrDefault(id, List.of());
    }

    /** The bindings whose consumer is {@code id}, in plan order; empty, never null. */
    public List<Binding> bindingsOf(String id) {
        return maps().bindingsOf.getOrDefault(id, List.of());
    }

    /** The binding of requirement {@code requirement} of consumer {@code id}, or null. */
    public Binding binding(String id, String requirement) {
        for (Binding b : bindingsOf(id)) if (b.requirement().equals(requirement)) return b;
        return null;
    }

    /** The bindings whose provider is {@code id} (its consumers), in plan order; empty, never null. */
    public List<Binding> bindingsTo(String id) {
        return maps().bindingsTo.getOrDefault(id, List.of());
    }

    /** The provider instance of {@code b}, or null when the plan lacks it. */
    public Instance provider(Binding b) {
        return instance(b.provider());
    }

    /** The remote dependencies whose consumer is {@code id}, in plan order; empty, never null. */
    public List<RemoteDependency> remoteOf(String id) {
        return maps().remoteOf.getOrDefault(id, List.of());
    }

    /** Derived from the plan, so every index equals every other: plans compare by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PlanIndex;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "PlanIndex";
    }
}
