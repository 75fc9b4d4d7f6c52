package org.modsvc.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Span;
import org.modsvc.model.ConfigData;
import org.modsvc.model.Hardening;
import org.modsvc.model.Lifecycle;
import org.modsvc.model.Module;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Policy;
import org.modsvc.model.Process;
import org.modsvc.model.Provision;
import org.modsvc.model.Requirement;
import org.modsvc.model.Scalar;
import org.modsvc.model.WrapperSpec;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;

/** Converts a module's source tree (imports already merged) into a {@link Module}. */
final class ModuleReader {
    /** An hour: a longer wait reads as a mistake, and systemd's start timeout grows with it. */
    private static final int MAX_REMOTE_WAIT = 3600;

    private final Shape shape;

    private final ModuleParts parts;

    private final CheckReader checks;

    /**
     * Modules already converted, by source tree (identity), then name and fallback span. Merged
     * imports share subtrees: a module that imports another twice as two sub-services, at every
     * level, is a tree of 2^depth sub-services over a handful of source maps. Converting each
     * shared subtree once keeps the model as small as the source (a DAG), so the instance limit
     * can be checked by counting before anything is built; it also reports a problem inside a
     * shared subtree once, not once per copy.
     */
    private final java.util.IdentityHashMap<SrcNode, List<Module>> converted = new java.util.IdentityHashMap<>();

    ModuleReader(Shape shape) {
        this(shape, ConfigSources.NONE);
    }

    /** @param sources where {@code configData.<n>.source} files are read from */
    ModuleReader(Shape shape, ConfigSources sources) {
        this.shape = shape;
        this.parts = new ModuleParts(shape, sources);
        this.checks = new CheckReader(shape);
    }

    /**
     * @param name the module's name (file stem, or key under {@code services:})
     * @param file display path of the declaring file
     * @return the module, or null when the tree is not a mapping
     */
    Module read(String name, String file, SrcNode tree, Span fallback) {
        List<Module> seen = converted.computeIfAbsent(tree, t -> new ArrayList<>(1));
        for (Module m : seen) {
            if (m.name().equals(name) && m.file().equals(file) && m.span().equals(spanOf(tree, fallback))) return m;
        }
        Module m = convert(name, file, tree, fallback);
        if (m != null) seen.add(m);
        return m;
    }

    /** The span {@link #convert} gives the module. */
    private static Span spanOf(SrcNode tree, Span fallback) {
        return !fallback.isNone() || !(tree instanceof SrcMap m) ? fallback : m.span();
    }

