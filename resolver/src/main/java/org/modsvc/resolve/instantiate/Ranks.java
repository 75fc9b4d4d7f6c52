package org.modsvc.resolve.instantiate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The instances in id order, fixed once every instance exists: later phases sort by rank (an int)
 * instead of comparing id strings again.
 *
 * @param rank {@code rank[index]} is the position of instance {@code index} in id order
 * @param byId the instances in id order, immutable
 */
public record Ranks(int[] rank, List<Inst> byId) {
    public Ranks {
        byId = List.copyOf(byId);
    }

    public static Ranks of(List<Inst> instances) {
        var sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparing(i -> i.id));
        int[] rank = new int[instances.size()];
        for (int k = 0; k < sorted.size(); k++) rank[sorted.get(k).index] = k;
        return new Ranks(rank, sorted);
    }

    /** Instance indexes by id, through their ranks (no string comparisons). */
    public Comparator<Integer> byName() {
        return (a, b) -> Integer.compare(rank[a], rank[b]);
    }

    public int of(Inst i) {
        return rank[i.index];
    }
}
