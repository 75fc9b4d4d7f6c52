package org.modsvc.resolve.policy;

import static org.modsvc.resolve.Models.contract;
import static org.modsvc.resolve.Models.module;
import static org.modsvc.resolve.Models.node;
import static org.modsvc.resolve.Models.provision;
import static org.modsvc.resolve.Models.requirement;

import java.util.HashMap;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Node;
import org.modsvc.model.Policy;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.model.Setup;
import org.modsvc.resolve.Models;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Instances;
import org.modsvc.source.Limits;

/**
 * The collaborators a policy needs, built from a small setup without running the resolver: the
 * run: instances with their candidates indexed, an empty book. A test calls one policy directly.
 */
final class Harness {
    final Diagnostics diags = new Diagnostics();
    final Setup setup;
    final Declarations declarations;
    final Instances instances;
    final Providers providers;
    final Bindings book;

    Harness(Setup setup) {
        this.setup = setup;
        declarations = new Declarations(setup, diags);
        instances = new Instances(Limits.DEFAULT, diags);
        instances.createRunEntries(setup, setup.modules());
        providers = new Providers(declarations);
        providers.index(instances.all());
        book = new Bindings(diags, providers, false);
    }

    /** {@code app} requires {@code db} of contract {@code db}; {@code pg} provides it. */
    static Harness of(boolean shared, String defaultProvider, List<Node> nodes, List<Bind> binds) {
        Contract db = contract("db", Reach.NETWORK, shared, defaultProvider);
        Module app = module("app", List.of(), List.of(requirement("db", "db", null, false, null)));
        Module pg = module("pg", List.of(provision("db", "db", "16.2", null)), List.of());
        return new Harness(Models.setup(Policy.SHARED, nodes, List.of(app, pg), List.of(db), binds));
    }

    static List<Node> nodes(String... runs) {
        var out = new java.util.ArrayList<Node>();
        for (int k = 0; k < runs.length; k++)
            out.add(node("web" + (k + 1), "10.0.0." + (k + 1), List.of(runs[k].split(","))));
        return out;
    }

    SubServicePolicy subService() {
        return new SubServicePolicy(
                instances,
                providers,
                declarations,
                book,
                diags,
                new HashMap<>(setup.modules()),
                setup.modules().keySet());
    }

    Inst inst(String id) {
        return instances.byId(id);
    }

    Requirement db() {
        return setup.modules().get("app").requires().get("db");
    }

    Contract dbContract() {
        return setup.contracts().get("db");
    }

    List<Code> codes() {
        return diags.toList().stream().map(Diagnostic::code).toList();
    }
}