    private Module convert(String name, String file, SrcNode tree, Span fallback) {
        String what = "module '" + name + "'";
        SrcMap m = shape.map(tree, what, Keys.MODULE);
        if (m == null) return null;
        if (m.get("description") != null) shape.string(m.get("description"), what + ".description");
        ModuleKind kind = m.get("kind") == null
                ? ModuleKind.SERVICE
                : shape.word(m.get("kind"), "kind", ModuleKind::parse, List.of("service", "tool"));
        List<Scalar> imports = shape.strings(m.get("imports"), "imports");
        Process process = process(m.get("process"), m.span());
        NotificationProtocol np = parts.notificationProtocol(m.get("notificationProtocol"));
        var configData = new TreeMap<String, ConfigData>();
        shape.entries(m.get("configData"), "configData", e -> {
            if (!shape.name(e.key(), "configData")) return null;
            SrcMap cm = shape.map(e.value(), "configData." + e.key().text(), Keys.CONFIG_DATA);
            if (cm == null) return null;
            // nixpkgs' configData.<n>.enable: false drops the entry (an importer can turn an
            // imported file off); its ${configData.<n>.path} then no longer resolves.
            Boolean enable = cm.get("enable") == null
                    ? Boolean.TRUE
                    : shape.bool(cm.get("enable"), "configData." + e.key().text() + ".enable");
            if (Boolean.FALSE.equals(enable)) return null;
            Scalar text = parts.configText(cm, "configData." + e.key().text());
            Scalar fileName = parts.configFileName(
                    shape.optional(cm, "name", "configData." + e.key().text()));
            if (text == null) return null;
            for (ConfigData other : configData.values()) {
                if (other.relativePath()
                        .equals(fileName != null ? fileName.text() : e.key().text())) {
                    shape.diags()
                            .add(
                                    Code.BAD_VALUE,
                                    fileName != null ? fileName.span() : e.key().span(),
                                    "configData '" + e.key().text() + "' and '" + other.name()
                                            + "' would be installed as the same file",
                                    "give one of them another name:");
                    return null;
                }
            }
            configData.put(
                    e.key().text(),
                    new ConfigData(e.key().text(), text, null, fileName, e.key().span()));
            return null;
        });
        var services = new TreeMap<String, Module>();
        shape.entries(m.get("services"), "services", e -> {
            if (!shape.name(e.key(), "sub-service")) return null;
            Module sub = read(e.key().text(), file, e.value(), e.key().span());
            if (sub != null) {
                if (sub.process().argv().isEmpty() && sub.kind() == ModuleKind.SERVICE) {
                    shape.diags()
                            .add(
                                    Code.EMPTY_ARGV,
                                    e.key().span(),
                                    "sub-service '" + e.key().text() + "' has no process.argv",
                                    "add process.argv: [/absolute/path, …]");
                }
                services.put(e.key().text(), sub);
            }
            return null;
        });
        var provides = new TreeMap<String, Provision>();
        shape.entries(m.get("provides"), "provides", e -> {
            if (!shape.name(e.key(), "provision")) return null;
            Provision p = provision(e);
            if (p != null) provides.put(p.name(), p);
            return null;
        });
        if (kind == ModuleKind.TOOL && !provides.isEmpty()) {
            shape.diags()
                    .add(
                            Code.BAD_VALUE,
                            m.entry("provides").key().span(),
                            "a module of kind 'tool' cannot provide contracts: it does not keep running",
                            "remove 'kind: tool' or the 'provides' section");
        }
        var requires = new TreeMap<String, Requirement>();
        shape.entries(m.get("requires"), "requires", e -> {
            if (!shape.name(e.key(), "requirement")) return null;
            Requirement r = requirement(e);
            if (r != null) requires.put(r.name(), r);
            return null;
        });
        var systemdKeys = new TreeMap<String, Span>();
        var systemd = SystemdPassthrough.read(m.get("systemd"), shape, systemdKeys);
        Hardening hardening = m.get("hardening") == null
                ? Hardening.DEFAULT
                : shape.word(m.get("hardening"), "hardening", Hardening::parse, List.of("default", "strict", "none"));
        WrapperSpec wrapper = wrapper(m.get("wrapper"));
        Lifecycle lifecycle = parts.lifecycle(m.get("lifecycle"));
        List<Scalar> packages = parts.packages(m.get("packages"));
        return new Module(
                name,
                kind == null ? ModuleKind.SERVICE : kind,
                file,
                imports,
                process,
                np == null ? NotificationProtocol.NONE : np,
                configData,
                services,
                provides,
                requires,
                systemd,
                hardening == null ? Hardening.DEFAULT : hardening,
                wrapper,
                lifecycle,
                packages,
                fallback.isNone() ? m.span() : fallback,
                systemdKeys,
                checks.read(m.get("assertions"), m.get("warnings")));
    }

