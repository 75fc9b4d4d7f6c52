package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.modsvc.plan.Plan;
import org.modsvc.plan.UnitNames;

/**
 * Installs each node's emitted tree into the container's {@code /etc} (copied from the read-only
 * bind, as a package or a configuration tool would; a unit named like a Debian unit replaces the
 * mask or alias link there instead of writing through it), reloads systemd, starts the setup's target on
 * every node, and waits, bounded, until no job is queued and every unit is active (or has given up).
 */
final class SystemdStart {
    private final Plan plan;
    private final Map<String, Container> containers;
    private final Consumer<String> progress;

    SystemdStart(Plan plan, Map<String, Container> containers, Consumer<String> progress) {
        this.plan = plan;
        this.containers = containers;
        this.progress = progress;
    }

    /** The setup's target unit, as the emitter names it. */
    String targetUnit() {
        return UnitNames.target(plan.setup());
    }

    void start() throws IOException {
        for (Container c : containers.values()) {
            String tree = BootCheck.TREES + "/" + c.node();
            Exec.Result r = c.sh(
                    Duration.ofSeconds(60),
                    "set -e; cp -R --preserve=mode --remove-destination " + tree
                            + "/etc/. /etc/; systemctl daemon-reload");
            if (!r.ok()) throw new IOException("cannot install the units on " + c.node() + ": " + r.describe());
        }
        for (Container c : containers.values()) {
            progress.accept("starting " + targetUnit() + " on " + c.node());
            Exec.Result r = c.exec(Duration.ofSeconds(30), "systemctl", "start", "--no-block", targetUnit());
            if (!r.ok())
                throw new IOException("cannot start " + targetUnit() + " on " + c.node() + ": " + r.describe());
        }
        settle();
    }

    /**
     * After a deployment tool installed and started the setup: adds only the check's probe units
     * (from the check's own trees), reloads systemd, and waits as {@link #start()} does.
     */
    void addProbes() throws IOException {
        for (Container c : containers.values()) {
            String units = BootCheck.TREES + "/" + c.node() + "/etc/systemd/system";
            Exec.Result r = c.sh(
                    Duration.ofSeconds(60),
                    "set -e; for f in " + units + "/modsvc-probe-*.service; do if [ -e \"$f\" ]; then"
                            + " cp --preserve=mode \"$f\" /etc/systemd/system/; fi; done; systemctl daemon-reload");
            if (!r.ok()) throw new IOException("cannot add the probe units on " + c.node() + ": " + r.describe());
        }
        settle();
    }

    /** After this long, a node with no queued job counts as settled even when some unit keeps restarting. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * Waits until every node has no queued job and every unit active; a node whose jobs are done
     * but whose units do not all come up (a daemon that keeps exiting) counts as settled after
     * {@link #PATIENCE}, so that a broken provider costs seconds, not the whole bound.
     */
    void settle() throws IOException {
        long start = System.nanoTime();
        long until = start + BootCheck.SETTLE.toNanos();
        var waiting = new ArrayList<>(containers.values());
        while (!waiting.isEmpty() && System.nanoTime() < until) {
            boolean patient = System.nanoTime() - start < PATIENCE.toNanos();
            for (var it = waiting.iterator(); it.hasNext(); ) {
                if (settled(it.next(), patient)) it.remove();
            }
            if (!waiting.isEmpty()) BootCheck.sleepMillis(500);
        }
        // A daemon that exits right after starting is "active" for a moment: look again shortly after.
        BootCheck.sleepMillis(2000);
    }

    private boolean settled(Container c, boolean patient) throws IOException {
        Exec.Result jobs = c.exec(Duration.ofSeconds(10), "systemctl", "list-jobs", "--no-legend");
        if (!jobs.output().isBlank()) return false;
        List<String> units = units(c.node());
        if (units.isEmpty() || !patient) return true;
        var argv = new ArrayList<>(List.of("systemctl", "is-active"));
        argv.addAll(units);
        return c.exec(Duration.ofSeconds(10), argv).ok();
    }

    List<String> units(String node) {
        return BootCheck.daemons(plan, node).stream().map(UnitNames::service).toList();
    }
}
