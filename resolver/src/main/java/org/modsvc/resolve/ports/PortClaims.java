package org.modsvc.resolve.ports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Span;
import org.modsvc.resolve.instantiate.Inst;

/**
 * The ports instances claim through their {@code port} result fields: per instance for the plan,
 * and per node to find two instances that claim the same one. All port logic lives here.
 */
public final class PortClaims {
    private static final int[] NO_PORTS = {};

    private record Claim(Inst inst, int port, Span span, PortAllocator.Assigned auto) {}

    private final List<Claim> claims = new ArrayList<>();
    /** Claimed ports by instance index, in claim order, {@code counts[index]} of them. */
    private final int[][] ports;

    private final int[] counts;

    /** @param instances how many instances the run has */
    public PortClaims(int instances) {
        ports = new int[instances][];
        counts = new int[instances];
    }

    /**
     * Records that {@code i} claims {@code port}, written at {@code span}.
     *
     * @param auto how it was allocated, or null for a port written as a number
     */
    public void claim(Inst i, int port, Span span, PortAllocator.Assigned auto) {
        int[] mine = ports[i.index] == null ? NO_PORTS : ports[i.index];
        int n = counts[i.index];
        if (n == mine.length) mine = Arrays.copyOf(mine, Math.max(2, 2 * n));
        mine[n] = port;
        ports[i.index] = mine;
        counts[i.index] = n + 1;
        claims.add(new Claim(i, port, span, auto));
    }

    /** The ports {@code i} claims, sorted, each once; never null. */
    public List<Integer> of(Inst i) {
        int n = counts[i.index];
        if (n == 0) return List.of();
        int[] p = Arrays.copyOf(ports[i.index], n);
        Arrays.sort(p);
        var out = new Integer[p.length];
        int m = 0;
        for (int k = 0; k < p.length; k++) if (k == 0 || p[k] != p[k - 1]) out[m++] = p[k];
        return List.of(Arrays.copyOf(out, m));
    }

    /** The allocatable ports of {@code i}: each assigned port with the one it preferred. */
    public List<PortAllocator.Assigned> allocated(Inst i) {
        var out = new ArrayList<PortAllocator.Assigned>();
        for (Claim c : claims) if (c.inst == i && c.auto != null && !out.contains(c.auto)) out.add(c.auto);
        out.sort(Comparator.comparingInt(PortAllocator.Assigned::port));
        return List.copyOf(out);
    }

    /**
     * A clash of fixed ports. When the catalogue fixed the port, the user cannot change that line:
     * the diagnostic then points at the user's own line that asked for the instance.
     */
    private static Diagnostic conflict(Claim c, Claim prior) {
        String message = c.inst.id + " claims port " + c.port + " on node '" + c.inst.node.name() + "', which "
                + prior.inst.id + " already claims";
        String auto = "write port: \"" + PortAllocator.AUTO + c.port + "\" to take " + c.port
                + " if free, else the lowest free port above it";
        var related = new ArrayList<Diagnostic.Related>();
        related.add(new Diagnostic.Related(prior.inst.id + " claims it here", prior.span));
        boolean catalogue = c.span.file().startsWith("catalogue:");
        if (catalogue && c.inst.origin != null && !c.inst.origin.isNone()) {
            related.add(
                    new Diagnostic.Related("the catalogue's module '" + c.inst.moduleName + "' fixes it here", c.span));
            return Diagnostic.of(
                            Code.PORT_CONFLICT,
                            c.inst.origin,
                            message,
                            "the catalogue fixes this port: override module '" + c.inst.moduleName
                                    + "' in your setup and " + auto,
                            "or run one of them on another node")
                    .withRelated(related);
        }
        return Diagnostic.of(Code.PORT_CONFLICT, c.span, message, auto, "or give one of them another port")
                .withRelated(related);
    }

    /** Reports every claim of a port another instance on the same node claimed first (by id). */
    public void checkConflicts(Diagnostics diags) {
        var sorted = new ArrayList<>(claims);
        sorted.sort(Comparator.comparing((Claim c) -> c.inst.id).thenComparing(Claim::span));
        var first = new HashMap<String, Claim>();
        for (Claim c : sorted) {
            String key = c.inst.node.name() + ":" + c.port;
            Claim prior = first.putIfAbsent(key, c);
            if (prior == null || prior.inst == c.inst) continue;
            diags.add(conflict(c, prior));
        }
    }
}