    private Process process(SrcNode n, Span owner) {
        if (n == null) return new Process(List.of(), new TreeMap<>(), null, List.of(), owner);
        SrcMap m = shape.map(n, "process", Keys.PROCESS);
        if (m == null) return new Process(List.of(), new TreeMap<>(), null, List.of(), owner);
        List<Scalar> argv = shape.strings(m.get("argv"), "process.argv");
        if (m.get("argv") instanceof org.modsvc.source.SrcList && argv.isEmpty()) {
            shape.diags()
                    .add(
                            Code.EMPTY_ARGV,
                            m.get("argv").span(),
                            "process.argv is empty",
                            "give the command line: [/absolute/path/to/program, arguments…]");
        } else if (!argv.isEmpty()) {
            String first = argv.get(0).text();
            if (!first.startsWith("/") && !first.startsWith("${")) {
                shape.diags()
                        .add(
                                Code.EMPTY_ARGV,
                                argv.get(0).span(),
                                "process.argv[0] '" + Shape.printable(first) + "' is not an absolute path",
                                "write the full path, such as /usr/bin/"
                                        + (first.isEmpty() ? "program" : Shape.printable(first)),
                                "argv is exec'ed as is, without a shell or PATH search");
            }
        }
        // nixpkgs appends the rendered flags to argv; a module without argv (an import) keeps none.
        List<Scalar> flags = new Flags(shape).words(m.get("flags"), m.get("flagFormat"));
        if (!argv.isEmpty() && !flags.isEmpty()) {
            var all = new ArrayList<Scalar>(argv);
            all.addAll(flags);
            argv = all;
        }
        var env = new TreeMap<String, Scalar>();
        shape.entries(m.get("environment"), "process.environment", e -> {
            String k = e.key().text();
            if (!Names.ENV.matcher(k).matches()) {
                shape.diags()
                        .add(
                                Code.BAD_NAME,
                                e.key().span(),
                                "environment variable name '" + Shape.printable(k) + "' is not valid",
                                "names match [A-Za-z_][A-Za-z0-9_]*");
                return null;
            }
            Scalar v = shape.string(e.value(), "process.environment." + k);
            if (v != null) env.put(k, v);
            return null;
        });
        Scalar signal = null;
        if (m.get("reloadSignal") != null) {
            signal = shape.string(m.get("reloadSignal"), "process.reloadSignal");
            if (signal != null) {
                String s = signal.text().startsWith("SIG") ? signal.text().substring(3) : signal.text();
                if (!Names.SIGNAL.matcher(s).matches()) {
                    shape.diags()
                            .add(
                                    Code.BAD_VALUE,
                                    signal.span(),
                                    "reloadSignal '" + Shape.printable(signal.text()) + "' is not a signal name",
                                    "use a name such as HUP or USR2");
                    signal = null;
                } else {
                    signal = new Scalar(s, signal.span());
                }
            }
        }
        // A string is nixpkgs' command line in systemd syntax; a list, argv exec'ed as is.
        boolean isLine = m.get("reloadCommand") instanceof org.modsvc.source.SrcScalar;
        Scalar line = isLine ? parts.reloadLine(shape.string(m.get("reloadCommand"), "process.reloadCommand")) : null;
        List<Scalar> reload = isLine ? List.of() : shape.strings(m.get("reloadCommand"), "process.reloadCommand");
        if (signal != null && (!reload.isEmpty() || line != null)) {
            shape.diags()
                    .add(
                            Code.BAD_VALUE,
                            m.entry("reloadCommand").key().span(),
                            "both reloadSignal and reloadCommand are set",
                            "keep one of them");
        }
        return new Process(argv, env, signal, reload, m.span(), line);
    }

    private Provision provision(SrcMap.Entry e) {
        String what = "provision '" + e.key().text() + "'";
        SrcMap m = shape.map(e.value(), what, Keys.PROVISION);
        if (m == null) return null;
        Scalar contract = shape.required(m, "contract", what);
        Scalar version = shape.optional(m, "version", what);
        var result = scalars(m.get("result"), what + ".result");
        Integer capacity =
                m.get("capacity") == null ? null : shape.integer(m.get("capacity"), "capacity", 1, 1_000_000_000);
        List<Scalar> fulfil = parts.command(m.get("fulfil"), what + ".fulfil");
        Scalar unkept = parts.unkept(m.get("status"), what + ".status");
        if (contract == null) return null;
        return new Provision(
                e.key().text(),
                contract,
                version,
                result,
                capacity,
                fulfil,
                unkept,
                e.key().span());
    }

