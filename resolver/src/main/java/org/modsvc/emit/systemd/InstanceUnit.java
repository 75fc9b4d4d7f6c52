package org.modsvc.emit.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.systemd.UnitSyntax.Piece;
import org.modsvc.emit.systemd.UnitSyntax.Unrepresentable;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.Reload;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.plan.UnitNames;
import org.modsvc.plan.Value;

/** The unit of one instance; collects its diagnostics into the run's. */
final class InstanceUnit {
    private static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern SIGNAL = Pattern.compile("[A-Z][A-Z0-9]*(\\+[0-9]+)?");

    private final KnownKeys known;
    private final Plan plan;
    private final PlanIndex index;
    private final Instance inst;
    private final String target;
    private final Diagnostics diags;
    final String unitName;
    /** Credentials the unit loads: name → source path; from the instance and every secret part. */
    private final SortedMap<String, String> credentials = new TreeMap<>();

    private final SortedMap<String, OutputFile> config = new TreeMap<>();
    private boolean failed;
    /** The extra units the instance owns, unit name → text, once rendered. */
    private SortedMap<String, String> extraUnits = new TreeMap<>();
    /** False while only checking: lines that cannot fail (the hardening profile) are skipped. */
    private boolean text = true;

    InstanceUnit(KnownKeys known, PlanIndex index, Instance inst, String target, Diagnostics diags) {
        this.known = known;
        this.plan = index.plan();
        this.index = index;
        this.inst = inst;
        this.target = target;
        this.diags = diags;
        this.unitName = unitNameOf(inst);
        credentials.putAll(inst.credentials());
    }

    private String unitNameOf(Instance i) {
        try {
            return UnitSyntax.unitName(UnitNames.PREFIX + i.name(), "service");
        } catch (Unrepresentable e) {
            failed = true;
            Code code = UnitNames.service(i).length() > UnitNames.MAX ? Code.NAME_TOO_LONG : Code.UNREPRESENTABLE;
            diags.add(code, i.span(), "'" + i.id() + "': " + e.getMessage(), "choose a shorter or plainer name");
            return UnitNames.service(i);
        }
    }

    private void error(String message, String... hints) {
        error(inst.span(), message, hints);
    }

    /** An E061 at {@code at}, the key or value it concerns. */
    void error(Span at, String message, String... hints) {
        failed = true;
        diags.add(Code.UNREPRESENTABLE, at, "'" + inst.id() + "': " + message, hints);
    }

    /**
     * Adds a line after checking it against systemd's line limit, which it measures in bytes
     * of the line as written (the limit refuses the whole unit, not just the line).
     */
    private void add(UnitFile u, String section, String key, String value, Span at) {
        checkLine(section, key, value, at);
        u.add(section, key, value);
    }

    void checkLine(String section, String key, String value, Span at) {
        if (SystemdLimits.lineTooLong(key, value)) {
            error(
                    at,
                    section + "." + key + ": the unit line would be " + SystemdLimits.lineBytes(key, value)
                            + " bytes, over systemd's limit of " + SystemdLimits.LINE_MAX
                            + " bytes for one line (LONG_LINE_MAX), and systemd would refuse the whole unit",
                    "shorten the value, or pass it through a config data file instead");
        }
    }

    /**
     * The exec line of {@code argv}; on a word systemd cannot carry, an error at that word's
     * span ({@code path.apply(index)}) and null.
     */
    private String execLine(List<Value> argv, java.util.function.IntFunction<String> path, String what) {
        var words = words(argv);
        String line;
        try {
            line = UnitSyntax.execLineOf(words);
        } catch (Unrepresentable whole) {
            // Only on failure is each word encoded alone, to point at the one that fails.
            for (int k = 0; k < words.size(); k++) {
                try {
                    if (k == 0) UnitSyntax.execLineOf(List.of(words.get(0)));
                    else UnitSyntax.wordOf(words.get(k), true);
                } catch (Unrepresentable e) {
                    error(inst.at(path.apply(k)), what + ": " + e.getMessage());
                    return null;
                }
            }
            error(inst.at(path.apply(0)), what + ": " + whole.getMessage());
            return null;
        }
        for (int k = 0; k < argv.size(); k++) {
            String tooLong = SystemdLimits.argumentTooLong(argv.get(k));
            if (tooLong != null) {
                error(inst.at(path.apply(k)), what + "[" + k + "]: " + tooLong, SystemdLimits.ARGUMENT_HINT);
                return null;
            }
        }
        return line;
    }

