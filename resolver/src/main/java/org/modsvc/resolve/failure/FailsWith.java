package org.modsvc.resolve.failure;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.resolve.graph.DependencyGraph;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Ranks;

/**
 * The plan's {@code failsWith}: for each instance that has consumers, every instance that depends
 * on it directly or through others, in id order.
 */
public final class FailsWith {
    /**
     * How many dependents {@code failsWith} lists in total. A 100 000-long chain has five billion
     * (instance, dependent) pairs; past this budget the lists of the remaining instances are cut.
     */
    public static final int BUDGET = 1_000_000;

    private FailsWith() {}

    /** Instance id to its dependents' ids, both in id order; immutable. */
    public static SortedMap<String, List<String>> of(DependencyGraph g, Ranks ranks) {
        List<Inst> sorted = ranks.byId();
        int n = sorted.size();
        // Instances come in id order, so the map is built without sorting.
        var failsWith = ArraySortedMap.<String, List<String>>builder(n);
        boolean[] scratch = new boolean[n];
        int[] stack = new int[n];
        int budget = BUDGET;
        for (Inst i : sorted) {
            if (g.consumerCount(i.index) == 0 || budget <= 0) continue;
            int[] deps = g.dependents(i.index, scratch, stack, budget);
            budget -= deps.length;
            // Sorting ranks, not strings: ranks follow id order.
            for (int k = 0; k < deps.length; k++) deps[k] = ranks.rank()[deps[k]];
            Arrays.sort(deps);
            var ids = new String[deps.length];
            for (int k = 0; k < deps.length; k++) ids[k] = sorted.get(deps[k]).id;
            failsWith.put(i.id, List.of(ids));
        }
        return failsWith.build();
    }
}
