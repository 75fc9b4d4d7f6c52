package org.modsvc.resolve.values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Lifecycle;
import org.modsvc.plan.Reload;
import org.modsvc.plan.Value;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.ports.PortAllocator;
import org.modsvc.resolve.ports.PortClaims;
import org.modsvc.resolve.values.Expand.Where;
import org.modsvc.source.Limits;

/**
 * Fills in every instance's values once every binding is known, and checks request and result
 * values against their contract fields. Instances are resolved providers first, so a consumer
 * reads its providers' finished result values.
 */
public final class ValuesPhase {
    private final Declarations declarations;
    private final Expand expand;
    private final FieldChecks fields;
    private final Resolved[] done;
    private final PerConsumer per;
    private final PortClaims ports;
    private final PortAllocator allocated;
    private final ModuleChecks checks;

    private ValuesPhase(
            Setup setup,
            Limits limits,
            Diagnostics diags,
            Declarations declarations,
            int instances,
            int bindings,
            PortAllocator allocated) {
        this.declarations = declarations;
        this.allocated = allocated;
        this.done = new Resolved[instances];
        this.per = new PerConsumer(bindings);
        this.ports = new PortClaims(instances);
        this.expand = new Expand(setup, limits, diags, declarations, done, per);
        this.fields = new FieldChecks(diags);
        this.checks = new ModuleChecks(setup, diags, expand);
    }

    /**
     * Resolves the values of {@code instances} in {@code order} (providers first) and reports
     * port conflicts.
     *
     * @param bindings how many bindings the run made (their {@link Bound#index()} is below it)
     */
    public static ResolvedValues run(
            Setup setup,
            Limits limits,
            Diagnostics diags,
            Declarations declarations,
            List<Inst> instances,
            int bindings,
            int[] order) {
        // Allocatable ports first: argv, fulfil steps and consumers all read the assigned number.
        var allocated = PortAllocator.assign(instances, declarations, diags);
        var phase = new ValuesPhase(setup, limits, diags, declarations, instances.size(), bindings, allocated);
        for (int v : order) phase.resolve(instances.get(v));
        // After every instance: a consumer's request is resolved with the consumer, which comes
        // after its provider in the order.
        for (int v : order) phase.fulfil(instances.get(v));
        // Every binding's own result, also of bindings whose consumer never reads it.
        for (Inst i : instances) {
            for (Provision p : i.module.provides().values()) {
                for (Bound b : i.served(p.name())) phase.expand.resultFor(b);
            }
        }
        phase.ports.checkConflicts(diags);
        return new ResolvedValues(phase.done, phase.per, phase.ports);
    }

    private void resolve(Inst i) {
        var r = new Resolved();
        done[i.index] = r;
        Module m = i.module;
        r.expectProvisions(m.provides().size());
        int k = 0;
        for (Provision p : m.provides().values()) {
            Contract c = i.cands().length > 0
                    ? i.cands()[k].contract
                    : declarations.contract(p.contract().text());
            k++;
            resolveProvision(i, r, p, c);
        }
        // Requests first: a provider's per-consumer result may read them (${request.F}).
        for (Requirement q : m.requires().values()) {
            if (!q.request().isEmpty()) resolveRequest(i, r, q);
        }
        List<Scalar> argv = m.process().argv();
        if (!argv.isEmpty()) {
            var out = new Value[argv.size()];
            for (int j = 0; j < out.length; j++) out[j] = expand.expand(argv.get(j), i, r, Where.OTHER, null);
            r.argv = List.of(out);
        }
        var environment = m.process().environment();
        if (!environment.isEmpty()) {
            var b = ArraySortedMap.<String, Value>builder(environment.size());
            for (var e : environment.entrySet())
                b.put(e.getKey(), expand.expand(e.getValue(), i, r, Where.OTHER, null));
            r.environment = b.build();
        }
        if (!m.configData().isEmpty()) {
            var files = new ConfigFile[m.configData().size()];
            int j = 0;
            for (ConfigData cd : m.configData().values()) {
                files[j++] = new ConfigFile(
                        cd.name(), Expand.configPath(i, cd), expand.expand(cd.text(), i, r, Where.OTHER, null));
            }
            r.configData = List.of(files);
        }
        if (m.process().reloadSignal() != null) {
            r.reload = new Reload.Signal(m.process().reloadSignal().text());
        } else if (m.process().reloadLine() != null) {
            r.reload = new Reload.Line(expand.expand(m.process().reloadLine(), i, r, Where.OTHER, null));
        } else if (!m.process().reloadCommand().isEmpty()) {
            var argv2 = new ArrayList<Value>();
            for (Scalar s : m.process().reloadCommand()) argv2.add(expand.expand(s, i, r, Where.OTHER, null));
            r.reload = new Reload.Command(argv2);
        }
        List<Scalar> init = m.lifecycle().init();
        if (!init.isEmpty()) {
            var out = new Value[init.size()];
            for (int j = 0; j < out.length; j++) out[j] = expand.expand(init.get(j), i, r, Where.OTHER, null);
            r.init = List.of(out);
        }
        if (hasReference(m.systemd())) r.systemd = passthrough(i, r);
        checks.run(i, r);
    }