    private Requirement requirement(SrcMap.Entry e) {
        String what = "requirement '" + e.key().text() + "'";
        SrcMap m = shape.map(e.value(), what, Keys.REQUIREMENT);
        if (m == null) return null;
        Scalar contract = shape.required(m, "contract", what);
        Scalar version = shape.optional(m, "version", what);
        var request = scalars(m.get("request"), what + ".request");
        Boolean optional = m.get("optional") == null ? Boolean.FALSE : shape.bool(m.get("optional"), "optional");
        Scalar provider = shape.optional(m, "provider", what);
        if (provider != null && !shape.name(provider, "provider module")) provider = null;
        Policy policy = m.get("policy") == null
                ? null
                : shape.word(m.get("policy"), "policy", Policy::parse, List.of("sub-service", "shared", "auto"));
        Integer remoteWait = m.get("remoteWait") == null
                ? null
                : shape.seconds(m.get("remoteWait"), what + ".remoteWait", MAX_REMOTE_WAIT);
        if (contract == null) return null;
        return new Requirement(
                e.key().text(),
                contract,
                version,
                request,
                Boolean.TRUE.equals(optional),
                provider,
                policy,
                remoteWait,
                e.key().span());
    }

    private SortedMap<String, Scalar> scalars(SrcNode n, String what) {
        var out = new TreeMap<String, Scalar>();
        shape.entries(n, what, e -> {
            Scalar v = shape.string(e.value(), what + "." + e.key().text());
            if (v != null) out.put(e.key().text(), v);
            return null;
        });
        return out;
    }

    private WrapperSpec wrapper(SrcNode n) {
        if (n == null) return WrapperSpec.EMPTY;
        SrcMap m = shape.map(n, "wrapper", Keys.WRAPPER);
        if (m == null) return WrapperSpec.EMPTY;
        var setDefault = new TreeMap<String, Scalar>();
        shape.entries(m.get("setDefault"), "wrapper.setDefault", e -> {
            if (envName(e.key())) {
                Scalar v =
                        shape.string(e.value(), "wrapper.setDefault." + e.key().text());
                if (v != null) setDefault.put(e.key().text(), v);
            }
            return null;
        });
        var unset = new ArrayList<Scalar>();
        for (Scalar s : shape.strings(m.get("unset"), "wrapper.unset")) {
            if (Names.ENV.matcher(s.text()).matches()) unset.add(s);
            else
                shape.diags()
                        .add(
                                Code.BAD_NAME,
                                s.span(),
                                "environment variable name '" + Shape.printable(s.text()) + "' is not valid",
                                "names match [A-Za-z_][A-Za-z0-9_]*");
        }
        var prefix = pathLists(m.get("prefix"), "wrapper.prefix");
        var suffix = pathLists(m.get("suffix"), "wrapper.suffix");
        Scalar chdir = shape.optional(m, "chdir", "wrapper");
        List<Scalar> after = shape.strings(m.get("argsAfter"), "wrapper.argsAfter");
        return new WrapperSpec(setDefault, unset, prefix, suffix, chdir, after, m.span());
    }

    private TreeMap<String, WrapperSpec.PathList> pathLists(SrcNode n, String what) {
        var out = new TreeMap<String, WrapperSpec.PathList>();
        shape.entries(n, what, e -> {
            if (!envName(e.key())) return null;
            SrcMap pm = shape.map(e.value(), what + "." + e.key().text(), Keys.PATH_LIST);
            if (pm == null) return null;
            Scalar sep = pm.get("separator") == null
                    ? new Scalar(":", pm.span())
                    : shape.string(pm.get("separator"), "separator");
            if (sep != null && sep.text().isEmpty()) {
                shape.diags().add(Code.BAD_VALUE, sep.span(), "separator is empty", "use ':' for PATH-like variables");
                sep = null;
            }
            List<Scalar> values =
                    shape.strings(pm.get("values"), what + "." + e.key().text() + ".values");
            if (sep != null)
                out.put(
                        e.key().text(),
                        new WrapperSpec.PathList(sep.text(), values, e.key().span()));
            return null;
        });
        return out;
    }

    private boolean envName(org.modsvc.source.SrcScalar key) {
        if (Names.ENV.matcher(key.text()).matches()) return true;
        shape.diags()
                .add(
                        Code.BAD_NAME,
                        key.span(),
                        "environment variable name '" + Shape.printable(key.text()) + "' is not valid",
                        "names match [A-Za-z_][A-Za-z0-9_]*");
        return false;
    }

    static List<String> words(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
