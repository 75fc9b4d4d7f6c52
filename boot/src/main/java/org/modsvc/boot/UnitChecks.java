package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsvc.boot.BootReport.Finding;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.model.Hardening;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.UnitNames;

/**
 * Checks beyond connecting, on the systemd target: every unit is running; {@code systemd-analyze
 * security} of each running unit is at most {@link #EXPOSURE_MAX} (a module with {@code hardening:
 * none} is reported, not failed: it opted out); a declared reload succeeds and leaves the unit
 * running with the same main process.
 */
final class UnitChecks {
    static final double EXPOSURE_MAX = 2.0;
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    private final Plan plan;
    private final Map<String, Container> containers;
    private final Consumer<String> progress;

    UnitChecks(Plan plan, Map<String, Container> containers, Consumer<String> progress) {
        this.plan = plan;
        this.containers = containers;
        this.progress = progress;
    }

    List<Finding> all() throws IOException {
        var out = new ArrayList<Finding>();
        for (Container c : containers.values()) {
            for (Instance i : BootCheck.daemons(plan, c.node())) {
                String unit = UnitNames.service(i);
                String subject = c.node() + "/" + unit;
                Exec.Result show = c.exec(
                        Duration.ofSeconds(10),
                        "systemctl",
                        "show",
                        "-p",
                        "ActiveState,SubState,Result,NRestarts,MainPID",
                        unit);
                var props = props(show.output());
                boolean active = "active".equals(props.get("ActiveState"));
                if (!active) {
                    out.add(new Finding(
                            "running",
                            subject,
                            Status.FAIL,
                            props.get("ActiveState") + " (" + props.get("SubState") + ", result " + props.get("Result")
                                    + ", restarted " + props.get("NRestarts") + " times)"));
                    continue;
                }
                out.add(new Finding("running", subject, Status.OK, ""));
                out.add(security(c, i, unit, subject));
                if (i.reload() != null) out.add(reload(c, unit, subject, props.get("MainPID")));
            }
        }
        return out;
    }

    private Finding security(Container c, Instance i, String unit, String subject) throws IOException {
        progress.accept("systemd-analyze security " + subject);
        Exec.Result r = c.exec(Duration.ofSeconds(60), "systemd-analyze", "security", "--no-pager", unit);
        Matcher m = EXPOSURE.matcher(r.output());
        if (!m.find()) return new Finding("security", subject, Status.FAIL, "no exposure level: " + r.describe());
        double level = Double.parseDouble(m.group(1));
        if (level <= EXPOSURE_MAX) return new Finding("security", subject, Status.OK, "exposure " + m.group(1));
        if (i.hardening() == Hardening.NONE) {
            return new Finding(
                    "security", subject, Status.SKIP, "exposure " + m.group(1) + ", the module sets hardening: none");
        }
        return new Finding("security", subject, Status.FAIL, "exposure " + m.group(1) + " > " + EXPOSURE_MAX);
    }

    private Finding reload(Container c, String unit, String subject, String pidBefore) throws IOException {
        Exec.Result r = c.exec(Duration.ofSeconds(60), "systemctl", "reload", unit);
        if (!r.ok()) return new Finding("reload", subject, Status.FAIL, r.describe());
        BootCheck.sleepMillis(1000);
        var after = props(c.exec(Duration.ofSeconds(10), "systemctl", "show", "-p", "ActiveState,MainPID", unit)
                .output());
        if (!"active".equals(after.get("ActiveState"))) {
            return new Finding(
                    "reload", subject, Status.FAIL, "not running after the reload: " + after.get("ActiveState"));
        }
        if (!after.getOrDefault("MainPID", "").equals(pidBefore)) {
            return new Finding("reload", subject, Status.FAIL, "the main process changed (restarted, not reloaded)");
        }
        return new Finding("reload", subject, Status.OK, "delivered, still running as pid " + pidBefore);
    }

    private static Map<String, String> props(String output) {
        var m = new java.util.HashMap<String, String>();
        for (String l : output.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) m.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return m;
    }
}
