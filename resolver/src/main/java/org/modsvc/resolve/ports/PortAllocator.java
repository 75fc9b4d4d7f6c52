package org.modsvc.resolve.ports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Provision;
import org.modsvc.model.Scalar;
import org.modsvc.resolve.declaration.Declarations;
import org.modsvc.resolve.instantiate.Inst;

/**
 * Assigns the allocatable ports ({@code port: "auto:N"}) of every instance before any value is
 * expanded, so that every reference to the port reads the assigned number.
 *
 * <p>Rule: per node, ports written as plain numbers are taken first; then each allocatable port
 * gets N if free, else the lowest free port above N. Allocatable ports are served in a canonical
 * order (instances a setup names before dedicated providers, then by instance id, provision and
 * field), so the result depends neither on file or key order nor on instances of other nodes, and
 * a new dedicated provider never moves the port of an instance the setup runs itself. A fixed port
 * given by a reference is not known yet here; if it meets an assigned one, E045 reports it.
 */
public final class PortAllocator {
    /** The prefix of an allocatable port value. */
    public static final String AUTO = "auto:";

    /** One allocated port: where it was asked for and the number it got. */
    public record Assigned(int preferred, int port) {}

    private record Want(Inst inst, String provision, String field, int preferred, Scalar written) {}

    private final Map<String, Assigned> assigned = new HashMap<>();

    private PortAllocator() {}

    /**
     * Assigns every allocatable port of {@code instances}; reports, at the value written, each one
     * no free port is left for.
     */
    public static PortAllocator assign(List<Inst> instances, Declarations declarations, Diagnostics diags) {
        var alloc = new PortAllocator();
        var taken = new HashMap<String, Set<Integer>>();
        var wants = new ArrayList<Want>();
        for (Inst i : instances) {
            int k = 0;
            for (Provision p : i.module.provides().values()) {
                Contract c = i.cands().length > 0
                        ? i.cands()[k].contract
                        : declarations.contract(p.contract().text());
                k++;
                if (c == null) continue;
                for (var e : p.result().entrySet()) {
                    Field f = c.result().get(e.getKey());
                    if (f == null || f.type() != FieldType.PORT) continue;
                    String text = e.getValue().text();
                    int preferred = parseAuto(text);
                    if (preferred > 0) {
                        wants.add(new Want(i, p.name(), e.getKey(), preferred, e.getValue()));
                    } else if (isNumber(text)) {
                        taken.computeIfAbsent(i.node.name(), n -> new HashSet<>())
                                .add(Integer.parseInt(text));
                    }
                }
            }
        }
        wants.sort(Comparator.comparing((Want w) -> w.inst.dedicated)
                .thenComparing(w -> w.inst.id)
                .thenComparing(Want::provision)
                .thenComparing(Want::field));
        for (Want w : wants) {
            Set<Integer> used = taken.computeIfAbsent(w.inst.node.name(), n -> new HashSet<>());
            int port = w.preferred;
            while (port <= 65535 && used.contains(port)) port++;
            if (port > 65535) {
                diags.add(Diagnostic.of(
                        Code.PORT_CONFLICT,
                        w.written.span(),
                        w.inst.id + " finds no free port from " + w.preferred + " to 65535 on node '"
                                + w.inst.node.name() + "'",
                        "write a lower preferred port: \"auto:N\""));
                continue;
            }
            used.add(port);
            alloc.assigned.put(key(w.inst, w.provision, w.field), new Assigned(w.preferred, port));
        }
        return alloc;
    }

    /** The port assigned to {@code field} of {@code provision} of {@code i}, or null if none. */
    public Assigned of(Inst i, String provision, String field) {
        return assigned.get(key(i, provision, field));
    }

    /** The preferred port of an {@code auto:N} value, or 0 when {@code text} is not one. */
    public static int parseAuto(String text) {
        if (!text.startsWith(AUTO)) return 0;
        String n = text.substring(AUTO.length());
        if (!isNumber(n)) return 0;
        int p = Integer.parseInt(n);
        return p <= 65535 ? p : 0;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 5 || s.charAt(0) == '0') return false;
        for (int k = 0; k < s.length(); k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return false;
        return true;
    }

    private static String key(Inst i, String provision, String field) {
        return i.index + "\u0000" + provision + "\u0000" + field;
    }
}
