package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modsvc.plan.Lifecycle;
import org.modsvc.plan.Value;
import org.modsvc.testing.Tools;

/**
 * Runs {@code modsvc.up} for real, under each shell, over services with lifecycle steps and
 * services that leave children behind: directories, init before start, fulfil after, a failing
 * step, process groups, and the relocation of state and runtime directories under the root.
 */
class LauncherLifecycleTest {
    private static final Map<String, String> ALLOW_ROOT = Map.of("MODSVC_ALLOW_ROOT", "1");

    /** A step that runs {@code script} under dash -c, with {@code args} as $0, $1, … */
    private static List<Value> step(String script, String... args) {
        var argv = new ArrayList<Value>();
        argv.add(Value.of(Tools.require("dash").toString()));
        argv.add(Value.of("-c"));
        argv.add(Value.of(script));
        for (String a : args) argv.add(Value.of(a));
        return argv;
    }

    private static Lifecycle.Fulfil fulfil(String consumer, List<Value> argv) {
        return new Lifecycle.Fulfil("main", consumer, "db", argv);
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void makesTheDirectoriesRunsInitBeforeTheStartAndFulfilAfterAllUnderTheRoot(Shells shell, @TempDir Path tmp)
            throws Exception {
        String init = "echo \"init $0 $1 $(stat -c %a \"$1\") $(stat -c %a \"$2\") $STATE $OTHER\" >>\"$LOG\"";
        String ful = "echo \"fulfil $0\" >>\"$LOG\"";
        try (var run = new LauncherTest.Run(
                shell,
                tmp,
                (name, b) -> name.equals("a")
                        ? b.env("STATE", "/var/lib/modsvc/a/x")
                                .env("OTHER", "/var/lib/modsvc/ab")
                                .config("c", "socket=/run/modsvc/a/s\n")
                                .lifecycle(new Lifecycle(
                                        step(init, "a", "/var/lib/modsvc/a", "/run/modsvc/a"),
                                        List.of(fulfil("n/b", step(ful, "1")), fulfil("n/c", step(ful, "2")))))
                        : b,
                ALLOW_ROOT,
                "a:s6",
                "b:plain")) {
            run.awaitLogLine("start b");
            run.signal("TERM");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            Path n = run.tree.resolve("n");
            String state = n + "/var/lib/modsvc/a";
            assertThat(run.log())
                    .as("stderr %s", run.err())
                    .containsExactly(
                            "init a " + state + " 700 700 " + state + "/x /var/lib/modsvc/ab",
                            "start a",
                            "ready a",
                            "fulfil 1",
                            "fulfil 2",
                            "start b",
                            "stop b",
                            "stop a");
            assertThat(n.resolve("run/modsvc/b")).isDirectory();
            assertThat(n.resolve("var/lib/modsvc/b")).isDirectory();
            assertThat(Files.readString(n.resolve("etc/system-services/a/c")))
                    .isEqualTo("socket=" + n + "/run/modsvc/a/s\n");
            assertThat(run.err()).contains("modsvc.up: a: init", "modsvc.up: a: fulfil main for n/c db");
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void aFailingFulfilStepStopsWhatStartedAndTheLauncherFails(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new LauncherTest.Run(
                shell,
                tmp,
                (name, b) -> name.equals("a")
                        ? b.lifecycle(new Lifecycle(
                                List.of(), List.of(fulfil("n/b", step("echo \"fulfil a\" >>\"$LOG\"; exit 4")))))
                        : b,
                ALLOW_ROOT,
                "a:s6",
                "b:plain")) {
            assertThat(run.exitCode()).as("stderr %s", run.err()).isEqualTo(1);
            assertThat(run.log())
                    .as("stderr %s", run.err())
                    .containsExactly("start a", "ready a", "fulfil a", "stop a");
            assertThat(run.err()).contains("modsvc.up: a: fulfil main for n/b db failed with status 4");
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void aFailingInitStepStopsWhatStartedAndTheServiceNeverStarts(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new LauncherTest.Run(
                shell,
                tmp,
                (name, b) -> name.equals("b")
                        ? b.lifecycle(new Lifecycle(step("echo \"init b\" >>\"$LOG\"; exit 3"), List.of()))
                        : b,
                ALLOW_ROOT,
                "a:plain",
                "b:plain")) {
            assertThat(run.exitCode()).as("stderr %s", run.err()).isEqualTo(1);
            assertThat(run.log()).as("stderr %s", run.err()).containsExactly("start a", "init b", "stop a");
            assertThat(run.err()).contains("modsvc.up: b: init failed with status 3");
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void stoppingSignalsTheWholeProcessGroupSoNoChildOutlivesItsService(Shells shell, @TempDir Path tmp)
            throws Exception {
        try (var run = new LauncherTest.Run(shell, tmp, (name, b) -> b, ALLOW_ROOT, "a:fork")) {
            run.awaitLogLine("start a");
            long pid = readPid(run, "a.pid");
            long child = readPid(run, "a.child");
            assertThat(processGroup(child))
                    .as("the child is in its service's own group")
                    .isEqualTo(pid);
            run.signal("TERM");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            assertThat(liveMembers(pid)).as("stderr %s", run.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Shells.class)
    void aServiceThatExitsByItselfHasTheChildrenItLeftStopped(Shells shell, @TempDir Path tmp) throws Exception {
        try (var run = new LauncherTest.Run(shell, tmp, (name, b) -> b, ALLOW_ROOT, "a:plain", "b:forkexit")) {
            assertThat(run.exitCode()).as("stderr %s", run.err()).isEqualTo(1);
            long pid = readPid(run, "b.pid");
            assertThat(liveMembers(pid)).as("stderr %s", run.err()).isEmpty();
            assertThat(run.err()).contains("modsvc.up: b exited by itself with status 0");
        }
    }

    /** Takes the full stop timeout, so it runs under one shell only. */
    @Test
    void aChildThatIgnoresTermIsKilledWithItsGroupAfterTheTimeout(@TempDir Path tmp) throws Exception {
        try (var run = new LauncherTest.Run(Shells.DASH, tmp, (name, b) -> b, ALLOW_ROOT, "a:forkstubborn")) {
            run.awaitLogLine("start a");
            long pid = readPid(run, "a.pid");
            readPid(run, "a.child");
            long start = System.nanoTime();
            run.signal("TERM");
            assertThat(run.exitCode()).as("stderr %s", run.err()).isZero();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(seconds)
                    .isBetween((long) Launcher.STOP_TIMEOUT_SECONDS - 1, (long) Launcher.STOP_TIMEOUT_SECONDS + 3);
            assertThat(liveMembers(pid)).as("stderr %s", run.err()).isEmpty();
            assertThat(run.log()).endsWith("stop a");
        }
    }

    @Test
    void refusesToRunAsRootUnlessAllowed(@TempDir Path tmp) throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        assumeTrue(new String(id.getInputStream().readAllBytes()).trim().equals("0"), "runs only as root");
        try (var run = new LauncherTest.Run(Shells.DASH, tmp, (name, b) -> b, Map.of(), "a:plain")) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("modsvc.up: refusing to run as root", "MODSVC_ALLOW_ROOT=1");
            assertThat(run.log()).isEmpty();
        }
    }

    private static long readPid(LauncherTest.Run run, String suffix) throws Exception {
        Path f = Path.of(run.log + "." + suffix);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LauncherTest.TIMEOUT_SECONDS);
        while (!Files.exists(f) || Files.readString(f).isBlank()) {
            assertThat(System.nanoTime()).as("waiting for %s", f).isLessThan(deadline);
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(f).trim());
    }

    /** Fields after the command in /proc/PID/stat (which may hold spaces and parentheses). */
    private static String[] stat(Path p) {
        try {
            String s = Files.readString(p.resolve("stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null; // gone meanwhile
        }
    }

    private static long processGroup(long pid) {
        String[] f = stat(Path.of("/proc/" + pid));
        assertThat(f).as("process %d", pid).isNotNull();
        return Long.parseLong(f[2]);
    }

    /** Processes of group {@code pgid} that are not zombies (a PID 1 that does not reap leaves those). */
    private static List<String> liveMembers(long pgid) throws Exception {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> {
                        String[] f = stat(p);
                        return f != null && !f[0].equals("Z") && Long.parseLong(f[2]) == pgid;
                    })
                    .map(p -> p.getFileName().toString())
                    .toList();
        }
    }
}
