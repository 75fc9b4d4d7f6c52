package org.modsvc.emit.nixos;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;
import org.modsvc.plan.UnitNames;

/**
 * An instance's extra units as top-level NixOS units: {@code systemd.sockets.<x>} as {@code
 * systemd.sockets."modsvc-<instance>-<x>"} ([Socket] keys to {@code socketConfig}, {@code Service}
 * the instance's unit unless given) and {@code systemd.services.<x>} as {@code
 * systemd.services."modsvc-<instance>-<x>"} ([Service] keys to {@code serviceConfig}, {@code
 * partOf} the instance's unit); [Unit] keys to {@code unitConfig}, [Install] keys to their options,
 * {@code wantedBy} the setup target unless given, as on the systemd target. The keys were checked
 * by the systemd checks already run on the plan.
 */
final class ExtraBlocks {
    /** The extra sockets and services of a node, each by attribute name (unit name without suffix). */
    record Units(SortedMap<String, Nix.Attrs> sockets, SortedMap<String, Nix.Attrs> services) {}

    private ExtraBlocks() {}

    /** Adds the extra units of {@code inst} to {@code units}. */
    static void of(Instance inst, String target, Diagnostics diags, Units units) {
        for (var sec : inst.systemd().entrySet()) {
            String s = sec.getKey();
            boolean socket = s.startsWith("sockets.");
            if (!socket && !s.startsWith("services.")) continue;
            int dot = s.lastIndexOf('.');
            String x = s.substring(s.indexOf('.') + 1, dot);
            String section = s.substring(dot + 1);
            String kind = socket ? "socket" : "service";
            String stem = UnitNames.PREFIX + inst.name() + "-" + x;
            var into = socket ? units.sockets() : units.services();
            Nix.Attrs a = into.computeIfAbsent(stem, k -> {
                var n = new Nix.Attrs();
                n.put("description", Nix.str((kind + " " + x + " of " + inst.id()).replace("%", "%%")));
                n.put("wantedBy", Nix.call(ServiceBlock.ABOVE_DEFAULT, Nix.strings(List.of(target))));
                Nix main = Nix.call(ServiceBlock.ABOVE_DEFAULT, Nix.str(UnitNames.service(inst)));
                if (socket) n.child("socketConfig").put("Service", main);
                else
                    n.put(
                            "partOf",
                            Nix.call(ServiceBlock.ABOVE_DEFAULT, Nix.strings(List.of(UnitNames.service(inst)))));
                return n;
            });
            for (var key : sec.getValue().entrySet()) {
                Nix values = Nix.strings(key.getValue());
                switch (section) {
                    case "Socket" -> a.child("socketConfig").put(key.getKey(), values);
                    case "Service" -> a.child("serviceConfig").put(key.getKey(), values);
                    case "Unit" -> a.child("unitConfig").put(key.getKey(), values);
                    default -> install(a, inst, s, key.getKey(), values, diags);
                }
            }
        }
    }

    /**
     * An [Install] key of a unit of {@code inst} as its NixOS option, or a W060 at the key when
     * NixOS has none; shared with the instance's own unit ({@code section} {@code Install}).
     */
    static void install(Nix.Attrs a, Instance inst, String section, String key, Nix values, Diagnostics diags) {
        String option =
                switch (key) {
                    case "WantedBy" -> "wantedBy";
                    case "RequiredBy" -> "requiredBy";
                    case "Alias" -> "aliases";
                    default -> null;
                };
        if (option == null) {
            diags.add(
                    Code.UNSUPPORTED_BY_TARGET,
                    inst.at(Origins.systemdKey(section, key)),
                    "'" + inst.id() + "': systemd." + section + "." + key + " has no NixOS unit option; the nixos"
                            + " target leaves it out",
                    "NixOS units take wantedBy, requiredBy and aliases");
            return;
        }
        a.put(option, values);
    }
}