    private static boolean hasReference(SortedMap<String, SortedMap<String, List<Scalar>>> systemd) {
        for (var sec : systemd.values()) {
            for (var values : sec.values()) {
                for (Scalar s : values) if (s.text().indexOf('$') >= 0) return true;
            }
        }
        return false;
    }

    /** The passthrough keys of {@code i} with their references filled in (systemd syntax kept). */
    private SortedMap<String, SortedMap<String, List<String>>> passthrough(Inst i, Resolved r) {
        var systemd = i.module.systemd();
        var out = ArraySortedMap.<String, SortedMap<String, List<String>>>builder(systemd.size());
        for (var sec : systemd.entrySet()) {
            var keys =
                    ArraySortedMap.<String, List<String>>builder(sec.getValue().size());
            for (var kv : sec.getValue().entrySet()) {
                var values = new String[kv.getValue().size()];
                for (int j = 0; j < values.length; j++)
                    values[j] = expand.passthrough(kv.getValue().get(j), i, r);
                keys.put(kv.getKey(), List.of(values));
            }
            out.put(sec.getKey(), keys.build());
        }
        return out.build();
    }

    /** The fulfil commands of {@code i}'s provisions, one per consumer, in consumer order. */
    private void fulfil(Inst i) {
        Resolved r = done[i.index];
        if (r == null) return;
        var out = new ArrayList<Lifecycle.Fulfil>();
        for (Provision p : i.module.provides().values()) {
            if (p.fulfil().isEmpty()) continue;
            var served = new ArrayList<>(i.served(p.name()));
            served.sort(Comparator.comparing((Bound b) -> b.consumer().id)
                    .thenComparing(b -> b.req().name()));
            for (Bound b : served) {
                Bound before = per.enter(b);
                try {
                    var argv = new Value[p.fulfil().size()];
                    for (int k = 0; k < argv.length; k++)
                        argv[k] = expand.expand(p.fulfil().get(k), i, r, Where.OTHER, null);
                    out.add(new Lifecycle.Fulfil(
                            p.name(), b.consumer().id, b.req().name(), List.of(argv)));
                } finally {
                    per.leave(before);
                }
            }
        }
        if (!out.isEmpty()) r.fulfil = List.copyOf(out);
    }

    private void resolveProvision(Inst i, Resolved r, Provision p, Contract c) {
        if (c != null) declarations.checkResultFields(p, c);
        var res = ArraySortedMap.<String, Value>builder(p.result().size());
        var plain = ArraySortedMap.<String, String>builder(p.result().size());
        boolean[] failed = new boolean[1];
        for (var e : p.result().entrySet()) {
            failed[0] = false;
            Scalar written = e.getValue();
            PortAllocator.Assigned auto = allocated.of(i, p.name(), e.getKey());
            if (auto != null) {
                written = Scalar.synthetic(Integer.toString(auto.port()), written.span());
            } else if (PortAllocator.parseAuto(written.text()) > 0) {
                // No free port was left (reported); the preferred one keeps the rest checkable.
                Value v = expand.literal(Integer.toString(PortAllocator.parseAuto(written.text())));
                res.put(e.getKey(), v);
                plain.put(e.getKey(), v.plain());
                continue;
            }
            Value v = expand.expand(written, i, r, Where.RESULT, failed);
            Field f = c == null ? null : c.result().get(e.getKey());
            if (f != null) {
                var check = fields.check(f, "result", e.getKey(), "provision", p.name(), v, e.getValue(), failed[0]);
                if (check == FieldChecks.Outcome.REDACTED) {
                    v = expand.literal(FieldChecks.REDACTED);
                } else if (check == FieldChecks.Outcome.OK && f.type() == FieldType.PORT) {
                    ports.claim(i, Integer.parseInt(v.plain()), written.span(), auto);
                }
            }
            res.put(e.getKey(), v);
            plain.put(e.getKey(), v.plain());
        }
        r.addProvision(p.name(), res.build(), plain.build());
    }

    private void resolveRequest(Inst i, Resolved r, Requirement q) {
        Contract c = declarations.contract(q.contract().text());
        var request = ArraySortedMap.<String, String>builder(q.request().size());
        boolean[] failed = new boolean[1];
        for (var e : q.request().entrySet()) {
            failed[0] = false;
            Value v = expand.expand(e.getValue(), i, r, Where.OTHER, failed);
            String plain = v.plain();
            Field f = c == null ? null : c.request().get(e.getKey());
            if (f != null) {
                var check = fields.check(f, "request", e.getKey(), "requirement", q.name(), v, e.getValue(), failed[0]);
                if (check == FieldChecks.Outcome.REDACTED) plain = FieldChecks.REDACTED;
            }
            request.put(e.getKey(), plain);
        }
        Bound b = i.bound(q.name());
        if (b != null) per.request(b, request.build());
    }
}
