package org.modsvc.emit.nixos;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.emit.systemd.HardeningProfile;
import org.modsvc.emit.systemd.RemoteGate;
import org.modsvc.emit.systemd.UnitSyntax;
import org.modsvc.emit.systemd.UnitSyntax.Piece;
import org.modsvc.emit.systemd.UnitSyntax.Unrepresentable;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.Reload;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.plan.UnitNames;
import org.modsvc.plan.Value;

/**
 * The {@code system.services.<name>} value of one instance: the modular-services options
 * ({@code process.argv}, {@code configData}, reload, notification) and, through {@code
 * systemd.service}, what the plan adds (ordering, hardening, credentials, environment, the
 * lifecycle steps). Values the systemd target writes as plain keys are written here with the
 * priority a NixOS user expects to override: hardening at {@code lib.mkDefault}, the install
 * target at {@code lib.mkOverride 900} (above nixpkgs' own {@code mkDefault}, below a plain
 * definition).
 */
final class ServiceBlock {
    /** A priority between nixpkgs' {@code mkDefault} (1000) and a user's plain definition (100). */
    static final String ABOVE_DEFAULT = "lib.mkOverride 900";

    private static final String CREDENTIALS_DIR = "/run/credentials/";

    /** Stands for bash in a remote gate's line until it is written as {@code ${pkgs.bash}/bin/bash}. */
    private static final String BASH_MARKER = "modsvc-nixos-bash";

    private final PlanIndex index;
    private final Instance inst;
    private final String target;
    private final Diagnostics diags;
    private final String unit;
    private final SortedMap<String, String> credentials = new TreeMap<>();

    /** Links from the plan's config paths to where NixOS puts the configData: etc path → target. */
    final SortedMap<String, String> etcLinks = new TreeMap<>();

    ServiceBlock(PlanIndex index, Instance inst, String target, Diagnostics diags) {
        this.index = index;
        this.inst = inst;
        this.target = target;
        this.diags = diags;
        this.unit = UnitNames.service(inst);
        credentials.putAll(inst.credentials());
    }

    private void error(String message) {
        diags.add(Code.UNREPRESENTABLE, inst.span(), "'" + inst.id() + "' (nixos target): " + message);
    }

    /** The service's attribute set, without its sub-services (the caller nests them). */
    Nix.Attrs render() {
        var s = new Nix.Attrs();
        var argv = new ArrayList<String>();
        for (Value v : inst.argv()) argv.add(literal(v));
        s.put("process", new Nix.Attrs().put("argv", Nix.strings(argv)));
        reload(s.child("process"));
        if (inst.notificationProtocol() == NotificationProtocol.SYSTEMD) {
            s.child("notificationProtocol").put("systemd", new Nix.Expr("true"));
        } else if (inst.notificationProtocol() == NotificationProtocol.S6) {
            s.child("notificationProtocol").put("s6", new Nix.Expr("true"));
        }
        configData(s);
        var service = s.child("systemd").child("service");
        service.put(
                "description",
                Nix.str((inst.id() + " (modsvc setup " + index.plan().setup() + ")").replace("%", "%%")));
        dependencies(service);
        service.put("wantedBy", Nix.call(ABOVE_DEFAULT, Nix.strings(List.of(target))));
        environment(service);
        serviceConfig(service.child("serviceConfig"), argv);
        passthrough(service);
        if (!credentials.isEmpty()) {
            var lines = new ArrayList<String>();
            for (var c : credentials.entrySet())
                lines.add(c.getKey() + ":" + c.getValue().replace("%", "%%"));
            service.child("serviceConfig").put("LoadCredential", Nix.strings(lines));
        }
        if (service.child("unitConfig").isEmpty()) service.entries().remove("unitConfig");
        return s;
    }

    /** After {@link #render()}: the serviceConfig written over the profile named {@code name}. */
    void useProfile(Nix.Attrs rendered, String name) {
        var service = rendered.child("systemd").child("service");
        service.put("serviceConfig", new Nix.Merge(name, service.child("serviceConfig")));
    }

