package org.modsvc.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsvc.diag.Span;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Policy;
import org.modsvc.model.Target;

/**
 * Hand-made plans for emitter tests, so emitters can be tested without the resolver. Mutable
 * builder used only inside a test; {@link #build()} gives the immutable plan.
 */
public final class TestPlans {
    private final String setup;
    private final List<PlanNode> nodes = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<String, List<String>> order = new LinkedHashMap<>();
    private final List<RemoteDependency> remote = new ArrayList<>();

    private TestPlans(String setup) {
        this.setup = setup;
    }

    public static TestPlans setup(String name) {
        return new TestPlans(name);
    }

    public TestPlans node(String name, String address, Target target) {
        nodes.add(new PlanNode(name, address, target));
        order.putIfAbsent(name, new ArrayList<>());
        return this;
    }

    /** Adds an instance and appends it to its node's start order. */
    public TestPlans instance(Instance i) {
        instances.add(i);
        order.computeIfAbsent(i.node(), n -> new ArrayList<>()).add(i.id());
        return this;
    }

    public TestPlans binding(String consumer, String requirement, String provider, String provision, BindingKind kind) {
        bindings.add(new Binding(
                consumer,
                requirement,
                provider,
                provision,
                "test.contract",
                kind,
                new TreeMap<>(),
                new TreeMap<>(),
                false,
                Span.NONE));
        if (kind == BindingKind.REMOTE) {
            String pnode = provider.substring(0, provider.indexOf('/'));
            String address = nodes.stream()
                    .filter(n -> n.name().equals(pnode))
                    .map(PlanNode::address)
                    .findFirst()
                    .orElse(pnode);
            remote.add(new RemoteDependency(
                    consumer, requirement, provider, pnode, address, org.modsvc.model.Requirement.DEFAULT_REMOTE_WAIT));
        }
        return this;
    }

    public Plan build() {
        var sorted = new ArrayList<>(instances);
        sorted.sort(java.util.Comparator.comparing(Instance::id));
        return new Plan(
                setup,
                Policy.SUB_SERVICE,
                nodes,
                sorted,
                bindings,
                new TreeMap<>(order),
                remote,
                new TreeMap<>(),
                List.of());
    }

    /** A builder for one instance with the defaults a plain module gets. */
    public static InstanceBuilder instance(String node, String name) {
        return new InstanceBuilder(node, name);
    }

    /** Mutable, test-only. */
    public static final class InstanceBuilder {
        private final String node;
        private final String name;
        private String module;
        private String owner;
        private ModuleKind kind = ModuleKind.SERVICE;
        private final List<Value> argv = new ArrayList<>();
        private final TreeMap<String, Value> env = new TreeMap<>();
        private NotificationProtocol notify = NotificationProtocol.NONE;
        private Reload reload;
        private final List<ConfigFile> configData = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private final TreeMap<String, String> credentials = new TreeMap<>();
        private final TreeMap<String, java.util.SortedMap<String, List<String>>> systemd = new TreeMap<>();
        private Hardening hardening = Hardening.DEFAULT;
        private WrapperPlan wrapper = WrapperPlan.EMPTY;

        private InstanceBuilder(String node, String name) {
            this.node = node;
            this.name = name;
            this.module = name;
        }

        public InstanceBuilder module(String m) {
            module = m;
            return this;
        }

        public InstanceBuilder owner(String ownerId) {
            owner = ownerId;
            return this;
        }

        public InstanceBuilder kind(ModuleKind k) {
            kind = k;
            return this;
        }

        public InstanceBuilder argv(String... words) {
            for (String w : words) argv.add(Value.of(w));
            return this;
        }

        public InstanceBuilder argvValue(Value v) {
            argv.add(v);
            return this;
        }

        public InstanceBuilder env(String k, String v) {
            env.put(k, Value.of(v));
            return this;
        }

        public InstanceBuilder envValue(String k, Value v) {
            env.put(k, v);
            return this;
        }

        public InstanceBuilder notify(NotificationProtocol p) {
            notify = p;
            return this;
        }

        public InstanceBuilder reload(Reload r) {
            reload = r;
            return this;
        }

        public InstanceBuilder config(String cname, String text) {
            configData.add(new ConfigFile(cname, "/etc/system-services/" + name + "/" + cname, Value.of(text)));
            return this;
        }

        public InstanceBuilder port(int p) {
            ports.add(p);
            return this;
        }

        public InstanceBuilder credential(String cname, String source) {
            credentials.put(cname, source);
            return this;
        }

        public InstanceBuilder systemd(String section, String key, String... values) {
            systemd.computeIfAbsent(section, s -> new TreeMap<>()).put(key, List.of(values));
            return this;
        }

        public InstanceBuilder hardening(Hardening h) {
            hardening = h;
            return this;
        }

        private Lifecycle lifecycle = Lifecycle.NONE;

        public InstanceBuilder lifecycle(Lifecycle l) {
            lifecycle = l;
            return this;
        }

        public InstanceBuilder wrapper(WrapperPlan w) {
            wrapper = w;
            return this;
        }

        public Instance build() {
            return new Instance(
                    node + "/" + name,
                    node,
                    name,
                    module,
                    owner,
                    kind,
                    argv,
                    env,
                    notify,
                    reload,
                    configData,
                    List.of(),
                    ports,
                    credentials,
                    systemd,
                    hardening,
                    wrapper,
                    Instance.STATE_ROOT + name,
                    Instance.RUNTIME_ROOT + name,
                    lifecycle,
                    List.of(),
                    Span.NONE);
        }
    }
}
