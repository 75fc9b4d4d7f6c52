package org.modsvc.plan;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Policy;

/**
 * The resolved setup: the one value every emitter and report reads. Immutable and deterministic:
 * every list is sorted (instances by id, bindings by consumer then requirement), so the same setup
 * gives the same plan whatever the order of its files and keys.
 *
 * @param order node name → instance ids, providers before consumers, ties broken by name
 * @param failsWith instance id → the instances that stop when it stops: its dependents on its own
 *     node, through consumers on that node ({@code Requires=}/{@code PartOf=} chains), sorted;
 *     instances with none are absent
 * @param loses instance id → the instances that lose it without being stopped: every other
 *     transitive dependent (consumers on other nodes, and whatever depends on them), sorted;
 *     instances with none are absent
 * @param diagnostics resolver diagnostics (loading diagnostics are reported separately)
 * @param index the plan's lookups, derived from its lists: whatever is passed is replaced by a
 *     new index over this plan (pass null; the shorter constructor does). It takes no part in
 *     equality.
 */
public record Plan(
        String setup,
        Policy policy,
        List<PlanNode> nodes,
        List<Instance> instances,
        List<Binding> bindings,
        SortedMap<String, List<String>> order,
        List<RemoteDependency> remote,
        SortedMap<String, List<String>> failsWith,
        SortedMap<String, List<String>> loses,
        List<Diagnostic> diagnostics,
        PlanIndex index) {
    public Plan {
        nodes = List.copyOf(nodes);
        instances = List.copyOf(instances);
        bindings = List.copyOf(bindings);
        order = org.modsvc.model.SortedMaps.copyOf(order);
        remote = List.copyOf(remote);
        failsWith = org.modsvc.model.SortedMaps.copyOf(failsWith);
        loses = org.modsvc.model.SortedMaps.copyOf(loses);
        diagnostics = List.copyOf(diagnostics);
        // Only the reference is kept; the index reads the lists on first use.
        index = new PlanIndex(this);
    }

    public Plan(
            String setup,
            Policy policy,
            List<PlanNode> nodes,
            List<Instance> instances,
            List<Binding> bindings,
            SortedMap<String, List<String>> order,
            List<RemoteDependency> remote,
            SortedMap<String, List<String>> failsWith,
            SortedMap<String, List<String>> loses,
            List<Diagnostic> diagnostics) {
        this(setup, policy, nodes, instances, bindings, order, remote, failsWith, loses, diagnostics, null);
    }

    /** A plan that says nothing of what loses a provider on other nodes ({@code loses} empty). */
    public Plan(
            String setup,
            Policy policy,
            List<PlanNode> nodes,
            List<Instance> instances,
            List<Binding> bindings,
            SortedMap<String, List<String>> order,
            List<RemoteDependency> remote,
            SortedMap<String, List<String>> failsWith,
            List<Diagnostic> diagnostics) {
        this(
                setup,
                policy,
                nodes,
                instances,
                bindings,
                order,
                remote,
                failsWith,
                java.util.Collections.emptySortedMap(),
                diagnostics,
                null);
    }

    /** The instance with this id, through the index (no scan). */
    public Optional<Instance> instance(String id) {
        return Optional.ofNullable(index.instance(id));
    }

    public Optional<PlanNode> node(String name) {
        return Optional.ofNullable(index.node(name));
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
