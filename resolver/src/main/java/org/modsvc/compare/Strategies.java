package org.modsvc.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.compare.Comparison.NodeLoad;
import org.modsvc.compare.Comparison.ProviderLoad;
import org.modsvc.compare.Comparison.Strategy;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Policy;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;

/**
 * What one policy makes of the setup ({@link Strategy}): its own diagnostics, the load on each
 * node, and each provider's consumers and what its failure stops or loses.
 */
final class Strategies {
    private Strategies() {}

    static Strategy of(Policy policy, Plan plan, Map<DiagnosticKeys.Key, Integer> seen, int plans) {
        int errors = 0, warnings = 0;
        var own = new ArrayList<Diagnostic>();
        var reported = new java.util.HashSet<DiagnosticKeys.Key>();
        for (Diagnostic d : plan.diagnostics()) {
            if (d.isError()) errors++;
            else if (d.severity() == org.modsvc.diag.Severity.WARNING) warnings++;
            else continue;
            DiagnosticKeys.Key k = DiagnosticKeys.keys(List.of(d)).get(0);
            if (seen.getOrDefault(k, 0) < plans && reported.add(k)) own.add(d);
        }
        own.sort(Diagnostic.ORDER);

        PlanIndex index = plan.index();
        var kindsOn = new HashMap<String, TreeMap<BindingKind, Integer>>();
        for (Binding b : plan.bindings()) {
            Instance consumer = index.instance(b.consumer());
            if (consumer == null) continue;
            kindsOn.computeIfAbsent(consumer.node(), k -> new TreeMap<>()).merge(b.kind(), 1, Integer::sum);
        }
        var nodes = new ArrayList<NodeLoad>();
        int processes = 0, subServices = 0;
        for (PlanNode n : plan.nodes()) {
            int np = 0, ns = 0;
            var ports = new ArrayList<Integer>();
            for (Instance i : index.onNode(n.name())) {
                ports.addAll(i.ports());
                if (i.kind() == org.modsvc.model.ModuleKind.TOOL) continue;
                np++;
                if (i.owner() != null) ns++;
            }
            ports.sort(null);
            var kinds = new TreeMap<BindingKind, Integer>();
            for (BindingKind k : BindingKind.values()) kinds.put(k, 0);
            kindsOn.getOrDefault(n.name(), new TreeMap<>()).forEach(kinds::put);
            nodes.add(new NodeLoad(n.name(), np, ns, kinds, ports));
            processes += np;
            subServices += ns;
        }

        var providers = new ArrayList<ProviderLoad>();
        int largest = 0;
        int largestLoss = 0;
        long total = 0;
        // Instances come in id order, so providers do too.
        for (Instance i : plan.instances()) {
            List<Binding> served = index.bindingsTo(i.id());
            if (served.isEmpty()) continue;
            var contracts = new TreeSet<String>();
            boolean dedicated = true;
            for (Binding b : served) {
                contracts.add(b.contract());
                dedicated &= b.kind() == BindingKind.SUB_SERVICE;
            }
            List<String> fails = plan.failsWith().getOrDefault(i.id(), List.of());
            List<String> loses = plan.loses().getOrDefault(i.id(), List.of());
            providers.add(new ProviderLoad(
                    i.id(), i.module(), List.copyOf(contracts), served.size(), dedicated, fails, loses));
            largest = Math.max(largest, fails.size());
            largestLoss = Math.max(largestLoss, loses.size());
            total += fails.size();
        }
        double mean = providers.isEmpty() ? 0 : (double) total / providers.size();
        return new Strategy(
                policy, errors, warnings, processes, subServices, nodes, providers, largest, mean, largestLoss, own);
    }
}
