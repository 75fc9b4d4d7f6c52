package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.modsvc.boot.BootReport.Finding;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.UnitNames;

/**
 * Stopping a provider stops exactly what the plan says stops with it on its node: the local
 * dependents {@code failsWith} names, and the sub-services of everything that stops (they are
 * {@code PartOf=} their owner); every other unit of the node keeps running. Starting the setup's
 * target again brings the stopped units back.
 */
final class StopCheck {
    /**
     * How long the stopped units may take to come back. The wait ends as soon as they run, so a
     * long bound costs nothing; RabbitMQ's Erlang start alone took over 30 s on two loaded cores.
     */
    static final Duration RECOVER = Duration.ofSeconds(90);

    private final Plan plan;
    private final Map<String, Container> containers;

    private final java.util.Set<String> skipNodes;

    /** @param skipNodes nodes where some unit does not run: nothing is stopped there */
    StopCheck(Plan plan, Map<String, Container> containers, java.util.Set<String> skipNodes) {
        this.plan = plan;
        this.containers = containers;
        this.skipNodes = skipNodes;
    }

    /** One finding per instance on whose stop something else should stop. */
    List<Finding> all() throws IOException {
        var out = new ArrayList<Finding>();
        for (Instance p : plan.instances()) {
            Container c = containers.get(p.node());
            if (c == null || skipNodes.contains(p.node())) continue;
            if (BootCheck.daemons(plan, p.node()).stream().noneMatch(i -> i.id().equals(p.id()))) continue;
            var expected = stopsWith(p);
            if (expected.isEmpty()) continue;
            var units =
                    BootCheck.daemons(plan, p.node()).stream().map(Instance::id).toList();
            // Only a node whose units all run, and have kept running for a moment (a unit restarted
            // by the previous check's start may still be settling), says anything about stopping.
            if (!settled(c, units)) continue;
            out.add(check(c, p, expected, units));
        }
        return out;
    }

    /** Ids of the same-node instances that stop with {@code p}, without p itself; sorted. */
    TreeSet<String> stopsWith(Instance p) {
        var seen = new TreeSet<String>();
        var todo = new ArrayDeque<String>(List.of(p.id()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            var next = new ArrayList<String>(plan.failsWith().getOrDefault(id, List.of()));
            for (Instance i : plan.instances()) if (id.equals(i.owner())) next.add(i.id());
            for (String n : next) {
                if (n.startsWith(p.node() + "/") && !n.equals(p.id()) && seen.add(n)) todo.push(n);
            }
        }
        seen.removeIf(id -> plan.instance(id)
                .map(i -> i.kind() == org.modsvc.model.ModuleKind.TOOL)
                .orElse(true));
        return seen;
    }

    private Finding check(Container c, Instance p, TreeSet<String> expected, List<String> units) throws IOException {
        String subject = p.id();
        c.exec(Duration.ofSeconds(60), "systemctl", "stop", unit(p.id()));
        BootCheck.sleepMillis(1000);
        var wrong = new ArrayList<String>();
        for (String id : units) {
            if (id.equals(p.id())) continue;
            boolean active = c.exec(Duration.ofSeconds(10), "systemctl", "is-active", "--quiet", unit(id))
                    .ok();
            if (expected.contains(id) && active) wrong.add(id + " kept running");
            if (!expected.contains(id) && !active) wrong.add(id + " stopped too");
        }
        c.exec(Duration.ofSeconds(60), "systemctl", "start", "--no-block", UnitNames.target(plan.setup()));
        long until = System.nanoTime() + RECOVER.toNanos();
        boolean back = false;
        while (!back && System.nanoTime() < until) {
            BootCheck.sleepMillis(500);
            back = allActive(c, units);
        }
        if (!back) wrong.add("not all running again within " + RECOVER.toSeconds() + " s of starting the target");
        String stops = "stops " + String.join(", ", expected);
        return wrong.isEmpty()
                ? new Finding("stop", subject, Status.OK, stops + "; all back after a start")
                : new Finding("stop", subject, Status.FAIL, stops + " expected; " + String.join("; ", wrong));
    }

    /** Whether every unit is active now and still is two seconds later (bounded by RECOVER). */
    private boolean settled(Container c, List<String> ids) throws IOException {
        long until = System.nanoTime() + RECOVER.toNanos();
        while (System.nanoTime() < until) {
            if (allActive(c, ids)) {
                BootCheck.sleepMillis(2000);
                if (allActive(c, ids)) return true;
            } else {
                BootCheck.sleepMillis(500);
            }
        }
        return false;
    }

    private boolean allActive(Container c, List<String> ids) throws IOException {
        var argv = new ArrayList<>(List.of("systemctl", "is-active", "--quiet"));
        for (String id : ids) argv.add(unit(id));
        return c.exec(Duration.ofSeconds(10), argv).ok();
    }

    private static String unit(String id) {
        return UnitNames.service(id.substring(id.indexOf('/') + 1));
    }
}
