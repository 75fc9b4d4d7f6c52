package org.modsvc.resolve.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Transitive dependents: complete, bounded by the budget, and leaving the scratch set clear. */
class DependencyGraphTest {

    /** Vertex 0 provides for {@code consumers} vertices, each of which provides for one more. */
    private static DependencyGraph fanIn(int consumers) {
        int n = 1 + 2 * consumers;
        int[] from = new int[2 * consumers];
        int[] to = new int[2 * consumers];
        for (int k = 0; k < consumers; k++) {
            from[k] = 1 + k;
            to[k] = 0;
            from[consumers + k] = 1 + consumers + k;
            to[consumers + k] = 1 + k;
        }
        return new DependencyGraph(n, from, to);
    }

    @Test
    void dependentsFindsEveryTransitiveConsumerBeyondAnyInitialBuffer() {
        var g = fanIn(1000);
        var scratch = new boolean[g.size()];
        int[] deps = g.dependents(0, scratch, new int[g.size()], Integer.MAX_VALUE);
        Arrays.sort(deps);
        int[] expected = new int[2000];
        for (int k = 0; k < expected.length; k++) expected[k] = k + 1;
        assertThat(deps).containsExactly(expected);
        assertThat(scratch).containsOnly(false);
    }

    @Test
    void dependentsStopsAtTheBudget() {
        var g = fanIn(1000);
        var scratch = new boolean[g.size()];
        assertThat(g.dependents(0, scratch, new int[g.size()], 37)).hasSize(37).doesNotHaveDuplicates();
        assertThat(scratch).containsOnly(false);
    }

    @Test
    void dependentsOfALongChainAreTheWholeRest() {
        int n = 100_000;
        int[] from = new int[n - 1];
        int[] to = new int[n - 1];
        for (int k = 0; k < n - 1; k++) {
            from[k] = k + 1;
            to[k] = k;
        }
        var g = new DependencyGraph(n, from, to);
        int[] deps = g.dependents(0, new boolean[n], new int[n], Integer.MAX_VALUE);
        assertThat(deps).hasSize(n - 1);
        assertThat(g.dependents(n - 1, new boolean[n], new int[n], Integer.MAX_VALUE))
                .isEmpty();
    }

    @Test
    void startOrdersPutProvidersFirstBreakTiesByPriorityAndAppendCyclesInPriorityOrder() {
        // Group 0: 0 needs 1; 2 and 3 are free. Group 1: 4 and 5 need each other, 6 needs 4; the
        // edge 1 -> 4 crosses groups and does not count.
        int[] from = {0, 4, 5, 6, 1};
        int[] to = {1, 5, 4, 4, 4};
        var g = new DependencyGraph(7, from, to);
        int[] groupOf = {0, 0, 0, 0, 1, 1, 1};
        int[] priority = {0, 3, 2, 1, 6, 5, 4};
        int[][] orders = g.startOrders(groupOf, 2, priority);
        assertThat(orders[0]).containsExactly(3, 2, 1, 0);
        assertThat(orders[1]).containsExactly(6, 5, 4);
    }
}
