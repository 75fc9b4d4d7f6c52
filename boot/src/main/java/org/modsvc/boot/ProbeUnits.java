package org.modsvc.boot;

import java.util.List;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.model.ModuleKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.UnitNames;
import org.modsvc.plan.Value;

/**
 * The transient unit that runs a probe as the consumer: the consumer's own unit, rendered by the
 * systemd emitter from a copy of the plan in which the consumer's command line is the probe, then
 * turned into a oneshot. It keeps every {@code [Service]} sandbox key, {@code DynamicUser=},
 * {@code LoadCredential=} and {@code Environment=}; it drops what would make it a daemon
 * ({@code Restart=}, reload, {@code [Install]}, the runtime directory the running consumer owns) and the ordering keys (the setup is up already).
 * {@code User=} names the consumer's dynamic user, so the probe runs with the consumer's uid and
 * may share its state directory without systemd handing it over.
 */
final class ProbeUnits {
    private ProbeUnits() {}

    /** The probe unit's name for a binding: {@code modsvc-probe-<consumer>-<requirement>.service}. */
    static String unitName(Instance consumer, String requirement) {
        return "modsvc-probe-" + consumer.name() + "-" + requirement + ".service";
    }

    /**
     * The unit text, or null when the emitter could not render the consumer's unit.
     *
     * @param probe the probe's words for this binding, not empty
     */
    static String render(Plan plan, Instance consumer, String requirement, List<Value> probe) {
        Plan copy = ProbeInstance.planWith(plan, consumer, probe, ModuleKind.SERVICE);
        Emission e = new SystemdEmitter().emit(copy.index(), consumer.node());
        OutputFile f = e.files().get(consumer.node() + "/etc/systemd/system/" + UnitNames.service(consumer));
        if (f == null) return null;
        return oneshot(new String(f.content(), java.nio.charset.StandardCharsets.UTF_8), consumer, requirement);
    }

    /** The consumer's unit text made into the probe's oneshot. */
    static String oneshot(String unit, Instance consumer, String requirement) {
        var out = new StringBuilder();
        String section = "";
        boolean dynamic = unit.lines().anyMatch(l -> l.equals("DynamicUser=yes"));
        boolean hasUser = unit.lines().anyMatch(l -> l.startsWith("User="));
        for (String line : unit.split("\n", -1)) {
            if (line.startsWith("[")) section = line;
            if (section.equals("[Install]")) continue;
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
            if (section.equals("[Unit]")) {
                if (List.of("Requires", "After", "Wants", "PartOf", "BindsTo", "X-Modsvc-Remote")
                        .contains(key)) continue;
                if (key.equals("Description")) {
                    out.append("Description=probe of ")
                            .append(consumer.id())
                            .append('.')
                            .append(requirement)
                            .append('\n');
                    continue;
                }
            }
            if (section.equals("[Service]")) {
                if (List.of(
                                "Restart",
                                "RestartSec",
                                // Only the probe runs: a step passed through to the consumer's unit is not part of it.
                                "ExecStartPre",
                                "ExecStartPost",
                                "ExecStop",
                                "ExecStopPost",
                                "ExecReload",
                                "RemainAfterExit",
                                "TimeoutStartSec",
                                // The consumer's /run/NAME: a probe's end would remove it under the running consumer.
                                "RuntimeDirectory",
                                "RuntimeDirectoryPreserve")
                        .contains(key)) continue;
                if (key.equals("Type")) {
                    out.append("Type=oneshot\nTimeoutStartSec=90\n");
                    if (dynamic && !hasUser)
                        out.append("User=").append(consumer.name()).append('\n');
                    continue;
                }
            }
            out.append(line).append('\n');
        }
        String s = out.toString().stripTrailing() + "\n";
        return s;
    }
}
