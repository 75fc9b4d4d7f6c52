package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.model.Target;
import org.modsvc.plan.TestPlans;
import org.modsvc.testing.SeedReporter;
import org.modsvc.testing.Tools;

/** {@code shellcheck -s sh} has nothing to say about any emitted wrapper or launcher. */
@ExtendWith(SeedReporter.class)
class ShellcheckTest {

    static Stream<Long> seeds() {
        return WrapperRoundTripTest.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shellcheckReportsNothingOnEmittedScripts(long seed, @TempDir Path tmp) throws Exception {
        Path shellcheck = Tools.require("shellcheck");
        Path dir = tmp.toRealPath();
        var gen = new RandomValues(new Random(seed));
        var plan = TestPlans.setup("random").node("n", "127.0.0.1", Target.WRAPPER);
        for (int k = 0; k < 40; k++) {
            plan.instance(WrapperRoundTripTest.randomCase(k, gen, Path.of("/bin/dash"), Path.of("/r.sh"), dir)
                    .instance());
        }
        // Lifecycle steps with random words, and a provider with them on a node of its own.
        var steps = TestPlans.setup("steps").node("n", "127.0.0.1", Target.WRAPPER);
        for (int k = 0; k < 5; k++) {
            var fulfil = new ArrayList<org.modsvc.plan.Lifecycle.Fulfil>();
            for (int f = 0; f < k; f++) {
                fulfil.add(new org.modsvc.plan.Lifecycle.Fulfil(
                        "main",
                        "n/c" + f,
                        gen.value(),
                        List.of(org.modsvc.plan.Value.of("/bin/sh"), org.modsvc.plan.Value.of(gen.value()))));
            }
            steps.instance(TestPlans.instance("n", "p" + k)
                    .argv("/bin/true", gen.value())
                    .env("V", gen.value())
                    .lifecycle(new org.modsvc.plan.Lifecycle(
                            k % 2 == 0
                                    ? List.of()
                                    : List.of(
                                            org.modsvc.plan.Value.of("/bin/sh"), org.modsvc.plan.Value.of(gen.value())),
                            fulfil))
                    .build());
        }
        var scripts = new ArrayList<Path>();
        scripts.addAll(write(new WrapperEmitter(dir + "/it's here").emit(steps.build(), "n"), dir.resolve("steps")));
        scripts.addAll(write(new WrapperEmitter(dir + "/it's here").emit(plan.build(), "n"), dir.resolve("random")));
        scripts.addAll(write(new WrapperEmitter().emit(Examples.shop(), "laptop"), dir.resolve("shop")));
        scripts.addAll(write(
                new WrapperEmitter()
                        .emit(
                                TestPlans.setup("empty")
                                        .node("idle", "10.0.0.1", Target.WRAPPER)
                                        .build(),
                                "idle"),
                dir.resolve("empty")));
        scripts.addAll(write(new WrapperEmitter().emit(pathLists(), "n"), dir.resolve("paths")));
        assertThat(scripts).hasSizeGreaterThan(40);

        var command = new ArrayList<String>(List.of(shellcheck.toString(), "-s", "sh", "-f", "gcc"));
        scripts.forEach(p -> command.add(p.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        assertThat(out)
                .as("shellcheck output (seed %d, replay with -Dmodsvc.seed=%d)", seed, seed)
                .isEmpty();
        assertThat(status).isZero();
    }

    /**
     * PATH and other list variables with a single entry and no separator in it: shellcheck's SC2123
     * ("PATH is the shell search path") fires on a plain {@code PATH='/opt/tools'} assignment.
     */
    private static org.modsvc.plan.Plan pathLists() {
        var plan = TestPlans.setup("paths").node("n", "127.0.0.1", Target.WRAPPER);
        int k = 0;
        for (String name : List.of("PATH", "MANPATH", "PYTHONPATH", "LD_LIBRARY_PATH")) {
            for (String sep : List.of(":", ";")) {
                var one = new java.util.TreeMap<String, org.modsvc.plan.WrapperPlan.PathList>();
                one.put(
                        name,
                        new org.modsvc.plan.WrapperPlan.PathList(sep, List.of(org.modsvc.plan.Value.of("/opt/tools"))));
                var none = new java.util.TreeMap<String, org.modsvc.plan.WrapperPlan.PathList>();
                boolean prefix = (k & 1) == 0;
                plan.instance(TestPlans.instance("n", "p" + k++)
                        .argv("/opt/tools/run")
                        .wrapper(new org.modsvc.plan.WrapperPlan(
                                new java.util.TreeMap<>(),
                                List.of(),
                                prefix ? one : none,
                                prefix ? none : one,
                                null,
                                List.of()))
                        .build());
            }
        }
        return plan.build();
    }

    private static List<Path> write(Emission e, Path out) throws Exception {
        assertThat(e.hasErrors()).as("%s", e.diagnostics()).isFalse();
        new TreeWriter().write(out, e.files(), false);
        var scripts = new ArrayList<Path>();
        e.files().forEach((rel, f) -> {
            if (f.executable()) scripts.add(out.resolve(rel));
        });
        for (Path s : scripts) assertThat(Files.isExecutable(s)).isTrue();
        return scripts;
    }
}
