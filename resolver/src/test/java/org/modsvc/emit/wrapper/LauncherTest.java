package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modsvc.emit.TreeWriter;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.TestPlans;
import org.modsvc.testing.Tools;

/**
 * Runs {@code modsvc.up} for real, under each shell, over fake daemons (daemon.sh) that log when
 * they start, become ready and stop. The tree is emitted with a root, so it runs in place.
 */
class LauncherTest {
    static final long TIMEOUT_SECONDS = 15;

    /** A started launcher over a node whose services are given as name:mode. */
    static final class Run implements AutoCloseable {
        final Path log;
        final Path err;
        final Path tree;
        final Process process;

        Run(Shells shell, Path tmp, String... services) throws Exception {
            this(shell, tmp, (name, b) -> b, Map.of("MODSVC_ALLOW_ROOT", "1"), services);
        }

        /**
         * @param customise adds to each service's instance (by name), such as a lifecycle
         * @param env added to the launcher's environment
         */
        Run(
                Shells shell,
                Path tmp,
                BiFunction<String, TestPlans.InstanceBuilder, TestPlans.InstanceBuilder> customise,
                Map<String, String> env,
                String... services)
                throws Exception {
            Path dir = tmp.toRealPath();
            Path dash = Tools.require("dash");
            Path daemon = WrapperRoundTripTest.copyResource("daemon.sh", dir);
            log = dir.resolve("log");
            err = dir.resolve("err");
            Files.createFile(log);
            var plan = TestPlans.setup("fake").node("n", "127.0.0.1", Target.WRAPPER);
            for (String s : services) {
                String name = s.substring(0, s.indexOf(':'));
                String mode = s.substring(s.indexOf(':') + 1);
                plan.instance(customise
                        .apply(
                                name,
                                TestPlans.instance("n", name)
                                        .argv(dash.toString(), daemon.toString(), name, mode)
                                        .env("LOG", log.toString())
                                        .notify(
                                                mode.equals("plain")
                                                                || mode.startsWith("exit")
                                                                || mode.startsWith("fork")
                                                        ? NotificationProtocol.NONE
                                                        : NotificationProtocol.S6))
                        .build());
            }
            tree = dir.resolve("out");
            var emission = new WrapperEmitter(tree.toString()).emit(plan.build(), "n");
            new TreeWriter().write(tree, emission.files(), false);
            var command = new ArrayList<>(shell.command());
            command.add(tree.resolve("n/bin/modsvc.up").toString());
            var builder = new ProcessBuilder(command)
                    .redirectError(err.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("TMPDIR", dir.toString());
            builder.environment().remove("MODSVC_ALLOW_ROOT");
            builder.environment().putAll(env);
            process = builder.start();
        }

        /** Whatever happened, leave no process behind. */
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        List<String> log() throws Exception {
            return Files.readAllLines(log);
        }

        String err() throws Exception {
            return Files.readString(err);
        }

        void awaitLogLine(String line) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!log().contains(line)) {
                assertThat(System.nanoTime())
                        .as("waiting for '%s'; log %s; stderr %s", line, log(), err())
                        .isLessThan(deadline);
                assertThat(process.isAlive())
                        .as("launcher ended early; log %s; stderr %s", log(), err())
                        .isTrue();
                Thread.sleep(20);
            }
        }

        int exitCode() throws Exception {
            boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
                throw new AssertionError("launcher did not exit; log " + log() + "; stderr " + err());
            }
            return process.exitValue();
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            assertThat(kill.waitFor()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void startsInPlanOrderWaitingForReadinessAndStopsInReverseOnTerm(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new Run(shell, tmp, "a:s6", "b:s6", "c:plain")) {
            run.awaitLogLine("start c");
            run.signal("TERM");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            assertThat(run.log())
                    .as("stderr %s", run.err())
                    .containsExactly(
                            "start a", "ready a", "start b", "ready b", "start c", "stop c", "stop b", "stop a");
            assertThat(run.err()).contains("modsvc.up: a is ready", "modsvc.up: stopped a");
            assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().startsWith("modsvc-up.")))
                    .as("the launcher removes its state directory")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void intStopsEverythingToo(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new Run(shell, tmp, "a:s6", "b:plain")) {
            run.awaitLogLine("start b");
            run.signal("INT");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            assertThat(run.log()).as("stderr %s", run.err()).endsWith("stop b", "stop a");
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void whenOneServiceExitsTheOthersAreStoppedAndTheLauncherFails(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new Run(shell, tmp, "a:s6", "b:exit:3", "c:plain")) {
            assertThat(run.exitCode()).as("stderr %s", run.err()).isEqualTo(1);
            assertThat(run.err()).contains("modsvc.up: b exited by itself with status 3");
            assertThat(run.log()).as("stderr %s", run.err()).contains("exit b").endsWith("stop c", "stop a");
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void aServiceThatClosesItsReadinessFdWithoutANewlineFailsTheStart(Shells shell, @TempDir Path tmp)
            throws Exception {
        try (var run = new Run(shell, tmp, "a:s6", "b:close", "c:plain")) {
            assertThat(run.exitCode()).as("stderr %s", run.err()).isEqualTo(1);
            assertThat(run.err()).contains("modsvc.up: b did not become ready");
            assertThat(run.log())
                    .as("stderr %s", run.err())
                    .containsExactly("start a", "ready a", "start b", "stop b", "stop a");
        }
    }

    /**
     * b speaks s6 but never becomes ready, so TERM also interrupts the readiness wait. Takes the
     * full stop timeout, so it runs under one shell only.
     */
    @org.junit.jupiter.api.Test
    void termWhileWaitingForReadinessStopsAndAServiceThatIgnoresTermIsKilledAfterTheTimeout(@TempDir Path tmp)
            throws Exception {
        try (var run = new Run(Shells.DASH, tmp, "a:s6", "b:stubborn")) {
            run.awaitLogLine("start b");
            long start = System.nanoTime();
            run.signal("TERM");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(seconds)
                    .isBetween((long) Launcher.STOP_TIMEOUT_SECONDS - 1, (long) Launcher.STOP_TIMEOUT_SECONDS + 3);
            assertThat(run.log()).as("stderr %s", run.err()).endsWith("ignored TERM b", "stop a");
            assertThat(run.err()).contains("modsvc.up: stopped b (status 137)");
        }
    }
}
