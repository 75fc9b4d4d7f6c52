package org.modsvc.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Policy;
import org.modsvc.model.Setup;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;

/**
 * One setup resolved under several strategies (policies), laid side by side. Built from the plans
 * alone, so it is pure: the same plans give the same comparison. Every list is sorted.
 *
 * @param setup the setup's name
 * @param declared the policy the setup itself declares
 * @param strategies one per compared policy, in {@link Policy} order
 * @param contracts one row per contract that some requirement asks for, by contract name
 * @param requirements one row per requirement of any instance in any plan, by consumer then name
 * @param common errors and warnings that every compared strategy produces (the setup's own
 *     problems, whatever the policy), sorted
 * @param summary the rule-based findings (see {@link Summary}), most important first
 */
public record Comparison(
        String setup,
        Policy declared,
        List<Strategy> strategies,
        List<ContractRow> contracts,
        List<RequirementRow> requirements,
        List<Diagnostic> common,
        List<String> summary) {

    public Comparison {
        strategies = List.copyOf(strategies);
        contracts = List.copyOf(contracts);
        requirements = List.copyOf(requirements);
        common = List.copyOf(common);
        summary = List.copyOf(summary);
    }

    /** True when every compared strategy has errors: then the setup itself needs fixing first. */
    public boolean noStrategyResolves() {
        return strategies.stream().noneMatch(Strategy::valid);
    }

    /**
     * What one policy makes of the setup.
     *
     * @param processes instances that run (tools excluded)
     * @param subServices of them, those owned by another instance (static or implicit)
     * @param providers every instance that serves at least one binding
     * @param largestBlast the most consumers one provider failure stops (0 without providers)
     * @param meanBlast the mean over {@code providers} of what each failure stops
     * @param largestLoss the most instances one provider failure leaves without it on other
     *     nodes, running (what "loses" it: counted apart from what stops with it)
     * @param own errors and warnings this strategy produces and at least one other compared
     *     strategy does not
     */
    public record Strategy(
            Policy policy,
            int errors,
            int warnings,
            int processes,
            int subServices,
            List<NodeLoad> nodes,
            List<ProviderLoad> providers,
            int largestBlast,
            double meanBlast,
            int largestLoss,
            List<Diagnostic> own) {
        public Strategy {
            nodes = List.copyOf(nodes);
            providers = List.copyOf(providers);
            own = List.copyOf(own);
        }

        public boolean valid() {
            return errors == 0;
        }

        /** Bindings of one kind over every node. */
        public int bindings(BindingKind kind) {
            return nodes.stream()
                    .mapToInt(n -> n.bindings().getOrDefault(kind, 0))
                    .sum();
        }
    }

    /**
     * One node under one policy.
     *
     * @param bindings bindings whose consumer runs here, by kind (every kind present, possibly 0)
     * @param ports ports claimed here, sorted; a port claimed twice appears twice (E045)
     */
    public record NodeLoad(
            String node,
            int processes,
            int subServices,
            SortedMap<BindingKind, Integer> bindings,
            List<Integer> ports) {
        public NodeLoad {
            bindings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(bindings));
            ports = List.copyOf(ports);
        }
    }

    /**
     * An instance that serves bindings.
     *
     * @param contracts the contracts it serves, sorted
     * @param consumers the bindings it serves
     * @param dedicated true when every binding it serves is a sub-service binding
     * @param failsWith the instances that stop when it stops (from {@link Plan#failsWith()})
     * @param loses the instances on other nodes, and their dependents, that lose it but keep
     *     running (from {@link Plan#loses()})
     */
    public record ProviderLoad(
            String provider,
            String module,
            List<String> contracts,
            int consumers,
            boolean dedicated,
            List<String> failsWith,
            List<String> loses) {
        public ProviderLoad {
            contracts = List.copyOf(contracts);
            failsWith = List.copyOf(failsWith);
            loses = List.copyOf(loses);
        }
    }

    /**
     * How the requirements of one contract are served under each policy.
     *
     * @param providers policy → distinct provider instances bound for this contract
     * @param modules policy → the provider modules, sorted, distinct
     * @param consumers policy → bindings of this contract
     * @param largestBlast policy → the most instances one of these providers stops when it fails
     * @param largestLoss policy → the most instances on other nodes one of these providers leaves
     *     without it (not stopped)
     */
    public record ContractRow(
            String contract,
            SortedMap<Policy, Integer> providers,
            SortedMap<Policy, List<String>> modules,
            SortedMap<Policy, Integer> consumers,
            SortedMap<Policy, Integer> largestBlast,
            SortedMap<Policy, Integer> largestLoss) {
        public ContractRow {
            providers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(providers));
            modules = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(modules));
            consumers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(consumers));
            largestBlast = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(largestBlast));
            largestLoss = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(largestLoss));
        }
    }

    /**
     * One requirement and how each policy binds it.
     *
     * @param contract may be null when no plan binds it (then it is unknown here)
     * @param outcome policy → outcome; absent when the consumer does not exist under that policy
     */
    public record RequirementRow(
            String consumer, String requirement, String contract, SortedMap<Policy, Outcome> outcome) {
        public RequirementRow {
            outcome = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(outcome));
        }
    }

    /**
     * A requirement's binding under one policy.
     *
     * @param provider {@code node/instance.provision}, or null when it stays unbound
     * @param kind null when unbound
     */
    public record Outcome(String provider, BindingKind kind, boolean explicit) {
        public boolean bound() {
            return provider != null;
        }

        @Override
        public String toString() {
            if (provider == null) return "unbound";
            return provider + " (" + kind.word() + (explicit ? ", bind:" : "") + ")";
        }
    }

    /**
     * The setup with every per-requirement {@code policy:} removed, so that each compared
     * strategy applies to every requirement. {@code bind:} entries stay: they are the setup's
     * explicit choices and win under every policy.
     */
    public static Setup forced(Setup setup) {
        return WithoutPolicies.of(setup);
    }

    /** Compares the plans, keyed by the policy each was resolved under (at least one). */
    public static Comparison of(String setup, Policy declared, SortedMap<Policy, Plan> plans) {
        if (plans.isEmpty()) throw new IllegalArgumentException("nothing to compare");
        var diagnosticCount = new HashMap<DiagnosticKeys.Key, Integer>();
        for (Plan p : plans.values()) {
            for (DiagnosticKeys.Key k : new LinkedHashSet<>(DiagnosticKeys.keys(p.diagnostics())))
                diagnosticCount.merge(k, 1, Integer::sum);
        }
        var strategies = new ArrayList<Strategy>();
        plans.forEach((policy, plan) -> strategies.add(Strategies.of(policy, plan, diagnosticCount, plans.size())));
        var common = new ArrayList<Diagnostic>();
        var listed = new java.util.HashSet<DiagnosticKeys.Key>();
        for (Diagnostic d : plans.values().iterator().next().diagnostics()) {
            var k = DiagnosticKeys.keys(List.of(d));
            if (!k.isEmpty() && diagnosticCount.get(k.get(0)) == plans.size() && listed.add(k.get(0))) common.add(d);
        }
        common.sort(Diagnostic.ORDER);
        var c = new Comparison(
                setup, declared, strategies, ContractRows.of(plans), RequirementRows.of(plans), common, List.of());
        return new Comparison(setup, declared, strategies, c.contracts, c.requirements, common, Summary.of(c, plans));
    }

    /** The strategy of {@code policy}, if it was compared. */
    public java.util.Optional<Strategy> strategy(Policy policy) {
        return strategies.stream().filter(s -> s.policy() == policy).findFirst();
    }
}
