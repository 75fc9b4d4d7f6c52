package org.modsvc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modsvc.load.LoadResult;
import org.modsvc.plan.Plan;

/**
 * A quick, in-process breakdown by phase (not JMH): each phase runs {@code --runs} times after
 * {@code --warmup} rounds; prints the median and minimum in milliseconds. For profiling and for
 * the resolver/floor ratio.
 *
 * <p>Usage: {@code Phases [--services N] [--nodes M] [--runs R] [--warmup W] [--cache DIR] [--only PHASE]}
 */
public final class Phases {
    private Phases() {}

    public static void main(String[] args) throws Exception {
        int services = 10_000;
        int nodes = -1;
        int runs = 5;
        int warmup = 2;
        Path cache = Path.of("bench/target/setups");
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (nodes < 0) nodes = Workload.nodesFor(services);
        var w = Workload.generated(cache, services, nodes);
        LoadResult loaded = w.load();
        Plan plan = Workload.resolve(loaded);
        Floor.Edges edges = Floor.Edges.of(plan);
        System.out.printf(
                "setup %s: %d instances, %d bindings%n",
                w.dir(), plan.instances().size(), plan.bindings().size());
        Map<String, Callable<Object>> phases = new LinkedHashMap<>();
        phases.put("load", w::load);
        phases.put("resolve", () -> Workload.resolve(loaded));
        phases.put("floor (JGraphT SCC + topo)", () -> Floor.run(edges));
        phases.put("plan json", () -> {
            var c = new Workload.Counting();
            Workload.planJson(plan, c);
            return c.count;
        });
        phases.put("emit systemd (memory)", () -> Workload.emitSystemd(plan).size());
        for (var e : phases.entrySet()) {
            if (!e.getKey().startsWith(only)) continue;
            for (int k = 0; k < warmup; k++) e.getValue().call();
            List<Long> times = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                long t0 = System.nanoTime();
                e.getValue().call();
                times.add(System.nanoTime() - t0);
            }
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "%-28s median %8.1f ms   min %8.1f ms   (%s)%n",
                    e.getKey(),
                    sorted[sorted.length / 2] / 1e6,
                    sorted[0] / 1e6,
                    Arrays.toString(
                            Arrays.stream(sorted).map(x -> x / 1_000_000).toArray()));
        }
    }
}