    /**
     * nixpkgs' {@code process.reloadSignal} (it writes {@code kill -SIG $MAINPID} with coreutils'
     * kill, NixOS having no /bin/kill) or {@code process.reloadCommand}, a command line in systemd
     * syntax written to {@code ExecReload=} verbatim.
     */
    private void reload(Nix.Attrs process) {
        if (inst.reload() instanceof Reload.Signal sig) {
            process.put("reloadSignal", Nix.str(sig.name()));
        } else if (inst.reload() instanceof Reload.Line l) {
            process.put("reloadCommand", Nix.str(l.text(f -> {
                credential(f);
                return "%d/" + f.credential();
            })));
        } else if (inst.reload() instanceof Reload.Command c) {
            try {
                process.put("reloadCommand", Nix.str(UnitSyntax.execLineOf(pieces(c.argv()))));
            } catch (Unrepresentable e) {
                error("process.reloadCommand: " + e.getMessage());
            }
        }
    }

    /**
     * Each file as nixpkgs' {@code configData.<n>} (installed at {@code
     * /etc/system-services/<unit-stem>/<name>}), plus a link from the path the plan gave it, which
     * argv and other files already name, to that file.
     */
    private void configData(Nix.Attrs s) {
        if (inst.configData().isEmpty()) return;
        var cd = s.child("configData");
        String own = "/etc/system-services/" + inst.name() + "/";
        String nixos = "/etc/system-services/" + unit.substring(0, unit.length() - ".service".length()) + "/";
        for (ConfigFile c : inst.configData()) {
            String file = c.path().startsWith(own) ? c.path().substring(own.length()) : c.name();
            if (!c.path().startsWith("/etc/")) {
                error("configData." + c.name() + ": NixOS installs files only below /etc, not at '" + c.path() + "'");
                continue;
            }
            var text = new StringBuilder();
            for (Part p : c.text().parts()) {
                if (p instanceof Part.Literal l) text.append(l.text());
                else if (p instanceof Part.SecretFile f) text.append(secretPath(f));
            }
            cd.put(
                    c.name(),
                    new Nix.Attrs().put("name", Nix.str(file)).put("text", new Nix.Str(text.toString(), true)));
            etcLinks.put(c.path().substring("/etc/".length()), nixos + file);
        }
    }

    private void dependencies(Nix.Attrs service) {
        var requires = new TreeSet<String>();
        var consumedSubs = new java.util.HashSet<String>();
        for (Binding b : index.bindingsOf(inst.id())) {
            if (b.kind() == BindingKind.REMOTE) continue;
            Instance p = index.instance(b.provider());
            if (p == null) continue;
            requires.add(UnitNames.service(p));
            if (b.kind() == BindingKind.SUB_SERVICE) consumedSubs.add(p.id());
        }
        var wants = new TreeSet<String>();
        // subServices.partOf: false is nixpkgs' own ownership only, as on the systemd target.
        boolean tied = index.tiedToOwner(inst);
        for (Instance sub : tied ? index.ownedBy(inst.id()) : List.<Instance>of()) {
            String u = UnitNames.service(sub);
            if (sub.kind() != ModuleKind.TOOL && !consumedSubs.contains(sub.id()) && !requires.contains(u))
                wants.add(u);
        }
        var after = new ArrayList<>(requires);
        var remote = new ArrayList<>(index.remoteOf(inst.id()));
        remote.sort(java.util.Comparator.comparing(RemoteDependency::requirement)
                .thenComparing(RemoteDependency::provider));
        if (!remote.isEmpty()) {
            wants.add("network-online.target");
            after.add("network-online.target");
            var records = new ArrayList<String>();
            for (RemoteDependency r : remote)
                records.add(r.requirement() + " " + r.provider() + " on " + r.providerNode() + " at " + r.address());
            service.child("unitConfig").put("X-Modsvc-Remote", Nix.strings(records));
        }
        if (!requires.isEmpty()) service.put("requires", Nix.strings(List.copyOf(requires)));
        if (!after.isEmpty()) service.put("after", Nix.strings(after));
        if (!wants.isEmpty()) service.put("wants", Nix.strings(List.copyOf(wants)));
        if (tied && inst.owner() != null) {
            Instance o = index.instance(inst.owner());
            if (o != null) service.put("partOf", Nix.strings(List.of(UnitNames.service(o))));
        }
    }

