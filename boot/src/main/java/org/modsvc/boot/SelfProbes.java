package org.modsvc.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsvc.model.Contract;
import org.modsvc.model.ModuleKind;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Provided;

/**
 * Probes for what nobody in the setup consumes: the top of every chain (a reverse proxy, an
 * application, an SNI router) serves the world outside the setup, so no binding would ever show
 * that it answers. Each such provision gets a binding of its provider to itself, probed as the
 * provider on its own node, under the requirement name {@code provides-<provision>}.
 *
 * <p>Only a probe that needs nothing a consumer brings is run: one that names a request field (a
 * database per requester) or a secret result field (a credential only a consumer is given) has no
 * consumer to take them from, and is left out.
 */
final class SelfProbes {
    static final String PREFIX = "provides-";

    private SelfProbes() {}

    /** The self-bindings of {@code plan}, in instance order then provision order; never null. */
    static List<Binding> of(Plan plan, Map<String, Contract> contracts) {
        var out = new ArrayList<Binding>();
        for (Instance i : plan.instances()) {
            if (i.kind() == ModuleKind.TOOL) continue; // the loader refuses a tool that provides: defence only
            for (Provided p : i.provides()) {
                if (!p.consumers().isEmpty()) continue;
                Contract c = contracts.get(p.contract());
                if (!probeable(c)) continue;
                out.add(new Binding(
                        i.id(),
                        PREFIX + p.name(),
                        i.id(),
                        p.name(),
                        p.contract(),
                        BindingKind.LOCAL,
                        new TreeMap<>(),
                        p.result(),
                        false,
                        i.span()));
            }
        }
        return out;
    }

    private static boolean probeable(Contract c) {
        return c != null && c.probe() != null && !ProbeArgv.needsConsumer(c);
    }
}
