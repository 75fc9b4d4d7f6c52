package org.modsvc.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.compare.Comparison.Outcome;
import org.modsvc.compare.Comparison.RequirementRow;
import org.modsvc.model.Policy;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;

/** The rows of {@link RequirementRow}: how each requirement is bound under each policy. */
final class RequirementRows {
    private RequirementRows() {}

    static List<RequirementRow> of(SortedMap<Policy, Plan> plans) {
        // Rows come from every binding of any plan; a consumer that exists under a policy but has
        // no binding for the row's requirement is "unbound" there.
        var rows = new TreeMap<String, TreeMap<String, String>>();
        plans.forEach((policy, plan) -> {
            for (Binding b : plan.bindings())
                rows.computeIfAbsent(b.consumer(), k -> new TreeMap<>()).put(b.requirement(), b.contract());
        });
        var out = new ArrayList<RequirementRow>();
        rows.forEach((consumer, reqs) -> reqs.forEach((req, contract) -> {
            var outcome = new TreeMap<Policy, Outcome>();
            for (var e : plans.entrySet()) {
                Policy policy = e.getKey();
                PlanIndex index = e.getValue().index();
                if (index.instance(consumer) == null) continue;
                Binding b = index.binding(consumer, req);
                outcome.put(
                        policy,
                        b == null
                                ? new Outcome(null, null, false)
                                : new Outcome(b.provider() + "." + b.provision(), b.kind(), b.explicit()));
            }
            out.add(new RequirementRow(consumer, req, contract, outcome));
        }));
        return out;
    }
}