    /**
     * NixOS writes each variable as {@code Environment=} with the JSON quoting of {@code NAME=value}
     * and no specifier escaping, so a literal {@code %} is doubled here and a secret becomes
     * {@code %d/<credential>}, as the systemd target writes it.
     */
    private void environment(Nix.Attrs service) {
        if (inst.environment().isEmpty()) return;
        var env = service.child("environment");
        for (var e : inst.environment().entrySet()) {
            var b = new StringBuilder();
            for (Part p : e.getValue().parts()) {
                if (p instanceof Part.Literal l) b.append(l.text().replace("%", "%%"));
                else if (p instanceof Part.SecretFile f) {
                    credential(f);
                    b.append("%d/").append(f.credential());
                }
            }
            env.put(e.getKey(), Nix.str(b.toString()));
        }
    }

    private void serviceConfig(Nix.Attrs sc, List<String> argv) {
        if (needsOwnExecStart(argv)) {
            // nixpkgs' escapeSystemdExecArgs doubles a '$' of the executable, which systemd does not
            // expand there, and quotes a lone ';': the unit gets modsvc's own ExecStart= instead.
            try {
                sc.put(
                        "ExecStart",
                        Nix.call("lib.mkForce", Nix.strings(List.of(UnitSyntax.execLineOf(pieces(inst.argv()))))));
            } catch (Unrepresentable e) {
                error("process.argv: " + e.getMessage());
            }
        }
        if (inst.notificationProtocol() == NotificationProtocol.SYSTEMD) {
            sc.put("Type", Nix.call(ABOVE_DEFAULT, Nix.str("notify")));
        }
        var pre = new ArrayList<String>();
        var gates = RemoteGate.of(index, inst.id());
        // Waits longer than systemd's start timeout allows would be cut short by it.
        if (gates.startTimeout() != null) sc.put("TimeoutStartSec", Nix.str(gates.startTimeout()));
        for (List<Value> gate : gates.argv()) {
            var words = new ArrayList<>(gate);
            // NixOS has no /bin/bash; the gate needs bash for its /dev/tcp.
            words.set(0, Value.of(BASH_MARKER));
            pre.add(execLine(words, "the wait for a remote provider"));
        }
        if (!inst.lifecycle().init().isEmpty())
            pre.add(execLine(inst.lifecycle().init(), "lifecycle.init"));
        var post = new ArrayList<String>();
        for (var f : inst.lifecycle().fulfil())
            post.add(execLine(f.argv(), "provides." + f.provision() + ".fulfil for " + f.consumer()));
        if (!pre.isEmpty()) sc.put("ExecStartPre", gateList(pre));
        if (!post.isEmpty()) sc.put("ExecStartPost", Nix.strings(post));
        sc.put("StateDirectory", Nix.str(below(inst.stateDir(), "/var/lib/")));
        sc.put("RuntimeDirectory", Nix.str(below(inst.runtimeDir(), "/run/")));
        boolean privileged = inst.ports().stream().anyMatch(p -> p < 1024);
        var keys = new Nix.Attrs();
        for (var e :
                HardeningProfile.keys(inst.hardening(), inst.name(), privileged).entrySet()) {
            List<String> v = e.getValue();
            keys.put(e.getKey(), Nix.call("lib.mkDefault", v.size() == 1 ? Nix.str(v.get(0)) : Nix.strings(v)));
        }
        if (!keys.isEmpty()) {
            String level = inst.hardening().word();
            hardening = new Profile(
                    "hardening" + Character.toUpperCase(level.charAt(0)) + level.substring(1)
                            + (privileged ? "LowPorts" : ""),
                    keys);
        }
    }

