package org.modsvc.resolve.assemble;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.model.Module;
import org.modsvc.model.Provision;
import org.modsvc.model.Scalar;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;
import org.modsvc.plan.Provided;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.values.Resolved;
import org.modsvc.resolve.values.ResolvedValues;

/** Turns planned instances and their resolved values into the plan's {@link Instance} records. */
final class PlanInstances {
    private final ResolvedValues values;
    /**
     * Passthrough systemd keys (without references) and wrapper settings by module: the same for
     * all its instances. Only modules that have some are kept (a setup may have a module per
     * service). Filled in the constructor and only read after, so instances can be made on
     * several threads at once.
     */
    private final Map<Module, SortedMap<String, SortedMap<String, List<String>>>> systemdOf = new IdentityHashMap<>();

    private final Map<Module, WrapperPlan> wrapperOf = new IdentityHashMap<>();

    /** Where each module's checked values were written: the same for all its instances. */
    private final Map<Module, Origins> originsOf = new IdentityHashMap<>();

    /** @param instances every instance that {@link #instance} will be asked for */
    PlanInstances(ResolvedValues values, List<Inst> instances) {
        this.values = values;
        for (Inst i : instances) {
            Module m = i.module;
            if (originsOf.containsKey(m)) continue;
            originsOf.put(m, Origins.of(m));
            if (!m.systemd().isEmpty()) systemdOf.put(m, systemd(m));
            if (m.wrapper() != null && !isEmpty(m.wrapper())) wrapperOf.put(m, wrapper(m));
        }
    }

    private static final Comparator<Provided.Consumer> BY_CONSUMER =
            Comparator.comparing(Provided.Consumer::instance).thenComparing(Provided.Consumer::requirement);

    /** The plan record of {@code i}; safe to call from several threads at once. */
    Instance instance(Inst i) {
        Resolved r = values.of(i);
        Module m = i.module;
        var provides = new Provided[m.provides().size()];
        int k = 0;
        for (Provision p : m.provides().values()) {
            List<Bound> served = i.served(p.name());
            var consumers = new Provided.Consumer[served.size()];
            for (int j = 0; j < consumers.length; j++) {
                Bound b = served.get(j);
                consumers[j] = new Provided.Consumer(b.consumer().id, b.req().name(), values.request(b));
            }
            Arrays.sort(consumers, BY_CONSUMER);
            provides[k++] = new Provided(
                    p.name(),
                    p.contract().text(),
                    p.version() == null ? null : p.version().text(),
                    p.capacity(),
                    values.plainResult(i, p.name()),
                    List.of(consumers));
        }
        return new Instance(
                i.id,
                i.node.name(),
                i.name,
                i.moduleName,
                i.owner == null ? null : i.owner.id,
                m.kind(),
                r.argv(),
                r.environment(),
                m.notificationProtocol(),
                r.reload(),
                r.configData(),
                List.of(provides),
                values.ports().of(i),
                r.credentials(),
                r.systemd() != null ? r.systemd() : systemdOf.getOrDefault(m, Collections.emptySortedMap()),
                m.hardening(),
                wrapperOf.getOrDefault(m, WrapperPlan.EMPTY),
                Instance.STATE_ROOT + i.name,
                Instance.RUNTIME_ROOT + i.name,
                r.lifecycle(),
                m.packages().isEmpty()
                        ? List.of()
                        : m.packages().stream()
                                .map(Scalar::text)
                                .distinct()
                                .sorted()
                                .toList(),
                m.span(),
                originsOf.get(m));
    }

    /** Passthrough keys as written, section → key → values. */
    private static SortedMap<String, SortedMap<String, List<String>>> systemd(Module m) {
        var systemd = ArraySortedMap.<String, SortedMap<String, List<String>>>builder(
                m.systemd().size());
        for (var sec : m.systemd().entrySet()) {
            var keys =
                    ArraySortedMap.<String, List<String>>builder(sec.getValue().size());
            for (var kv : sec.getValue().entrySet())
                keys.put(kv.getKey(), kv.getValue().stream().map(Scalar::text).toList());
            systemd.put(sec.getKey(), keys.build());
        }
        return systemd.build();
    }

    /** Wrapper settings are passed through as written: they are shell-side, not references. */
    private static WrapperPlan wrapper(Module m) {
        var w = m.wrapper();
        var setDefault = new TreeMap<String, Value>();
        for (var e : w.setDefault().entrySet())
            setDefault.put(e.getKey(), Value.of(e.getValue().text()));
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        for (var e : w.prefix().entrySet()) prefix.put(e.getKey(), pathList(e.getValue()));
        var suffix = new TreeMap<String, WrapperPlan.PathList>();
        for (var e : w.suffix().entrySet()) suffix.put(e.getKey(), pathList(e.getValue()));
        return new WrapperPlan(
                setDefault,
                w.unset().stream().map(Scalar::text).toList(),
                prefix,
                suffix,
                w.chdir() == null ? null : Value.of(w.chdir().text()),
                w.argsAfter().stream().map(x -> Value.of(x.text())).toList());
    }

    private static boolean isEmpty(org.modsvc.model.WrapperSpec w) {
        return w.setDefault().isEmpty()
                && w.unset().isEmpty()
                && w.prefix().isEmpty()
                && w.suffix().isEmpty()
                && w.chdir() == null
                && w.argsAfter().isEmpty();
    }

    private static WrapperPlan.PathList pathList(org.modsvc.model.WrapperSpec.PathList p) {
        return new WrapperPlan.PathList(
                p.separator(), p.values().stream().map(x -> Value.of(x.text())).toList());
    }
}