    /**
     * The unit text, or null when it cannot be written (diagnosed).
     *
     * @param text false to check only: every line is encoded and checked, and null returned
     */
    String render(boolean text) {
        this.text = text;
        var u = text ? new UnitFile(KnownKeys.SECTIONS) : UnitFile.DISCARD;
        u.comment("Generated by modsvc from setup " + plan.setup() + ": instance " + inst.id() + ", module "
                + inst.module() + ".");
        u.add("Unit", "Description", specifierSafe(inst.id() + " (modsvc setup " + plan.setup() + ")"));
        dependencies(u);
        service(u);
        u.add("Install", "WantedBy", target);
        Passthrough.write(this, known, inst, diags, u);
        extraUnits = ExtraUnits.render(
                this, known, inst, diags, target, n -> index.instance(inst.node() + "/" + n) != null, text);
        ConfigFiles.prepare(this, inst, unitName, config);
        for (var c : credentials.entrySet()) {
            u.add("Service", "LoadCredential", credentialLine(c.getKey(), c.getValue()));
        }
        return failed || !text ? null : u.render();
    }

    private void dependencies(UnitFile u) {
        // Only the remote records can fail (each provider's own unit name is its own unit's check).
        if (!text) {
            for (RemoteDependency r : index.remoteOf(inst.id())) remoteRecord(u, r);
            return;
        }
        // Sorted, so the unit does not depend on the order of the plan's lists.
        var requires = new java.util.TreeSet<String>();
        var owned = new java.util.TreeSet<String>();
        var remote = new ArrayList<RemoteDependency>();
        var consumedSubs = new java.util.HashSet<String>();
        for (Binding b : index.bindingsOf(inst.id())) {
            if (b.kind() == BindingKind.REMOTE) continue;
            Instance p = index.instance(b.provider());
            if (p != null) {
                requires.add(unitNameOf(p));
                if (b.kind() == BindingKind.SUB_SERVICE) consumedSubs.add(p.id());
            }
        }
        remote.addAll(index.remoteOf(inst.id()));
        remote.sort(java.util.Comparator.comparing(RemoteDependency::requirement)
                .thenComparing(RemoteDependency::provider));
        for (String r : requires) u.add("Unit", "Requires", r);
        for (String r : requires) u.add("Unit", "After", r);
        // Sub-services this instance owns but does not consume start with it, in no order.
        for (Instance sub : index.ownedBy(inst.id())) {
            if (sub.kind() != ModuleKind.TOOL
                    && !consumedSubs.contains(sub.id())
                    && !requires.contains(unitNameOf(sub))) {
                owned.add(unitNameOf(sub));
            }
        }
        // subServices.partOf: false is nixpkgs' ownership only: each unit is wanted by the target.
        boolean tied = index.tiedToOwner(inst);
        if (tied) for (String o : owned) u.add("Unit", "Wants", o);
        if (tied && inst.owner() != null) {
            Instance o = index.instance(inst.owner());
            if (o != null) u.add("Unit", "PartOf", unitNameOf(o));
        }
        if (!remote.isEmpty()) {
            u.add("Unit", "Wants", "network-online.target");
            u.add("Unit", "After", "network-online.target");
            for (RemoteDependency r : remote) remoteRecord(u, r);
        }
    }

    private void remoteRecord(UnitFile u, RemoteDependency r) {
        u.add(
                "Unit",
                "X-Modsvc-Remote",
                checked(r.requirement() + " " + r.provider() + " on " + r.providerNode() + " at " + r.address()));
    }