    /**
     * A hardening profile, written once per module in a {@code let} and merged under each unit's
     * own keys ({@code profile // { … }}), so the unit's own and passthrough keys win.
     */
    record Profile(String name, Nix.Attrs keys) {}

    /** The profile this service's serviceConfig starts from, or null (hardening none). */
    Profile hardening;

    /** The lines as Nix strings; the bash of a remote gate as an interpolation of {@code pkgs.bash}. */
    private static Nix.ListOf gateList(List<String> lines) {
        var items = new ArrayList<Nix>();
        for (String l : lines) {
            if (l.startsWith(BASH_MARKER + " ")) {
                items.add(new Nix.Expr("\"${pkgs.bash}/bin/bash"
                        + Nix.quote(l.substring(BASH_MARKER.length())).substring(1)));
            } else {
                items.add(Nix.str(l));
            }
        }
        return new Nix.ListOf(items);
    }

    /** Whether nixpkgs' own ExecStart= escaping would get this argv wrong. */
    static boolean needsOwnExecStart(List<String> argv) {
        if (argv.isEmpty()) return false;
        String exe = argv.get(0);
        return exe.indexOf('$') >= 0 || exe.equals(";");
    }

    /** Passthrough keys: [Unit] to unitConfig, [Service] to serviceConfig, [Install] to its options. */
    private void passthrough(Nix.Attrs service) {
        for (var sec : inst.systemd().entrySet()) {
            for (var key : sec.getValue().entrySet()) {
                Nix values = Nix.strings(key.getValue());
                switch (sec.getKey()) {
                    case "Unit" -> service.child("unitConfig").put(key.getKey(), values);
                    case "Service" -> service.child("serviceConfig").put(key.getKey(), values);
                    case "Install" -> install(service, key.getKey(), values);
                    default -> {} // refused by the systemd checks already run on this plan
                }
            }
        }
    }

    private void install(Nix.Attrs service, String key, Nix values) {
        ExtraBlocks.install(service, inst, "Install", key, values, diags);
    }

    private String below(String path, String root) {
        if (!path.startsWith(root)) {
            error("'" + path + "' is not below " + root);
            return path;
        }
        return path.substring(root.length());
    }

    private String execLine(List<Value> argv, String what) {
        try {
            return UnitSyntax.execLineOf(pieces(argv));
        } catch (Unrepresentable e) {
            error(what + ": " + e.getMessage());
            return "";
        }
    }

    /** Words for an exec line; a secret is {@code %d/<credential>}, systemd's own expansion. */
    private List<List<Piece>> pieces(List<Value> argv) {
        var out = new ArrayList<List<Piece>>();
        for (Value v : argv) {
            var ps = new ArrayList<Piece>();
            for (Part p : v.parts()) {
                if (p instanceof Part.Literal l) ps.add(Piece.literal(l.text()));
                else if (p instanceof Part.SecretFile f) {
                    credential(f);
                    ps.add(new Piece("%d/" + f.credential(), true));
                }
            }
            if (ps.isEmpty()) ps.add(Piece.literal(""));
            out.add(ps);
        }
        return out;
    }

    /**
     * A value of process.argv or config text: nixpkgs escapes every {@code %} of argv, so a
     * secret cannot be {@code %d/…} there and is the credential's path itself.
     */
    private String literal(Value v) {
        var b = new StringBuilder();
        for (Part p : v.parts()) {
            if (p instanceof Part.Literal l) b.append(l.text());
            else if (p instanceof Part.SecretFile f) b.append(secretPath(f));
        }
        return b.toString();
    }

    private String secretPath(Part.SecretFile f) {
        credential(f);
        return CREDENTIALS_DIR + unit + "/" + f.credential();
    }

    private void credential(Part.SecretFile f) {
        String before = credentials.putIfAbsent(f.credential(), f.source());
        if (before != null && !before.equals(f.source()))
            error("credential " + f.credential() + " comes from two files: " + before + " and " + f.source());
    }
}
