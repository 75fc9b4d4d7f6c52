package org.modsvc.emit.nixos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.model.ModuleKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.UnitNames;

/**
 * Writes, for each node, {@code <node>/modsvc.nix}: a NixOS module that declares every instance
 * as a modular service, {@code system.services."modsvc-<instance>"}, with sub-services nested
 * under their owner's {@code services.<child>}, and {@code <node>/README}, how to import it.
 *
 * <p>The {@code system.services} name is the unit's stem, so NixOS names the units {@code
 * modsvc-<instance>.service}, as the systemd target does: the same namespace (no instance takes a
 * unit NixOS itself defines, such as {@code postgresql}) and the same names in {@code After=} and
 * {@code Requires=}. A value the systemd target could not write is an error here too: the plan is
 * checked by the systemd emitter first, and its diagnostics are this target's.
 *
 * <p>Executables stay as the setup wrote them; no store path is made up. The one program modsvc
 * itself adds, bash for the wait for a remote provider, is {@code ${pkgs.bash}/bin/bash}.
 */
public final class NixosEmitter {
    private final SystemdEmitter systemd;

    public NixosEmitter() {
        this(new SystemdEmitter());
    }

    public NixosEmitter(SystemdEmitter systemd) {
        this.systemd = systemd;
    }

    public Emission emit(Plan plan, String node) {
        return emit(plan.index(), node);
    }

    /** Every node when {@code node} is null, else that node only; nodes of any target. */
    public Emission emit(PlanIndex index, String node) {
        Plan plan = index.plan();
        var diags = new Diagnostics();
        var files = new TreeMap<String, OutputFile>();
        for (PlanNode n : plan.nodes()) {
            if (node != null && !n.name().equals(node)) continue;
            List<Diagnostic> checked = systemd.emit(index, n.name()).diagnostics();
            diags.addAll(checked);
            if (checked.stream().anyMatch(Diagnostic::isError)) continue;
            emitNode(index, n, files, diags);
        }
        return new Emission(diags.hasErrors() ? new TreeMap<>() : files, diags.toList());
    }

