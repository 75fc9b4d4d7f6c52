package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modsvc.boot.BootReport.BindingResult;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.UnitNames;

/**
 * Runs one binding's probe inside the consumer's container and, when it fails, collects the last
 * journal lines of the provider and the consumer (each from its own node's journal).
 */
final class ProbeRunner {
    static final Duration PROBE_LIMIT = Duration.ofSeconds(120);
    static final int JOURNAL_LINES = 20;

    private final boolean wrapper;
    private final Map<String, Container> containers;
    private final String wrapperRoot;

    /**
     * @param containers node name → its running container
     * @param wrapperRoot where the wrapper trees are inside the containers ({@code ROOT/<node>})
     */
    ProbeRunner(boolean wrapper, Map<String, Container> containers, String wrapperRoot) {
        this.wrapper = wrapper;
        this.containers = containers;
        this.wrapperRoot = wrapperRoot;
    }

    /** The name of the wrapper script that runs a probe as the consumer. */
    static String wrapperName(Instance consumer, String requirement) {
        return "modsvc-probe-" + consumer.name() + "-" + requirement;
    }

    BindingResult run(Binding b, Instance consumer, Instance provider) throws IOException {
        Container c = containers.get(consumer.node());
        Exec.Result r;
        List<String> output;
        if (wrapper) {
            String script = wrapperRoot + "/" + consumer.node() + "/bin/" + wrapperName(consumer, b.requirement());
            r = c.exec(PROBE_LIMIT, "runuser", "-u", RootFs.USER, "--", script);
            output = r.tail(JOURNAL_LINES);
        } else {
            String unit = ProbeUnits.unitName(consumer, b.requirement());
            r = c.exec(PROBE_LIMIT, "systemctl", "start", unit);
            // The probe's own output and systemd's lines about the unit (a credential it could not load).
            output = c
                    .exec(Duration.ofSeconds(30), "journalctl", "-u", unit, "-o", "cat", "--no-pager", "-n", "30")
                    .tail(JOURNAL_LINES)
                    .stream()
                    .filter(ProbeRunner::telling)
                    .toList();
            if (!r.ok() && output.isEmpty()) output = r.tail(3);
        }
        if (r.ok()) {
            return new BindingResult(
                    b.consumer(),
                    b.requirement(),
                    b.provider(),
                    b.provision(),
                    b.contract(),
                    Status.OK,
                    "",
                    output,
                    List.of());
        }
        var journal = new ArrayList<String>(journal(provider));
        // On the wrapper target a node has one journal for all its services: show it once.
        if (!wrapper || !provider.node().equals(consumer.node())) journal.addAll(journal(consumer));
        String why =
                r.code() < 0 ? "probe timed out after " + PROBE_LIMIT.toSeconds() + " s" : "probe exited " + r.code();
        return new BindingResult(
                b.consumer(),
                b.requirement(),
                b.provider(),
                b.provision(),
                b.contract(),
                Status.FAIL,
                why,
                output,
                journal);
    }

    /** Whether a line of the probe unit's journal says something systemctl's own advice does not. */
    private static boolean telling(String line) {
        return !(line.startsWith("Job for ")
                || line.startsWith("See \"systemctl status")
                || line.startsWith("Starting modsvc-probe-")
                || line.startsWith("Failed to start modsvc-probe-")
                || line.startsWith("Finished modsvc-probe-"));
    }

    /** The last journal lines of an instance's unit (systemd) or of its node's launcher (wrapper). */
    List<String> journal(Instance i) {
        Container c = containers.get(i.node());
        if (c == null) return List.of();
        String unit = wrapper ? BootCheck.LAUNCHER_UNIT : UnitNames.service(i);
        var out = new ArrayList<String>();
        out.add("journal of " + unit + " on " + i.node() + ":");
        try {
            Exec.Result r = c.exec(
                    Duration.ofSeconds(30),
                    "journalctl",
                    "-u",
                    unit,
                    "-n",
                    Integer.toString(wrapper ? 2000 : JOURNAL_LINES),
                    "--no-pager",
                    "-o",
                    "short");
            if (wrapper) {
                // The launcher's own lines say which service or step ended the run; the services'
                // output around them would push them out of a short tail.
                var own = r.tail(2000).stream()
                        .filter(l -> l.contains("modsvc.up: "))
                        .toList();
                for (String l : own.subList(Math.max(0, own.size() - JOURNAL_LINES), own.size())) out.add("  " + l);
                out.add("  last lines:");
                for (String l : r.tail(10)) out.add("  " + l);
            } else {
                for (String l : r.tail(JOURNAL_LINES)) out.add("  " + l);
            }
        } catch (IOException e) {
            out.add("  (journal not readable: " + e.getMessage() + ")");
        }
        return out;
    }
}
