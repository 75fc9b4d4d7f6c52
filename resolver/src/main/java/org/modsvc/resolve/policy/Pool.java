package org.modsvc.resolve.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modsvc.resolve.version.Version;

/** The shareable provisions of one contract, also grouped by node. */
public final class Pool {
    final List<Cand> all = new ArrayList<>();
    final Map<String, List<Cand>> byNode = new HashMap<>();
    /** Versioned candidates sorted by version, so a range is a slice, not a scan. */
    Cand[] byVersion;

    void seal() {
        byVersion = all.stream()
                .filter(c -> c.version != null)
                .sorted(Comparator.comparing((Cand c) -> c.version))
                .toArray(Cand[]::new);
    }

    /** Every candidate, in the order they were added; never null. */
    public List<Cand> all() {
        return all;
    }

    /** Index of the first candidate whose version is at least {@code v}. */
    int from(Version v) {
        if (v == null) return 0;
        int lo = 0;
        int hi = byVersion.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byVersion[mid].version.compareTo(v) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
