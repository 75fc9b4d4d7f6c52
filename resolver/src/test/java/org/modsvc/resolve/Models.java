package org.modsvc.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modsvc.diag.Span;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Hardening;
import org.modsvc.model.Module;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.Node;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Policy;
import org.modsvc.model.Process;
import org.modsvc.model.Provision;
import org.modsvc.model.Reach;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;
import org.modsvc.model.Target;
import org.modsvc.model.WrapperSpec;

/** Builds model records directly, for tests too large to write as YAML. */
public final class Models {
    private Models() {}

    public static Span at(String file, int line) {
        return Span.of(file, line, 1, 1);
    }

    public static Scalar s(String text) {
        return new Scalar(text, Span.of("gen.yaml", 1, 1, 1));
    }

    public static Contract contract(String name, Reach reach, boolean shared, String defaultProvider) {
        var result = new TreeMap<String, Field>();
        result.put("host", new Field("host", FieldType.HOST, false, false, "", Span.NONE));
        return new Contract(
                name,
                "",
                reach,
                shared,
                defaultProvider == null ? null : s(defaultProvider),
                new TreeMap<>(),
                result,
                false,
                Span.NONE);
    }

    public static Provision provision(String name, String contract, String version, Integer capacity) {
        return new Provision(
                name,
                s(contract),
                version == null ? null : s(version),
                new TreeMap<>(Map.of("host", s("${node.address}"))),
                capacity,
                List.of(),
                null,
                Span.NONE);
    }

    public static Requirement requirement(String name, String contract, String range, boolean optional, Policy policy) {
        return new Requirement(
                name,
                s(contract),
                range == null ? null : s(range),
                new TreeMap<>(),
                optional,
                null,
                policy,
                null,
                Span.of("gen.yaml", 2, 1, 1));
    }

    public static Module module(String name, List<Provision> provides, List<Requirement> requires) {
        var p = new TreeMap<String, Provision>();
        for (Provision x : provides) p.put(x.name(), x);
        var r = new TreeMap<String, Requirement>();
        for (Requirement x : requires) r.put(x.name(), x);
        return new Module(
                name,
                ModuleKind.SERVICE,
                "gen.yaml",
                List.of(),
                new Process(List.of(s("/usr/bin/" + name)), new TreeMap<>(), null, List.of(), Span.NONE),
                NotificationProtocol.NONE,
                new TreeMap<>(),
                new TreeMap<>(),
                p,
                r,
                new TreeMap<>(),
                Hardening.DEFAULT,
                WrapperSpec.EMPTY,
                org.modsvc.model.Lifecycle.NONE,
                List.of(),
                Span.NONE);
    }

    public static Node node(String name, String address, List<String> run) {
        var scalars = new ArrayList<Scalar>();
        for (String x : run) scalars.add(s(x));
        return new Node(name, s(address), Target.SYSTEMD, scalars, Span.NONE);
    }

    public static Bind bind(
            String node, String consumer, String requirement, String pnode, String provider, String provision) {
        return new Bind(
                new Bind.Ref(node, consumer, requirement, Span.NONE),
                new Bind.Ref(pnode, provider, provision, Span.NONE),
                Span.NONE);
    }

    public static Setup setup(
            Policy policy, List<Node> nodes, List<Module> modules, List<Contract> contracts, List<Bind> binds) {
        var n = new TreeMap<String, Node>();
        for (Node x : nodes) n.put(x.name(), x);
        var m = new TreeMap<String, Module>();
        for (Module x : modules) m.put(x.name(), x);
        var c = new TreeMap<String, Contract>();
        for (Contract x : contracts) c.put(x.name(), x);
        return new Setup("gen", policy, n, binds, m, c, new TreeMap<>(), Span.NONE);
    }
}