    private void service(UnitFile u) {
        String type = "simple";
        if (inst.notificationProtocol() == NotificationProtocol.SYSTEMD) type = "notify";
        if (inst.notificationProtocol() == NotificationProtocol.S6) {
            diags.add(
                    Code.UNSUPPORTED_BY_TARGET,
                    inst.span(),
                    "'" + inst.id() + "' speaks the s6 readiness protocol, which systemd does not; the unit"
                            + " uses Type=simple and counts the service ready once it has started",
                    "if the daemon also speaks sd_notify, set notificationProtocol: systemd",
                    "or set systemd: { Service: { Type: [...] } } to choose another readiness rule");
            u.comment("notificationProtocol s6 has no systemd equivalent: Type=simple (see README, systemd"
                    + " target).");
        }
        u.add("Service", "Type", type);
        if (inst.argv().isEmpty()) {
            error(inst.at("process"), "has no command line (process.argv) to start");
        } else {
            String line = execLine(inst.argv(), Origins::argv, "process.argv");
            if (line != null) add(u, "Service", "ExecStart", line, inst.at(Origins.argv(0)));
        }
        lifecycle(u);
        if (inst.reload() instanceof Reload.Command c) {
            String line = execLine(c.argv(), Origins::reloadCommand, "process.reloadCommand");
            if (line != null) add(u, "Service", "ExecReload", line, inst.at(Origins.reloadCommand(0)));
        } else if (inst.reload() instanceof Reload.Line l) {
            // systemd syntax already (nixpkgs' reloadCommand): written as is, $MAINPID included.
            Span at = inst.at(Origins.reloadCommand(0));
            String line = checked(
                    l.text(f -> {
                        addCredential(f);
                        return "%d/" + f.credential();
                    }),
                    at);
            add(u, "Service", "ExecReload", line, at);
        } else if (inst.reload() instanceof Reload.Signal s) {
            if (SIGNAL.matcher(s.name()).matches()) {
                // $MAINPID is systemd's own expansion of the main process id, wanted here.
                u.add("Service", "ExecReload", "/bin/kill -" + s.name() + " $MAINPID");
            } else {
                error(
                        inst.at("process.reloadSignal"),
                        "process.reloadSignal: '" + UnitSyntax.printable(s.name()) + "' is not a signal name");
            }
        }
        for (var e : inst.environment().entrySet()) {
            Span at = inst.at(Origins.environment(e.getKey()));
            String tooLong = SystemdLimits.environmentTooLong(e.getKey(), e.getValue());
            if (tooLong != null) {
                error(
                        at,
                        "process.environment." + UnitSyntax.printable(e.getKey()) + ": " + tooLong,
                        SystemdLimits.ARGUMENT_HINT);
                continue;
            }
            try {
                add(u, "Service", "Environment", UnitSyntax.environmentOf(e.getKey(), pieces(e.getValue())), at);
            } catch (Unrepresentable x) {
                error(at, "process.environment." + UnitSyntax.printable(e.getKey()) + ": " + x.getMessage());
            }
        }
        u.add("Service", "Restart", "always");
        u.add("Service", "RestartSec", "5");
        // Always, whatever the hardening: ${self.stateDir} and ${self.runtimeDir} promise them.
        // Under modsvc/ so that no instance name takes a directory the OS or a package owns.
        u.add("Service", "StateDirectory", directory(inst.stateDir(), "/var/lib/"));
        u.add("Service", "RuntimeDirectory", directory(inst.runtimeDir(), "/run/"));
        if (!text) return;
        boolean privileged = inst.ports().stream().anyMatch(p -> p < 1024);
        for (var e :
                HardeningProfile.keys(inst.hardening(), inst.name(), privileged).entrySet()) {
            for (String v : e.getValue()) u.add("Service", e.getKey(), v);
        }
    }

