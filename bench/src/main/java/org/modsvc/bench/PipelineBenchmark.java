package org.modsvc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.modsvc.emit.OutputFile;
import org.modsvc.load.LoadResult;
import org.modsvc.plan.Plan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phases of {@code modsvc plan} and {@code modsvc emit} at 1 000, 10 000 and 100 000 services,
 * and the floor they are compared with ({@link Floor}). One shot per iteration: a phase at 100 000
 * services takes seconds, so averaging many calls would only add minutes.
 *
 * <p>The setups are generated once into {@code -Dmodsvc.bench.cache=DIR} (default {@code
 * bench/target/setups}) and reused. Run, for example: {@code java -jar bench/target/benchmarks.jar
 * PipelineBenchmark -p services=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx8g", "-Xss8m"})
public class PipelineBenchmark {

    @Param({"1000", "10000", "100000"})
    public int services;

    private Workload workload;
    private LoadResult loaded;
    private Plan plan;
    private Floor.Edges edges;

    @Setup
    public void prepare() throws IOException {
        Path cache = Path.of(System.getProperty("modsvc.bench.cache", "bench/target/setups"));
        workload = Workload.generated(cache, services, Workload.nodesFor(services));
        loaded = workload.load();
        plan = Workload.resolve(loaded);
        edges = Floor.Edges.of(plan);
    }

    @Benchmark
    public LoadResult load() throws IOException {
        return workload.load();
    }

    @Benchmark
    public Plan resolve() {
        return Workload.resolve(loaded);
    }

    @Benchmark
    public long floorJgraphtSccTopo() {
        return Floor.run(edges);
    }

    @Benchmark
    public long planJson() {
        var out = new Workload.Counting();
        Workload.planJson(plan, out);
        return out.count;
    }

    @Benchmark
    public Map<String, OutputFile> emitSystemd() {
        return Workload.emitSystemd(plan);
    }
}
