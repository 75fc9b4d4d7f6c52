package org.modsvc.emit.nixos;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Origins;
import org.modsvc.plan.UnitNames;

/**
 * An instance's socket units ({@code systemd.sockets.<x>}) as NixOS's {@code
 * systemd.sockets."modsvc-<instance>-<x>"}: [Socket] keys to {@code socketConfig}, [Unit] keys to
 * {@code unitConfig}, [Install] keys to their options, with {@code Service=} the instance's unit and
 * {@code wantedBy} the setup target unless given, as on the systemd target. The keys were checked by
 * the systemd checks already run on the plan.
 */
final class SocketBlocks {
    private static final String SECTIONS = "sockets.";

    private SocketBlocks() {}

    /** The socket attribute sets of {@code inst}, by unit name without {@code .socket}. */
    static SortedMap<String, Nix.Attrs> of(Instance inst, String target, Diagnostics diags) {
        var out = new TreeMap<String, Nix.Attrs>();
        for (var sec : inst.systemd().entrySet()) {
            String s = sec.getKey();
            if (!s.startsWith(SECTIONS)) continue;
            int dot = s.lastIndexOf('.');
            String x = s.substring(SECTIONS.length(), dot);
            String section = s.substring(dot + 1);
            String unit = UnitNames.socket(inst.name(), x);
            Nix.Attrs a = out.computeIfAbsent(unit.substring(0, unit.length() - ".socket".length()), k -> {
                var n = new Nix.Attrs();
                n.put("description", Nix.str(("socket " + x + " of " + inst.id()).replace("%", "%%")));
                n.put("wantedBy", Nix.call(ServiceBlock.ABOVE_DEFAULT, Nix.strings(List.of(target))));
                n.child("socketConfig")
                        .put("Service", Nix.call(ServiceBlock.ABOVE_DEFAULT, Nix.str(UnitNames.service(inst))));
                return n;
            });
            for (var key : sec.getValue().entrySet()) {
                Nix values = Nix.strings(key.getValue());
                switch (section) {
                    case "Socket" -> a.child("socketConfig").put(key.getKey(), values);
                    case "Unit" -> a.child("unitConfig").put(key.getKey(), values);
                    default -> install(a, inst, s, key.getKey(), values, diags);
                }
            }
        }
        return out;
    }

    private static void install(Nix.Attrs a, Instance inst, String section, String key, Nix values, Diagnostics diags) {
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