    /**
     * {@code lifecycle.init} as {@code ExecStartPre=} and each consumer's fulfil command as an
     * {@code ExecStartPost=}: systemd runs them in order, as the service's user, and counts the
     * unit started (so starts the consumers ordered after it) only once all have succeeded.
     */
    private void lifecycle(UnitFile u) {
        var gates = RemoteGate.of(index, inst.id());
        for (List<Value> gate : gates.argv()) {
            String line = execLine(gate, k -> "", "the wait for a remote provider");
            if (line != null) add(u, "Service", "ExecStartPre", line, inst.span());
        }
        // Waits longer than systemd's start timeout allows would be cut short by it.
        if (gates.startTimeout() != null) u.add("Service", "TimeoutStartSec", gates.startTimeout());
        var l = inst.lifecycle();
        if (!l.init().isEmpty()) {
            String line = execLine(l.init(), Origins::init, "lifecycle.init");
            if (line != null) add(u, "Service", "ExecStartPre", line, inst.at(Origins.init(0)));
        }
        for (var f : l.fulfil()) {
            String line = execLine(
                    f.argv(),
                    k -> Origins.fulfil(f.provision(), k),
                    "provides." + f.provision() + ".fulfil for " + f.consumer());
            if (line != null) add(u, "Service", "ExecStartPost", line, inst.at(Origins.fulfil(f.provision(), 0)));
        }
    }

    /** A directory below {@code root} as StateDirectory= and RuntimeDirectory= name it. */
    private String directory(String path, String root) {
        if (!path.startsWith(root)) error("'" + UnitSyntax.printable(path) + "' is not below " + root);
        return checked(path.startsWith(root) ? path.substring(root.length()) : path);
    }

    void badKey(Span at, String message, String hint) {
        failed = true;
        diags.add(Code.BAD_SYSTEMD_KEY, at, "'" + inst.id() + "': " + message, hint);
    }

    private String checked(String verbatim) {
        return checked(verbatim, inst.span());
    }

    String checked(String verbatim, Span at) {
        try {
            return UnitSyntax.verbatim(verbatim);
        } catch (Unrepresentable e) {
            error(at, e.getMessage());
            return "";
        }
    }

    private String specifierSafe(String text) {
        return checked(text.replace("%", "%%"));
    }

    private String credentialLine(String name, String source) {
        if (!CREDENTIAL.matcher(name).matches() || name.length() > 255) {
            error("'" + UnitSyntax.printable(name) + "' is not a credential name systemd accepts");
        }
        if (!source.startsWith("/") || source.strip().length() != source.length()) {
            error("credential " + name + ": the source '" + UnitSyntax.printable(source) + "' is not an absolute path");
        }
        return name + ":" + checked(source.replace("%", "%%"));
    }

    private List<List<Piece>> words(List<Value> argv) {
        var out = new ArrayList<List<Piece>>();
        for (Value v : argv) out.add(pieces(v));
        return out;
    }

    /** A value's parts; each secret becomes {@code %d/<credential>} and is added to the credentials. */
    private List<Piece> pieces(Value v) {
        var out = new ArrayList<Piece>();
        for (Part p : v.parts()) {
            if (p instanceof Part.Literal l) {
                out.add(Piece.literal(l.text()));
            } else if (p instanceof Part.SecretFile s) {
                addCredential(s);
                out.add(new Piece("%d/" + s.credential(), true));
            }
        }
        if (out.isEmpty()) out.add(Piece.literal(""));
        return out;
    }

    void addCredential(Part.SecretFile s) {
        String before = credentials.putIfAbsent(s.credential(), s.source());
        if (before != null && !before.equals(s.source())) {
            error("credential " + s.credential() + " comes from two files: " + before + " and " + s.source());
        }
    }

    /** Copies the config data files into the node's tree. */
    /** The extra units of the rendered instance, unit name → text (empty while checking). */
    SortedMap<String, String> extraUnits() {
        return extraUnits;
    }

    void configFiles(String node, Map<String, OutputFile> files) {
        for (var e : config.entrySet()) files.put(node + e.getKey(), e.getValue());
    }
}
