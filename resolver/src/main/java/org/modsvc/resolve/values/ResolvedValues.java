package org.modsvc.resolve.values;

import java.util.Collections;
import java.util.SortedMap;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.policy.Bound;
import org.modsvc.resolve.ports.PortClaims;

/**
 * What the values phase hands to the plan assembly: every instance's resolved values, every
 * binding's request, and the ports claimed. Not changed after the phase.
 */
public final class ResolvedValues {
    private static final Resolved NOTHING = new Resolved();

    private final Resolved[] byInstance;
    private final PerConsumer per;
    private final PortClaims ports;

    ResolvedValues(Resolved[] byInstance, PerConsumer per, PortClaims ports) {
        this.byInstance = byInstance;
        this.per = per;
        this.ports = ports;
    }

    /** The values of {@code i}; empty ones when it was never resolved; never null. */
    public Resolved of(Inst i) {
        Resolved r = byInstance[i.index];
        return r == null ? NOTHING : r;
    }

    /** The request values of binding {@code b}, as plain strings; never null. */
    public SortedMap<String, String> request(Bound b) {
        var r = per.request(b);
        return r == null ? Collections.emptySortedMap() : r;
    }

    /** The result {@code b}'s consumer was given, as plain strings; never null. */
    public SortedMap<String, String> plainResult(Bound b) {
        var own = per.plainResult(b);
        return own != null ? own : plainResult(b.provider(), b.provision().name());
    }

    /** The provision's result values as plain strings; never null. */
    public SortedMap<String, String> plainResult(Inst provider, String provision) {
        Resolved r = byInstance[provider.index];
        return r == null ? Collections.emptySortedMap() : r.plain(provision);
    }

    public PortClaims ports() {
        return ports;
    }
}
