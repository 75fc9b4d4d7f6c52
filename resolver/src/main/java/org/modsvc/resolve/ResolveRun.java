package org.modsvc.resolve;

import java.util.HashMap;
import java.util.TreeMap;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Policy;
import org.modsvc.model.Setup;
import org.modsvc.plan.Plan;
import org.modsvc.progress.Progress;
import org.modsvc.resolve.assemble.PlanAssembler;
import org.modsvc.resolve.capacity.ExplicitCapacity;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.graph.Cycle;
import org.modsvc.resolve.graph.Cycles;
import org.modsvc.resolve.graph.DependencyGraph;
import org.modsvc.resolve.instantiate.FanOut;
import org.modsvc.resolve.instantiate.Instances;
import org.modsvc.resolve.instantiate.Ranks;
import org.modsvc.resolve.policy.BindEntries;
import org.modsvc.resolve.policy.Bindings;
import org.modsvc.resolve.policy.ExplicitBind;
import org.modsvc.resolve.policy.Planner;
import org.modsvc.resolve.policy.Providers;
import org.modsvc.resolve.policy.SharedPolicy;
import org.modsvc.resolve.policy.SubServicePolicy;
import org.modsvc.resolve.policy.UnkeptPromises;
import org.modsvc.resolve.values.ResolvedValues;
import org.modsvc.resolve.values.ValuesPhase;
import org.modsvc.source.Limits;

/**
 * One resolver run, phase by phase: instances of the run: lists, their requirements bound (which
 * may add dedicated providers, planned in turn), capacity and unused bind: checks, the dependency
 * graph, values filled in providers first, cycles, and the plan. Each phase lives in its own
 * package; this class only wires them. Single-use; never shared.
 */
final class ResolveRun {
    private final Setup setup;
    private final Policy policy;
    private final Limits limits;
    private final boolean explainAll;
    private final Progress progress;

    ResolveRun(Setup setup, Policy policy, Limits limits, boolean explainAll, Progress progress) {
        this.setup = setup;
        this.policy = policy;
        this.limits = limits;
        this.explainAll = explainAll;
        this.progress = progress;
    }

    Resolution run() {
        // Per-declaration checks run once per declaration; what is checked per instance (values,
        // recursion chains) or per imported copy of a declaration can still find the same thing
        // twice, and is kept once.
        progress.phase(Progress.Phase.RESOLVING, -1);
        var diags = Diagnostics.distinct();
        var modules = new HashMap<>(setup.modules());
        var declarations = new Declarations(setup, diags);
        var instances = new Instances(limits, diags);
        var fanOut = new FanOut(setup, modules, declarations, policy, limits.instances());
        if (!instances.admitsRunEntries(setup, modules, fanOut::size)) return stopped(diags);
        instances.createRunEntries(setup, modules);
        if (instances.limitReached()) return stopped(diags);

        var providers = new Providers(declarations);
        providers.index(instances.all());
        ExplicitCapacity.reserve(setup.binds(), instances);
        var book = new Bindings(diags, providers, explainAll);
        var entries = new BindEntries(setup.binds());
        var subService = new SubServicePolicy(
                instances,
                providers,
                declarations,
                book,
                diags,
                modules,
                setup.modules().keySet());
        var planner = new Planner(
                declarations,
                entries,
                new ExplicitBind(instances, book, diags),
                subService,
                new SharedPolicy(providers, subService, book, diags),
                policy);
        // The list grows while implicit sub-services are made; each is planned in turn.
        for (int k = 0; k < instances.size() && !instances.limitReached(); k++) {
            planner.plan(instances.get(k));
            progress.advance(1);
        }
        // Past the limit the instances are a fragment: binding, values and the graph over it would
        // only spend time and memory on errors that follow from the cut.
        if (instances.limitReached()) return stopped(diags);
        entries.checkUnused(instances, diags);
        ExplicitCapacity.check(instances, declarations, diags);
        UnkeptPromises.check(book.all(), diags);

        var ranks = Ranks.of(instances.all());
        DependencyGraph graph = Cycles.graph(instances.size(), book.all());
        progress.phase(Progress.Phase.VALUES, -1);
        ResolvedValues values = ValuesPhase.run(
                setup, limits, diags, declarations, instances.all(), book.all().size(), graph.providersFirst());
        for (Cycle c : Cycles.of(graph, book.all(), ranks, providers, declarations)) diags.add(c.diagnostic());

        Plan plan = PlanAssembler.assemble(
                setup, policy, instances.all(), book.all(), ranks, graph, values, diags.toList());
        return new Resolution(plan, new TreeMap<>(book.decisions()));
    }

    private Resolution stopped(Diagnostics diags) {
        return new Resolution(PlanAssembler.incomplete(setup, policy, diags.toList()), new TreeMap<>());
    }
}
