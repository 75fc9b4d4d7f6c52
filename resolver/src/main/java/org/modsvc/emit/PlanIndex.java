package org.modsvc.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.RemoteDependency;

/**
 * Lookups an emitter needs per instance, built once per plan, so that emitting is linear in the
 * plan's size (scanning the plan's lists for every instance made 100 000 services take hours).
 * Immutable after construction; safe to share between threads that emit different nodes. Every
 * list keeps the plan's order.
 */
public final class PlanIndex {
    private final Plan plan;
    private final Map<String, Instance> byId;
    private final Map<String, List<Instance>> byNode;
    private final Map<String, List<Instance>> ownedBy;
    private final Map<String, List<Binding>> bindingsOf;
    private final Map<String, List<RemoteDependency>> remoteOf;

    public PlanIndex(Plan plan) {
        this.plan = plan;
        int n = plan.instances().size();
        byId = new HashMap<>(2 * n);
        byNode = new HashMap<>();
        ownedBy = new HashMap<>();
        for (Instance i : plan.instances()) {
            byId.putIfAbsent(i.id(), i);
            byNode.computeIfAbsent(i.node(), k -> new ArrayList<>()).add(i);
            if (i.owner() != null)
                ownedBy.computeIfAbsent(i.owner(), k -> new ArrayList<>()).add(i);
        }
        bindingsOf = new HashMap<>(2 * n);
        for (Binding b : plan.bindings()) {
            bindingsOf.computeIfAbsent(b.consumer(), k -> new ArrayList<>(4)).add(b);
        }
        remoteOf = new HashMap<>();
        for (RemoteDependency r : plan.remote()) {
            remoteOf.computeIfAbsent(r.consumer(), k -> new ArrayList<>(2)).add(r);
        }
    }

    public Plan plan() {
        return plan;
    }

    /** The instance with this id, or null; the first one when (wrongly) two share an id. */
    public Instance instance(String id) {
        return byId.get(id);
    }

    /** The instances on {@code node}, in plan order; empty, never null. */
    public List<Instance> onNode(String node) {
        return byNode.getOrDefault(node, List.of());
    }

    /** The instances whose owner is {@code id}, in plan order; empty, never null. */
    public List<Instance> ownedBy(String id) {
        return ownedBy.getOrDefault(id, List.of());
    }

    /** The bindings whose consumer is {@code id}, in plan order; empty, never null. */
    public List<Binding> bindingsOf(String id) {
        return bindingsOf.getOrDefault(id, List.of());
    }

    /** The remote dependencies whose consumer is {@code id}, in plan order; empty, never null. */
    public List<RemoteDependency> remoteOf(String id) {
        return remoteOf.getOrDefault(id, List.of());
    }
}