    private void emitNode(PlanIndex index, PlanNode node, SortedMap<String, OutputFile> files, Diagnostics diags) {
        Plan plan = index.plan();
        String target = UnitNames.target(plan.setup());
        String targetStem = target.substring(0, target.length() - ".target".length());
        var blocks = new HashMap<String, Nix.Attrs>();
        var order = new ArrayList<Instance>();
        var links = new TreeMap<String, String>();
        // Hardening profiles by their text: each distinct one is written once, in the module's let.
        var profiles = new TreeMap<String, Nix.Attrs>();
        var profileByText = new HashMap<String, String>();
        for (Instance i : index.onNode(node.name())) {
            if (i.kind() == ModuleKind.TOOL) continue; // the systemd checks noted it
            var block = new ServiceBlock(index, i, target, diags);
            Nix.Attrs rendered = block.render();
            if (block.hardening != null) {
                String text = Nix.render(block.hardening.keys(), 1);
                String name = profileByText.get(text);
                if (name == null) {
                    name = block.hardening.name();
                    for (int n = 2; profiles.containsKey(name); n++) name = block.hardening.name() + n;
                    profileByText.put(text, name);
                    profiles.put(name, block.hardening.keys());
                }
                block.useProfile(rendered, name);
            }
            blocks.put(i.id(), rendered);
            links.putAll(block.etcLinks);
            order.add(i);
        }
        var services = new Nix.Attrs();
        var units = new TreeSet<String>();
        var extra = new ExtraBlocks.Units(new TreeMap<>(), new TreeMap<>());
        for (Instance i : order) ExtraBlocks.of(i, target, diags, extra);
        for (Instance i : order) {
            units.add(UnitNames.service(i));
            Instance owner = i.owner() == null ? null : index.instance(i.owner());
            Nix.Attrs parent = owner == null ? null : blocks.get(owner.id());
            String prefix = owner == null ? null : owner.name() + "-";
            if (parent != null && i.name().startsWith(prefix) && i.name().length() > prefix.length()) {
                // nixpkgs names a sub-service's unit <owner>-<child>: the same name as the plan's.
                parent.child("services").put(i.name().substring(prefix.length()), blocks.get(i.id()));
            } else {
                services.put(UnitNames.PREFIX + i.name(), blocks.get(i.id()));
            }
        }
        var module = new Nix.Attrs();
        module.child("system").put("services", services);
        for (var so : extra.sockets().entrySet()) {
            module.child("systemd").child("sockets").put(so.getKey(), so.getValue());
            units.add(so.getKey() + ".socket");
        }
        for (var se : extra.services().entrySet()) {
            module.child("systemd").child("services").put(se.getKey(), se.getValue());
            units.add(se.getKey() + ".service");
        }
        var t = module.child("systemd").child("targets").child(targetStem);
        t.put("description", Nix.str(("modsvc setup " + plan.setup() + " on " + node.name()).replace("%", "%%")));
        t.put("wants", Nix.strings(List.copyOf(units)));
        t.put("wantedBy", Nix.strings(List.of("multi-user.target")));
        if (!links.isEmpty()) {
            var etc = module.child("environment").child("etc");
            for (Map.Entry<String, String> l : links.entrySet())
                etc.put(l.getKey(), new Nix.Attrs().put("source", Nix.str(l.getValue())));
        }
        String text = "# Generated by modsvc from setup " + oneLine(plan.setup()) + ": node " + oneLine(node.name())
                + ", a NixOS module.\n"
                + "# Import it from your configuration: imports = [ ./modsvc.nix ]; (see README beside it).\n"
                + "{ config, lib, pkgs, ... }:\n"
                + let(profiles)
                + Nix.render(module, 0) + "\n";
        files.put(node.name() + "/modsvc.nix", OutputFile.text(text, false));
        files.put(node.name() + "/README", OutputFile.text(readme(plan, node, units), false));
        if (units.isEmpty()) {
            diags.add(
                    Code.UNSUPPORTED_BY_TARGET,
                    Span.NONE,
                    "node " + node.name() + " runs no daemon: its NixOS module declares no service");
        }
    }

    /** The hardening profiles as a {@code let}, or nothing when no service is hardened. */
    private static String let(SortedMap<String, Nix.Attrs> profiles) {
        if (profiles.isEmpty()) return "";
        var b = new StringBuilder("let\n");
        b.append("  # The hardening profiles (lib.mkDefault: relax a key with a plain definition).\n");
        for (var p : profiles.entrySet())
            b.append("  ")
                    .append(p.getKey())
                    .append(" = ")
                    .append(Nix.render(p.getValue(), 1))
                    .append(";\n");
        return b.append("in\n").toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]", " ");
    }

    private static String readme(Plan plan, PlanNode node, TreeSet<String> units) {
        return "modsvc setup " + plan.setup() + ", node " + node.name() + ": a NixOS module\n"
                + "\n"
                + "modsvc.nix declares every service of this node as a NixOS modular service\n"
                + "(system.services.\"modsvc-<instance>\", sub-services nested under services.<child>)\n"
                + "and the target " + UnitNames.target(plan.setup()) + " that starts them all.\n"
                + "\n"
                + "To use it, copy modsvc.nix next to your configuration.nix and import it:\n"
                + "\n"
                + "  { ... }: {\n"
                + "    imports = [ ./modsvc.nix ];\n"
                + "  }\n"
                + "\n"
                + "then run nixos-rebuild switch. It needs a nixpkgs with modular services\n"
                + "(system.services, process.reloadSignal / reloadCommand and the\n"
                + "notificationProtocol.systemd / .s6 booleans; see docs/nixos-target.md).\n"
                + "Executables are the paths the setup names: make sure they exist on the node.\n"
                + "Hardening keys are lib.mkDefault (the let at the top of modsvc.nix): relax one with\n"
                + "systemd.services.modsvc-<instance>.serviceConfig.<Key> = \"...\"; in your configuration.\n"
                + "\n"
                + "Units: " + String.join(" ", units) + "\n";
    }
}
