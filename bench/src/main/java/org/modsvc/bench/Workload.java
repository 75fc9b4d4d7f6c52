package org.modsvc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.cli.PlanJson;
import org.modsvc.cli.PrettyJson;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/**
 * The phases the benchmarks time, each as one call, on a generated setup: load, resolve, write the
 * plan as JSON, emit systemd units (in memory). Shared by the JMH benchmarks and {@link Phases}.
 */
public final class Workload {
    /** The CLI's limits: a generated setup of 100 000 services stays within them. */
    public static final Limits LIMITS = Limits.DEFAULT;

    private final Path dir;
    private final Catalogue catalogue = Catalogue.load();

    private Workload(Path dir) {
        this.dir = dir;
    }

    /** A workload on the setup in {@code dir}, as it is. */
    public static Workload at(Path dir) {
        return new Workload(dir);
    }

    /**
     * A workload on the fleet shape ({@link FleetGenerator}) of {@code services} services, made
     * under {@code cache} once (seed 1) and reused by later runs.
     */
    public static Workload fleet(Path cache, int services) throws IOException {
        Path dir = cache.resolve("fleet" + services);
        if (!Files.exists(dir.resolve(".complete"))) {
            if (Files.exists(dir)) throw new IOException(dir + " is incomplete; remove it");
            FleetGenerator.write(new FleetGenerator.Spec(services, Math.max(2, services / 200), 1), dir);
            Files.createFile(dir.resolve(".complete"));
        }
        return new Workload(dir);
    }

    /**
     * A workload on the generated setup of {@code services} services over {@code nodes} nodes, made
     * under {@code cache} once (seed 1) and reused by later runs.
     */
    public static Workload generated(Path cache, int services, int nodes) throws IOException {
        Path dir = cache.resolve("s" + services + "-n" + nodes);
        Path done = dir.resolve(".complete");
        if (!Files.exists(done)) {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator)
                        Files.delete(p);
                }
            }
            SetupGenerator.write(new SetupGenerator.Spec(services, nodes, 1, false), dir);
            Files.createFile(done);
        }
        return new Workload(dir);
    }

    /** A sensible node count for {@code services}: 100 services per node, at most 100 nodes. */
    public static int nodesFor(int services) {
        return Math.max(2, Math.min(100, services / 100));
    }

    public Path dir() {
        return dir;
    }

    public LoadResult load() throws IOException {
        LoadResult r = new SetupLoader(LIMITS, catalogue).load(dir, dir.toString());
        if (r.hasErrors() || r.setup() == null)
            throw new IllegalStateException(
                    "generated setup has errors: " + r.diagnostics().get(0));
        return r;
    }

    public static Plan resolve(LoadResult loaded) {
        Plan p = new Resolver(LIMITS).resolve(loaded.setup());
        if (p.hasErrors())
            throw new IllegalStateException(
                    "generated setup does not resolve: " + p.diagnostics().get(0));
        return p;
    }

    /** Writes the plan as {@code plan --format json} does, into {@code out}. */
    public static void planJson(Plan plan, OutputStream out) {
        try {
            var g = new PrettyJson(out);
            PlanJson.write(plan, plan.diagnostics(), g);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every node's systemd files, as {@code emit --target systemd} makes them before writing. */
    public static Map<String, OutputFile> emitSystemd(Plan plan) {
        var files = new TreeMap<String, OutputFile>();
        var emitter = new SystemdEmitter();
        var index = plan.index();
        var emissions = plan.nodes().parallelStream()
                .map(n -> emitter.emit(index, n.name()))
                .toList();
        for (var e : emissions) files.putAll(e.files());
        return files;
    }

    /** An output stream that only counts, so JSON writing is timed without I/O. */
    public static final class Counting extends OutputStream {
        public long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
