package org.modsvc.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Module;
import org.modsvc.model.Policy;
import org.modsvc.model.Requirement;
import org.modsvc.model.Setup;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;

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
        var modules = new TreeMap<String, Module>();
        var done = new java.util.IdentityHashMap<Module, Module>();
        setup.modules().forEach((name, m) -> modules.put(name, withoutPolicies(m, done)));
        return new Setup(
                setup.name(),
                setup.policy(),
                setup.nodes(),
                setup.binds(),
                modules,
                setup.contracts(),
                setup.sources(),
                setup.span(),
                setup.subServicesPartOf());
    }

    /** {@code m} without policies; {@code done} holds what is converted, since imports share sub-services. */
    private static Module withoutPolicies(Module m, java.util.IdentityHashMap<Module, Module> done) {
        Module known = done.get(m);
        if (known != null) return known;
        var requires = new TreeMap<String, Requirement>();
        m.requires()
                .forEach((name, r) -> requires.put(
                        name,
                        new Requirement(
                                r.name(),
                                r.contract(),
                                r.version(),
                                r.request(),
                                r.optional(),
                                r.provider(),
                                null,
                                r.remoteWait(),
                                r.span())));
        var services = new TreeMap<String, Module>();
        m.services().forEach((name, s) -> services.put(name, withoutPolicies(s, done)));
        Module out = new Module(
                m.name(),
                m.kind(),
                m.file(),
                m.imports(),
                m.process(),
                m.notificationProtocol(),
                m.configData(),
                services,
                m.provides(),
                requires,
                m.systemd(),
                m.hardening(),
                m.wrapper(),
                m.lifecycle(),
                m.packages(),
                m.span(),
                m.systemdKeys(),
                m.checks());
        done.put(m, out);
        return out;
    }

    /** Compares the plans, keyed by the policy each was resolved under (at least one). */
    public static Comparison of(String setup, Policy declared, SortedMap<Policy, Plan> plans) {
        if (plans.isEmpty()) throw new IllegalArgumentException("nothing to compare");
        var diagnosticCount = new HashMap<Key, Integer>();
        for (Plan p : plans.values()) {
            for (Key k : new LinkedHashSet<>(keys(p.diagnostics()))) diagnosticCount.merge(k, 1, Integer::sum);
        }
        var strategies = new ArrayList<Strategy>();
        plans.forEach((policy, plan) -> strategies.add(strategy(policy, plan, diagnosticCount, plans.size())));
        var common = new ArrayList<Diagnostic>();
        var listed = new java.util.HashSet<Key>();
        for (Diagnostic d : plans.values().iterator().next().diagnostics()) {
            var k = keys(List.of(d));
            if (!k.isEmpty() && diagnosticCount.get(k.get(0)) == plans.size() && listed.add(k.get(0))) common.add(d);
        }
        common.sort(Diagnostic.ORDER);
        var c = new Comparison(
                setup, declared, strategies, contractRows(plans), requirementRows(plans), common, List.of());
        return new Comparison(setup, declared, strategies, c.contracts, c.requirements, common, Summary.of(c, plans));
    }

    /** The strategy of {@code policy}, if it was compared. */
    public java.util.Optional<Strategy> strategy(Policy policy) {
        return strategies.stream().filter(s -> s.policy() == policy).findFirst();
    }

    /** Diagnostics compared by what they say and where, not by their hints. */
    private record Key(String code, String message, String file, int line, int column) {}

    private static List<Key> keys(List<Diagnostic> ds) {
        var out = new ArrayList<Key>();
        for (Diagnostic d : ds) {
            if (!d.isError() && d.severity() != org.modsvc.diag.Severity.WARNING) continue;
            out.add(new Key(
                    d.code().id(),
                    d.message(),
                    d.span().file(),
                    d.span().line(),
                    d.span().column()));
        }
        return out;
    }

    private static Strategy strategy(Policy policy, Plan plan, Map<Key, Integer> seen, int plans) {
        int errors = 0, warnings = 0;
        var own = new ArrayList<Diagnostic>();
        var reported = new java.util.HashSet<Key>();
        for (Diagnostic d : plan.diagnostics()) {
            if (d.isError()) errors++;
            else if (d.severity() == org.modsvc.diag.Severity.WARNING) warnings++;
            else continue;
            Key k = keys(List.of(d)).get(0);
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

    private static List<ContractRow> contractRows(SortedMap<Policy, Plan> plans) {
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

    private static List<RequirementRow> requirementRows(SortedMap<Policy, Plan> plans) {
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
