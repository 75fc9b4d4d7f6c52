package org.modsvc.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * One cold pass of the {@code plan --format json} pipeline in a fresh JVM, timed by phase: wall
 * time, processor time of the whole process (all threads: application, just-in-time compiler and
 * collector) and collection time. Unlike {@link Phases}, nothing is warmed up first, so the figures
 * add up to what a real run pays; run it a few times, each in its own JVM.
 *
 * <p>Usage: {@code ColdPhases [--services N] [--nodes M] [--shape chain|fleet] [--cache DIR] [--emit OUT]}:
 * with {@code --emit} the systemd trees are made in memory and written into OUT (which must not
 * exist) as {@code emit --target systemd} does, each timed as a phase, instead of the plan JSON.
 */
public final class ColdPhases {
    private ColdPhases() {}

    public static void main(String[] args) throws Exception {
        int services = 100_000;
        int nodes = -1;
        Path cache = Path.of("bench/target/setups");
        String shape = "chain";
        Path emitTo = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--shape" -> shape = args[++i];
                case "--emit" -> emitTo = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (nodes < 0) nodes = Workload.nodesFor(services);
        var workload =
                switch (shape) {
                    case "chain" -> Workload.generated(cache, services, nodes);
                    case "fleet" -> Workload.fleet(cache, services);
                    default -> throw new IllegalArgumentException("--shape chain or fleet");
                };
        var start = Sample.now();
        var loaded = workload.load();
        var afterLoad = Sample.now();
        var plan = Workload.resolve(loaded);
        var afterResolve = Sample.now();
        if (emitTo != null) {
            var files = Workload.emitSystemd(plan);
            var afterUnits = Sample.now();
            new org.modsvc.emit.TreeWriter().write(emitTo, files, false);
            var afterWrite = Sample.now();
            System.out.printf(
                    "%d services, %d instances, %d files%n",
                    services, plan.instances().size(), files.size());
            System.out.println("phase    wall ms   cpu ms   gc ms");
            Sample.print("load", start, afterLoad);
            Sample.print("resolve", afterLoad, afterResolve);
            Sample.print("units", afterResolve, afterUnits);
            Sample.print("write", afterUnits, afterWrite);
            Sample.print("total", start, afterWrite);
            return;
        }
        // validate, plan and explain run every node's target check after resolving.
        int findings = org.modsvc.emit.TargetChecks.check(plan).size();
        var afterCheck = Sample.now();
        var out = new Workload.Counting();
        Workload.planJson(plan, out);
        var afterJson = Sample.now();
        System.out.printf(
                "%d services, %d instances, %d bytes of JSON, %d target-check findings%n",
                services, plan.instances().size(), out.count, findings);
        System.out.println("phase    wall ms   cpu ms   gc ms");
        Sample.print("load", start, afterLoad);
        Sample.print("resolve", afterLoad, afterResolve);
        Sample.print("check", afterResolve, afterCheck);
        Sample.print("json", afterCheck, afterJson);
        Sample.print("total", start, afterJson);
    }

    /** Clocks at one moment: wall, process CPU, collection time (all in nanoseconds). */
    private record Sample(long wall, long cpu, long gc) {
        static Sample now() {
            long gc = 0;
            for (var b : ManagementFactory.getGarbageCollectorMXBeans()) gc += b.getCollectionTime();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Sample(System.nanoTime(), os.getProcessCpuTime(), gc * 1_000_000);
        }

        static void print(String phase, Sample from, Sample to) {
            System.out.printf(
                    "%-8s %7d %8d %7d%n",
                    phase,
                    (to.wall - from.wall) / 1_000_000,
                    (to.cpu - from.cpu) / 1_000_000,
                    (to.gc - from.gc) / 1_000_000);
        }
    }
}
