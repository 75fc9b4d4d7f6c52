package org.modsvc.resolve.failure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.SortedMap;
import org.modsvc.model.ArraySortedMap;
import org.modsvc.resolve.graph.DependencyGraph;
import org.modsvc.resolve.instantiate.Inst;
import org.modsvc.resolve.instantiate.Ranks;

/**
 * The plan's {@code failsWith} and {@code loses}: for each instance that has consumers, what stops
 * with it and what only loses it. A service manager stops dependents on its own node only
 * ({@code Requires=}/{@code PartOf=}); across nodes nothing stops a consumer (its unit merely
 * wants the network), so a remote consumer, and everything that depends on it, keeps running
 * without the provider.
 *
 * @param failsWith instance id to the ids that stop with it, both in id order; immutable
 * @param loses instance id to the ids of its other transitive dependents, in id order; immutable
 */
public record FailsWith(SortedMap<String, List<String>> failsWith, SortedMap<String, List<String>> loses) {
    /**
     * How many dependents {@code failsWith} and {@code loses} list in total. A 100 000-long chain
     * has five billion (instance, dependent) pairs; past this budget the lists of the remaining
     * instances are cut.
     */
    public static final int BUDGET = 1_000_000;

    public static FailsWith of(DependencyGraph g, Ranks ranks) {
        List<Inst> sorted = ranks.byId();
        int n = sorted.size();
        int[] nodeOf = new int[n];
        var nodes = new HashMap<String, Integer>();
        for (Inst i : sorted) nodeOf[i.index] = nodes.computeIfAbsent(i.node.name(), k -> nodes.size());
        // Instances come in id order, so the maps are built without sorting.
        var failsWith = ArraySortedMap.<String, List<String>>builder(n);
        var loses = ArraySortedMap.<String, List<String>>builder(n);
        boolean[] scratch = new boolean[n];
        int[] stack = new int[n];
        int budget = BUDGET;
        for (Inst i : sorted) {
            if (g.consumerCount(i.index) == 0 || budget <= 0) continue;
            int[] all = ids(g.dependents(i.index, scratch, stack, budget), ranks);
            budget -= all.length;
            int[] local = ids(g.dependents(i.index, nodeOf, scratch, stack, budget), ranks);
            budget -= local.length;
            // Both sorted by rank: the remote ones are those of all that local lacks.
            int[] remote = new int[all.length];
            int r = 0;
            for (int a = 0, l = 0; a < all.length; a++) {
                while (l < local.length && local[l] < all[a]) l++;
                if (l >= local.length || local[l] != all[a]) remote[r++] = all[a];
            }
            if (local.length > 0) failsWith.put(i.id, names(local, local.length, sorted));
            if (r > 0) loses.put(i.id, names(remote, r, sorted));
        }
        return new FailsWith(failsWith.build(), loses.build());
    }

    /** Vertices as ranks, sorted: ranks follow id order, so no strings are compared. */
    private static int[] ids(int[] deps, Ranks ranks) {
        for (int k = 0; k < deps.length; k++) deps[k] = ranks.rank()[deps[k]];
        Arrays.sort(deps);
        return deps;
    }

    private static List<String> names(int[] ranked, int count, List<Inst> sorted) {
        var ids = new String[count];
        for (int k = 0; k < count; k++) ids[k] = sorted.get(ranked[k]).id;
        return List.of(ids);
    }
}
