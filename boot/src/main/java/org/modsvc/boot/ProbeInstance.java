package org.modsvc.boot;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Lifecycle;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Value;

/**
 * A plan in which one consumer's command line is a probe: the same identity, environment,
 * credentials, wrapper settings and sandbox, without its reload, readiness protocol and lifecycle
 * steps (a probe serves nobody). The emitters render the probe from it exactly as the consumer.
 */
final class ProbeInstance {
    private ProbeInstance() {}

    static Plan planWith(Plan plan, Instance consumer, List<Value> probe, ModuleKind kind) {
        var instances = new ArrayList<Instance>();
        for (Instance i : plan.instances()) instances.add(i.id().equals(consumer.id()) ? probe(i, probe, kind) : i);
        return new Plan(
                plan.setup(),
                plan.policy(),
                plan.nodes(),
                instances,
                plan.bindings(),
                plan.order(),
                plan.remote(),
                plan.failsWith(),
                List.of());
    }

    private static Instance probe(Instance i, List<Value> probe, ModuleKind kind) {
        return new Instance(
                i.id(),
                i.node(),
                i.name(),
                i.module(),
                i.owner(),
                kind,
                probe,
                i.environment(),
                NotificationProtocol.NONE,
                null,
                i.configData(),
                i.provides(),
                i.ports(),
                i.credentials(),
                i.systemd(),
                i.hardening(),
                i.wrapper(),
                i.stateDir(),
                i.runtimeDir(),
                Lifecycle.NONE,
                i.packages(),
                i.span());
    }
}
