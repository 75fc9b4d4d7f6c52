package org.modsvc.resolve.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The dependency graph of a plan: vertex {@code i} is an instance, an edge {@code c -> p} says
 * consumer {@code c} needs provider {@code p} (one edge per binding). Every algorithm here is
 * iterative, so chains of any depth cannot overflow the stack. Immutable after construction.
 */
public final class DependencyGraph {
    private final int n;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    /** CSR adjacency: providers of {@code c} are {@code outTo[outStart[c] .. outStart[c+1])}. */
    private final int[] outStart;

    private final int[] outEdge;
    /** CSR reverse adjacency: consumers of {@code p}. */
    private final int[] inStart;

    private final int[] inEdge;

    /**
     * @param vertices number of instances
     * @param from consumer of each edge
     * @param to provider of each edge
     */
    public DependencyGraph(int vertices, int[] from, int[] to) {
        this.n = vertices;
        this.edgeFrom = from.clone();
        this.edgeTo = to.clone();
        int m = from.length;
        outStart = new int[n + 1];
        inStart = new int[n + 1];
        for (int e = 0; e < m; e++) {
            outStart[from[e] + 1]++;
            inStart[to[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            outStart[i + 1] += outStart[i];
            inStart[i + 1] += inStart[i];
        }
        outEdge = new int[m];
        inEdge = new int[m];
        int[] oFill = Arrays.copyOf(outStart, n);
        int[] iFill = Arrays.copyOf(inStart, n);
        for (int e = 0; e < m; e++) {
            outEdge[oFill[from[e]]++] = e;
            inEdge[iFill[to[e]]++] = e;
        }
    }

    public int size() {
        return n;
    }

    /**
     * Every vertex with providers before consumers (Kahn's algorithm); vertices on or behind a
     * cycle come last, in index order.
     */
    public int[] providersFirst() {
        int[] waiting = new int[n];
        var ready = new ArrayDeque<Integer>();
        for (int v = 0; v < n; v++) {
            waiting[v] = outStart[v + 1] - outStart[v];
            if (waiting[v] == 0) ready.add(v);
        }
        int[] order = new int[n];
        int k = 0;
        BitSet done = new BitSet(n);
        while (!ready.isEmpty()) {
            int p = ready.poll();
            order[k++] = p;
            done.set(p);
            for (int j = inStart[p]; j < inStart[p + 1]; j++) {
                int c = edgeFrom[inEdge[j]];
                if (--waiting[c] == 0) ready.add(c);
            }
        }
        for (int v = done.nextClearBit(0); v < n; v = done.nextClearBit(v + 1)) order[k++] = v;
        return order;
    }

    /**
     * Start order of each group (node), counting only edges inside a group: providers first, ties
     * broken by {@code priority} (smaller first). Vertices on a cycle follow in priority order.
     *
     * @param groupOf the group of each vertex, {@code 0 <= groupOf[v] < groups}
     * @param priority a distinct number per vertex, so that every tie has one answer
     * @return per group, its vertices in start order
     */
    public int[][] startOrders(int[] groupOf, int groups, int[] priority) {
        int[] waiting = new int[n];
        int[] size = new int[groups];
        for (int v = 0; v < n; v++) {
            size[groupOf[v]]++;
            for (int j = outStart[v]; j < outStart[v + 1]; j++) {
                int p = edgeTo[outEdge[j]];
                if (groupOf[p] == groupOf[v] && p != v) waiting[v]++;
            }
        }
        int[][] members = new int[groups][];
        for (int k = 0; k < groups; k++) members[k] = new int[size[k]];
        int[] fill = new int[groups];
        for (int v = 0; v < n; v++) members[groupOf[v]][fill[groupOf[v]]++] = v;
        var result = new int[groups][];
        boolean[] done = new boolean[n];
        // One heap of vertices keyed by priority, reused by every group: no boxing, no comparator.
        var ready = new MinHeap(n, priority);
        for (int k = 0; k < groups; k++) {
            int[] group = members[k];
            for (int v : group) if (waiting[v] == 0) ready.add(v);
            int[] out = new int[group.length];
            int count = 0;
            while (!ready.isEmpty()) {
                int p = ready.poll();
                out[count++] = p;
                done[p] = true;
                for (int j = inStart[p]; j < inStart[p + 1]; j++) {
                    int c = edgeFrom[inEdge[j]];
                    if (groupOf[c] != k || c == p) continue;
                    if (--waiting[c] == 0) ready.add(c);
                }
            }
            if (count < group.length) {
                for (int v : group) if (!done[v]) ready.add(v);
                while (!ready.isEmpty()) out[count++] = ready.poll();
            }
            result[k] = out;
        }
        return result;
    }

    /** A binary min-heap of vertices ordered by their (distinct) priorities. */
    private static final class MinHeap {
        private final int[] heap;
        private final int[] priority;
        private int size;

        MinHeap(int capacity, int[] priority) {
            this.heap = new int[Math.max(1, capacity)];
            this.priority = priority;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int v) {
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (priority[heap[parent]] <= priority[v]) break;
                heap[at] = heap[parent];
                at = parent;
            }
            heap[at] = v;
        }

        int poll() {
            int top = heap[0];
            int last = heap[--size];
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) break;
                if (child + 1 < size && priority[heap[child + 1]] < priority[heap[child]]) child++;
                if (priority[last] <= priority[heap[child]]) break;
                heap[at] = heap[child];
                at = child;
            }
            if (size > 0) heap[at] = last;
            return top;
        }
    }

    /**
     * One cycle per strongly connected component that has one, as the list of edges along it,
     * starting at the component's smallest vertex by {@code tieBreak}. Uses JGraphT's iterative
     * Kosaraju on the vertices Kahn's algorithm could not order, then a breadth-first search inside
     * each component (never an enumeration of all cycles).
     */
    public List<int[]> cycles(java.util.Comparator<Integer> tieBreak) {
        var result = new ArrayList<int[]>();
        // Self-loops first: a component of one vertex is a cycle only through one.
        BitSet selfLoop = new BitSet(n);
        for (int e = 0; e < edgeFrom.length; e++) {
            if (edgeFrom[e] == edgeTo[e] && !selfLoop.get(edgeFrom[e])) {
                selfLoop.set(edgeFrom[e]);
                result.add(new int[] {e});
            }
        }
        int[] order = providersFirst();
        // Kahn leaves exactly the vertices on a cycle or behind one; skip the work when none.
        BitSet ordered = orderedPrefix(order);
        if (ordered.cardinality() == n) return sortCycles(result, tieBreak);
        Integer[] vertex = new Integer[n];
        Graph<Integer, Integer> g = new DefaultDirectedGraph<>(null, null, false);
        for (int v = ordered.nextClearBit(0); v < n; v = ordered.nextClearBit(v + 1)) {
            vertex[v] = v;
            g.addVertex(vertex[v]);
        }
        for (int e = 0; e < edgeFrom.length; e++) {
            int a = edgeFrom[e];
            int b = edgeTo[e];
            if (a != b && vertex[a] != null && vertex[b] != null) g.addEdge(vertex[a], vertex[b], e);
        }
        var sccs = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets();
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int ci = 0;
        for (Set<Integer> scc : sccs) {
            if (scc.size() < 2) continue;
            for (int v : scc) component[v] = ci;
            Integer start = scc.stream().min(tieBreak).orElseThrow();
            result.add(cycleThrough(start, ci, component));
            ci++;
        }
        return sortCycles(result, tieBreak);
    }

    private List<int[]> sortCycles(List<int[]> cycles, java.util.Comparator<Integer> tieBreak) {
        cycles.sort((x, y) -> tieBreak.compare(edgeFrom[x[0]], edgeFrom[y[0]]));
        return cycles;
    }

    private BitSet orderedPrefix(int[] order) {
        // providersFirst puts unordered vertices last; recompute which ones Kahn reached.
        int[] waiting = new int[n];
        var ready = new ArrayDeque<Integer>();
        BitSet done = new BitSet(n);
        for (int v = 0; v < n; v++) {
            waiting[v] = outStart[v + 1] - outStart[v];
            if (waiting[v] == 0) ready.add(v);
        }
        while (!ready.isEmpty()) {
            int p = ready.poll();
            done.set(p);
            for (int j = inStart[p]; j < inStart[p + 1]; j++) {
                int c = edgeFrom[inEdge[j]];
                if (--waiting[c] == 0) ready.add(c);
            }
        }
        return done;
    }

    /** Shortest cycle from {@code start} back to itself inside one component, as edge ids. */
    private int[] cycleThrough(int start, int comp, int[] component) {
        var parentEdge = new java.util.HashMap<Integer, Integer>();
        var queue = new ArrayDeque<Integer>();
        queue.add(start);
        int closing = -1;
        search:
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int j = outStart[v]; j < outStart[v + 1]; j++) {
                int e = outEdge[j];
                int w = edgeTo[e];
                if (component[w] != comp) continue;
                if (w == start) {
                    closing = e;
                    break search;
                }
                if (!parentEdge.containsKey(w)) {
                    parentEdge.put(w, e);
                    queue.add(w);
                }
            }
        }
        var path = new ArrayList<Integer>();
        path.add(closing);
        int v = edgeFrom[closing];
        while (v != start) {
            int e = parentEdge.get(v);
            path.add(e);
            v = edgeFrom[e];
        }
        int[] out = new int[path.size()];
        for (int i = 0; i < out.length; i++) out[i] = path.get(out.length - 1 - i);
        return out;
    }

    public int from(int edge) {
        return edgeFrom[edge];
    }

    public int to(int edge) {
        return edgeTo[edge];
    }

    /**
     * Every vertex that (transitively) depends on {@code v}, in no particular order. Stops early
     * once {@code budget} vertices are found, so a caller can bound the total work.
     *
     * @param scratch at least {@link #size()} entries, all false on entry and again on return (a
     *     {@code BitSet} recounted its words on every clear, a scan of the whole set per call)
     * @param stack a work array of at least {@link #size()} entries
     */
    public int[] dependents(int v, boolean[] scratch, int[] stack, int budget) {
        return dependents(v, null, scratch, stack, budget);
    }

    /**
     * Like {@link #dependents(int, boolean[], int[], int)}, but when {@code groupOf} is not null
     * it follows only consumers in {@code v}'s group (its node): what a service manager stops with
     * {@code v}, since it orders and stops units of one node only.
     */
    public int[] dependents(int v, int[] groupOf, boolean[] scratch, int[] stack, int budget) {
        int found = 0;
        int limit = Math.min(budget, n);
        // Grown on demand: an array of the budget's size per call made failsWith quadratic.
        int[] out = new int[Math.min(limit, 16)];
        int top = 0;
        stack[top++] = v;
        scratch[v] = true;
        while (top > 0 && found < limit) {
            int p = stack[--top];
            for (int j = inStart[p]; j < inStart[p + 1] && found < limit; j++) {
                int c = edgeFrom[inEdge[j]];
                if (groupOf != null && groupOf[c] != groupOf[v]) continue;
                if (!scratch[c]) {
                    scratch[c] = true;
                    if (found == out.length) out = Arrays.copyOf(out, Math.min(limit, 2 * out.length));
                    out[found++] = c;
                    stack[top++] = c;
                }
            }
        }
        scratch[v] = false;
        for (int i = 0; i < found; i++) scratch[out[i]] = false;
        return Arrays.copyOf(out, found);
    }

    /** Direct consumers of {@code v}. */
    public int consumerCount(int v) {
        return inStart[v + 1] - inStart[v];
    }
}
