package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.modsvc.model.Contract;
import org.modsvc.model.Reach;
import org.modsvc.resolve.Candidate;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.version.VersionRange;

/**
 * Why a candidate cannot serve a consumer: as bits on the hot path, spelled out only for
 * diagnostics and {@code explain}.
 */
public final class Rejections {
    public static final int SELF = 1, VERSION = 2, REACH = 4, CAPACITY = 8, NOT_SHARED = 16;

    private Rejections() {}

    /** The reasons (bits) {@code x} cannot serve {@code i}; 0 when it can. */
    public static int reject(Inst i, Contract c, VersionRange range, Cand x) {
        int why = 0;
        if (x.inst == i) why |= SELF;
        if (!range.isAny() && (x.version == null || !range.matches(x.version))) why |= VERSION;
        if (c.reach() == Reach.LOCAL && x.inst.node != i.node) why |= REACH;
        Integer cap = x.provision.capacity();
        if (cap != null && x.taken() >= cap) why |= CAPACITY;
        if (!c.shared() && x.taken() >= 1) why |= NOT_SHARED;
        return why;
    }

    /** Every candidate with its reasons spelled out, same node first, then by id. */
    public static List<Candidate> candidates(Inst i, Contract c, VersionRange range, List<Cand> all) {
        var out = new ArrayList<Candidate>();
        var sorted = new ArrayList<>(all);
        sorted.sort(Comparator.<Cand, Boolean>comparing(x -> x.inst.node != i.node)
                .thenComparing(x -> x.inst.id)
                .thenComparing(x -> x.provision.name()));
        for (Cand x : sorted) {
            int why = reject(i, c, range, x);
            var reasons = new ArrayList<String>();
            String v =
                    x.provision.version() == null ? null : x.provision.version().text();
            if ((why & SELF) != 0) reasons.add("it is the consumer itself");
            if ((why & VERSION) != 0)
                reasons.add(
                        v == null
                                ? "it has no version, the range is " + range.text()
                                : "version " + v + " is outside " + range.text());
            if ((why & REACH) != 0)
                reasons.add("contract " + c.name() + " is local-only and it runs on node '" + x.inst.node.name() + "'");
            if ((why & CAPACITY) != 0)
                reasons.add("its capacity of " + x.provision.capacity() + " is used up (by " + servedBy(x) + ")");
            if ((why & NOT_SHARED) != 0)
                reasons.add("contract " + c.name() + " is not shared and it already serves " + servedBy(x));
            out.add(new Candidate(x.inst.id, x.inst.node.name(), x.provision.name(), v, reasons, x.provision.span()));
        }
        return out;
    }

    /** Who a candidate serves so far, for messages: {@code web1/a.db, web1/b.db}. */
    private static String servedBy(Cand x) {
        var names = new ArrayList<String>();
        for (Bound b : x.inst.served(x.provision.name())) {
            names.add(b.consumer().id + "." + b.req().name());
        }
        if (names.isEmpty()) return "a bind: entry";
        names.sort(null);
        return String.join(", ", names);
    }
}
