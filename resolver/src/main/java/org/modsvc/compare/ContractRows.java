package org.modsvc.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.compare.Comparison.ContractRow;
import org.modsvc.model.Policy;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;

/** The rows of {@link ContractRow}: how each contract is served under each policy. */
final class ContractRows {
    private ContractRows() {}

    static List<ContractRow> of(SortedMap<Policy, Plan> plans) {
        // contract -> policy -> the bindings of that contract, in one pass over each plan
        var byContract = new TreeMap<String, TreeMap<Policy, List<Binding>>>();
        plans.forEach((policy, plan) -> {
            for (Binding b : plan.bindings())
                byContract
                        .computeIfAbsent(b.contract(), k -> new TreeMap<>())
                        .computeIfAbsent(policy, k -> new ArrayList<>())
                        .add(b);
        });
        var rows = new ArrayList<ContractRow>();
        byContract.forEach((c, perPolicy) -> {
            var providers = new TreeMap<Policy, Integer>();
            var mods = new TreeMap<Policy, List<String>>();
            var consumers = new TreeMap<Policy, Integer>();
            var blast = new TreeMap<Policy, Integer>();
            var loss = new TreeMap<Policy, Integer>();
            plans.forEach((policy, plan) -> {
                var bindings = perPolicy.getOrDefault(policy, List.of());
                Set<String> ids = new TreeSet<>();
                Set<String> names = new TreeSet<>();
                for (Binding b : bindings) {
                    ids.add(b.provider());
                    Instance provider = plan.index().provider(b);
                    if (provider != null) names.add(provider.module());
                }
                int largest = 0;
                int lost = 0;
                for (String id : ids) {
                    largest = Math.max(
                            largest,
                            plan.failsWith().getOrDefault(id, List.of()).size());
                    lost = Math.max(
                            lost, plan.loses().getOrDefault(id, List.of()).size());
                }
                providers.put(policy, ids.size());
                mods.put(policy, List.copyOf(names));
                consumers.put(policy, bindings.size());
                blast.put(policy, largest);
                loss.put(policy, lost);
            });
            rows.add(new ContractRow(c, providers, mods, consumers, blast, loss));
        });
        return rows;
    }
}
