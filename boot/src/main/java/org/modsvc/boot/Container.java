package org.modsvc.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node booted with systemd as PID 1 under {@code systemd-nspawn}. Its root is an overlayfs of
 * its own (the cached root below, an upper and a work directory in the scratch folder), mounted in
 * a private mount namespace made by {@code unshare}: the mount exists only while the container
 * runs, the host never sees it, and the cached root is never written. (nspawn's own
 * {@code --volatile=overlay} breaks systemd's move of an existing state directory into
 * {@code /var/lib/private}: "Invalid cross-device link".)
 *
 * <p>The host's PID 1 is not systemd and runs no machined, so the container is started with
 * {@code --keep-unit --register=no}, and entered with {@code nsenter} on its PID 1 (found as the
 * child of nspawn whose innermost pid is 1). {@link #close()} powers it off cleanly, then signals
 * nspawn once, then kills; it is safe to call twice.
 */
final class Container implements AutoCloseable {
    /** What the container's network is: its own loopback only, or a veth on a host bridge. */
    sealed interface Network permits Network.Private, Network.Bridged {
        record Private() implements Network {}

        record Bridged(String bridge) implements Network {}
    }

    private final String machine;
    private final String node;
    private final Path dir;
    private final Process nspawn;
    private long pid1 = -1;
    private boolean closed;

    private Container(String machine, String node, Path dir, Process nspawn) {
        this.machine = machine;
        this.node = node;
        this.dir = dir;
        this.nspawn = nspawn;
    }

    /**
     * Boots a container and waits until its PID 1 exists (not until it is up: see {@link #awaitRunning}).
     *
     * @param binds host directory → path inside, mounted read-only
     */
    static Container boot(
            Path root, Path dir, String machine, String node, Network net, java.util.Map<String, String> binds)
            throws IOException {
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("merged"));
        var nspawn = new ArrayList<>(List.of(
                "systemd-nspawn",
                "-D",
                dir.resolve("merged").toString(),
                "-M",
                machine,
                "--hostname=" + node,
                "--boot",
                "--register=no",
                "--keep-unit",
                "--console=read-only",
                "--resolv-conf=off",
                "--timezone=off"));
        if (net instanceof Network.Bridged b) nspawn.add("--network-bridge=" + b.bridge());
        else nspawn.add("--private-network");
        for (var e : binds.entrySet()) nspawn.add("--bind-ro=" + e.getKey() + ":" + e.getValue());
        String mount = "mount -t overlay overlay -o "
                + sh("lowerdir=" + root + ",upperdir=" + dir.resolve("upper") + ",workdir=" + dir.resolve("work")
                        + ",redirect_dir=on")
                + " " + sh(dir.resolve("merged").toString());
        var script = mount + " && exec "
                + String.join(" ", nspawn.stream().map(Container::sh).toList());
        var pb = new ProcessBuilder("setsid", "unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("console.log").toFile()));
        pb.environment().put("SYSTEMD_NSPAWN_UNIFIED_HIERARCHY", "1");
        var c = new Container(machine, node, dir, pb.start());
        try {
            c.findPid1(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    String node() {
        return node;
    }

    String machine() {
        return machine;
    }

    Path dir() {
        return dir;
    }

    private void findPid1(Duration limit) throws IOException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (!nspawn.isAlive())
                throw new IOException("systemd-nspawn for " + node + " exited " + nspawn.exitValue() + ": "
                        + String.join(" / ", consoleTail(5)));
            for (ProcessHandle child : nspawn.toHandle().children().toList()) {
                if (nsPidIsOne(child.pid())) {
                    pid1 = child.pid();
                    return;
                }
            }
            sleep(100);
        }
        throw new IOException("container " + machine + ": no PID 1 after " + limit.toSeconds() + " s");
    }

    private static boolean nsPidIsOne(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] w = line.substring(6).strip().split("\\s+");
                    return w.length > 1 && w[w.length - 1].equals("1");
                }
            }
        } catch (IOException e) {
            // gone already
        }
        return false;
    }

    /** The console's last lines, for error messages. */
    List<String> consoleTail(int n) {
        try {
            var lines = Files.readAllLines(dir.resolve("console.log"));
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Runs a command inside the container (all its namespaces), as root. */
    Exec.Result exec(Duration limit, List<String> argv) throws IOException {
        if (pid1 < 0 || closed) throw new IOException("container " + machine + " is not running");
        var all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid1), "-a", "--"));
        all.addAll(argv);
        return Exec.run(limit, all);
    }

    Exec.Result exec(Duration limit, String... argv) throws IOException {
        return exec(limit, List.of(argv));
    }

    /** Runs a shell command line inside. */
    Exec.Result sh(Duration limit, String script) throws IOException {
        return exec(limit, List.of("/bin/sh", "-c", script));
    }

    /**
     * Waits until systemd says running (or degraded: some unit of the image failed). Right after
     * PID 1 appears, its manager is not listening yet ("offline"), so it asks again until the limit.
     */
    String awaitRunning(Duration limit) throws IOException {
        long until = System.nanoTime() + limit.toNanos();
        Exec.Result r;
        do {
            r = exec(limit, "systemctl", "is-system-running", "--wait");
            String state = r.output().strip();
            if (state.equals("running") || state.equals("degraded")) return state;
            if (!nspawn.isAlive()) break;
            sleep(200);
        } while (System.nanoTime() < until);
        throw new IOException("container " + node + " did not come up: " + r.describe() + "; console: "
                + String.join(" / ", consoleTail(5)));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (pid1 > 0 && nspawn.isAlive()) {
                Exec.run(
                        Duration.ofSeconds(10),
                        List.of("nsenter", "-t", Long.toString(pid1), "-a", "--", "systemctl", "poweroff"));
                if (nspawn.waitFor(30, TimeUnit.SECONDS)) return;
            }
            if (nspawn.isAlive()) {
                nspawn.destroy(); // one TERM: nspawn halts the container; a second would skip the clean halt
                if (nspawn.waitFor(15, TimeUnit.SECONDS)) return;
            }
        } catch (IOException e) {
            // fall through to the kill below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (nspawn.isAlive() || (pid1 > 0 && ProcessHandle.of(pid1).isPresent())) {
                // Killing PID 1 of a pid namespace kills every process in it.
                ProcessHandle.of(pid1).ifPresent(ProcessHandle::destroyForcibly);
                nspawn.destroyForcibly();
                try {
                    nspawn.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
