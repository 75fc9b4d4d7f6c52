package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.ansible.AnsibleEmitter;
import org.modsvc.emit.diff.TreeDiff;
import org.modsvc.emit.diff.TreeDiff.Action;
import org.modsvc.emit.diff.TreeDiff.NodeDiff;
import org.modsvc.emit.diff.TreeDiff.UnitChange;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.emit.secrets.CrossNodeSecrets.Delivery;
import org.modsvc.emit.secrets.SecretFiles;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Contract;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import org.modsvc.testing.Tools;

/**
 * The playbook of {@code emit --deploy ansible}, run for real: the boot check's containers are
 * booted empty on their bridge, {@code ansible-playbook} deploys {@code samples/three-nodes} onto
 * them over SSH (from a network namespace of the test's own, with the root's throwaway key). Then
 * the setup changes (a new consumer of the shared database,
 * a changed nginx config: {@code setups/three-nodes-changed}), and the run of the changed
 * playbook must do what {@code modsvc diff} names and nothing more: re-provision PostgreSQL,
 * reload both nginx, start the new consumer, and leave every other process as it was; a second
 * run of that playbook changes nothing (the same tasks a second run after a first deployment
 * runs: three runs rather than four keep the test's time down). The check's probes then run on every binding of the changed setup.
 */
class AnsibleDeployTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** samples/three-nodes after a change: a new consumer of the shared database, a changed nginx config. */
    private static final Path CHANGED =
            Path.of("src/test/resources/setups/three-nodes-changed").toAbsolutePath();

    private static final Pattern SERVICE = Pattern.compile("([^/]+)/etc/systemd/system/(modsvc-[^/@]+\\.service)");
    private static final Pattern RECAP =
            Pattern.compile("(?m)^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    @Test
    void threeNodesDeployedByThePlaybookPassEveryProbeAndAChangeRestartsOnlyWhatDiffNames(@TempDir Path tmp)
            throws Exception {
        Tools.requireRoot();
        Tools.require("systemd-nspawn");
        Tools.require("ip");
        Tools.require("ansible-playbook");
        // What `modsvc emit SETUP --out OUT --deploy ansible` writes, before and after the change.
        Emitted before = emit(ROOT.resolve("samples/three-nodes"), tmp.resolve("out"));
        Emitted after = emit(CHANGED, tmp.resolve("out-changed"));
        // What `modsvc diff` says the change needs (the playbook's stamps come from the same code).
        List<NodeDiff> diff = TreeDiff.of(
                before.bytes(), after.bytes(), Set.of(AnsibleEmitter.DIR.split("/")[0]));
        assertThat(named(diff))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "db1/modsvc-postgresql.service", Set.of(Action.REPROVISION),
                        "web1/modsvc-proxy.service", Set.of(Action.RELOAD),
                        "web2/modsvc-proxy.service", Set.of(Action.RELOAD),
                        "web2/modsvc-three-nodes.target", Set.of()));
        assertThat(diff)
                .filteredOn(n -> n.node().equals("web2"))
                .singleElement()
                .satisfies(n -> assertThat(n.units()).anySatisfy(u -> assertThat(u.unit() + " " + u.change())
                        .isEqualTo("modsvc-report.service added")));
        assertThat(diff)
                .filteredOn(n -> n.node().equals("cache1"))
                .singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("unchanged"));
        // What `modsvc secrets samples/three-nodes --out SECRETS` writes, on the controller only.
        Path secrets = tmp.resolve("secrets");
        assertThat(SecretFiles.write(before.deliveries(), secrets)).isEqualTo(3);

        var runs = new ArrayList<Exec.Result>();
        var processes = new ArrayList<Map<String, String>>();
        var observed = new TreeMap<String, String>();
        // The check runs on the changed setup: its probes (the report's included) run after the change.
        var report = new BootCheck(
                        after.plan(),
                        after.contracts(),
                        BootCheck.Target.SYSTEMD,
                        RootFs.standard(System.getenv()),
                        line -> System.err.println("ansible deploy: " + line))
                .withDeployment(fleet -> {
                    try (var controller = Controller.open(fleet)) {
                        // Run 1 deploys the setup, run 2 the changed one, run 3 must change nothing.
                        for (int i = 0; i < 3; i++) {
                            if (i == 1) {
                                processes.add(processes(fleet, before));
                                // `modsvc secrets` again for the changed setup: keeps the three, makes the report's.
                                observed.put(
                                        "secrets made", String.valueOf(SecretFiles.write(after.deliveries(), secrets)));
                            }
                            Emitted deployed = i < 1 ? before : after;
                            long t0 = System.nanoTime();
                            Exec.Result r = controller.playbook(
                                    deployed.out().resolve(AnsibleEmitter.DIR), secrets, Duration.ofMinutes(10));
                            System.out.printf(
                                    "== ansible-playbook run %d of %s (%.1f s)%n%s%n",
                                    i + 1,
                                    i < 1 ? "samples/three-nodes" : "three-nodes-changed",
                                    (System.nanoTime() - t0) / 1e9,
                                    r.output());
                            runs.add(r);
                            if (!r.ok()) break;
                            if (i == 1) {
                                processes.add(processes(fleet, before));
                                observe(fleet, observed);
                            }
                        }
                    }
                })
                .run();
        System.out.println("== three-nodes deployed by Ansible, then changed\n" + report.text());
        report.timings().forEach(t -> System.out.println("   " + t));

        assertThat(runs)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.ok()).as(r.output()).isTrue());
        assertThat(recap(runs.get(0))).as("first run: every node changed").allSatisfy(h -> {
            assertThat(h.changed()).isPositive();
            assertThat(h.failed() + h.unreachable()).isZero();
        });
        assertThat(recap(runs.get(1)))
                .as("the run after the change changes the nodes diff names, and only those")
                .allSatisfy(h -> assertThat(h.changed() > 0)
                        .as(h.host() + " changed")
                        .isEqualTo(!h.host().equals("cache1")));
        assertThat(recap(runs.get(2))).as("the same playbook again").allSatisfy(h -> assertThat(h.changed())
                .as(h.host() + " changed")
                .isZero());
        // Nothing named a restart: every unit that ran before the change runs the same process
        // (a reload keeps it), and the reloaded nginx answers with its new config.
        assertThat(processes).hasSize(2);
        assertThat(processes.get(1)).isEqualTo(processes.get(0));
        assertThat(processes.get(0))
                .hasSize(6)
                .allSatisfy((unit, id) ->
                        assertThat(id).as(unit).doesNotContain("MainPID=0").contains("InvocationID="));
        assertThat(observed)
                .containsEntry("secrets made", "1")
                .containsEntry("web1 change", "changed")
                .containsEntry("web2 change", "changed")
                .containsEntry("db1 re-provision", "success")
                .containsEntry("web2/modsvc-report.service", "active");
        // Seven bindings, and both proxies' sites, which nobody in the setup consumes (SelfProbes).
        assertThat(report.bindings()).hasSize(9).allSatisfy(b -> assertThat(b.status())
                .as(b.binding() + "\n" + String.join("\n", b.output()) + "\n" + String.join("\n", b.journal()))
                .isEqualTo(Status.OK));
        assertThat(report.bindings()).anySatisfy(b -> assertThat(b.binding())
                .isEqualTo("web2/report.db -> db1/postgresql.main (database.postgresql)"));
        assertThat(report.bindings()).anySatisfy(b -> assertThat(b.binding())
                .isEqualTo("web2/proxy.provides-site -> web2/proxy.site (http.backend)"));
        assertThat(report.ok()).as(report.text()).isTrue();
    }

    /** An emitted setup: the plan, the trees and playbook written to {@code out}, and the secrets to deliver. */
    record Emitted(
            Plan plan,
            Map<String, Contract> contracts,
            Path out,
            TreeMap<String, byte[]> bytes,
            List<Delivery> deliveries) {}

    private static Emitted emit(Path setup, Path out) throws Exception {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(setup, setup.toString());
        assertThat(loaded.hasErrors()).as("%s loads", setup).isFalse();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.hasErrors()).isFalse();
        var files = new TreeMap<String, OutputFile>();
        var targets = new TreeMap<String, Target>();
        for (PlanNode n : plan.nodes()) {
            files.putAll(new SystemdEmitter().emit(plan.index(), n.name()).files());
            targets.put(n.name(), Target.SYSTEMD);
        }
        var deliveries = CrossNodeSecrets.of(plan, loaded.setup().contracts());
        var book = new AnsibleEmitter()
                .emit(
                        plan,
                        loaded.setup().nodes(),
                        deliveries,
                        targets,
                        setup.resolve("setup.yaml").toString());
        assertThat(book.diagnostics()).isEmpty();
        files.putAll(book.files());
        new TreeWriter().write(out, files, false);
        var bytes = new TreeMap<String, byte[]>();
        files.forEach((k, v) -> bytes.put(k, v.content()));
        return new Emitted(plan, loaded.setup().contracts(), out, bytes, deliveries);
    }

    /** The units diff names as changed, by {@code node/unit}, with what each needs. */
    private static Map<String, Set<Action>> named(List<NodeDiff> diff) {
        var out = new TreeMap<String, Set<Action>>();
        for (NodeDiff n : diff) {
            for (UnitChange u : n.units()) {
                if (u.change().equals("changed")) out.put(n.node() + "/" + u.unit(), u.actions());
            }
        }
        return out;
    }

    /** Each service unit of the setup {@code e} on its node: its invocation ID and main PID. */
    private static Map<String, String> processes(BootCheck.Fleet fleet, Emitted e) throws IOException {
        var out = new TreeMap<String, String>();
        for (String path : e.bytes().keySet()) {
            var m = SERVICE.matcher(path);
            if (!m.matches()) continue;
            Exec.Result r = fleet.containers()
                    .get(m.group(1))
                    .exec(
                            Duration.ofSeconds(20),
                            "systemctl",
                            "show",
                            "-p",
                            "InvocationID",
                            "-p",
                            "MainPID",
                            m.group(2));
            out.put(
                    m.group(1) + "/" + m.group(2),
                    String.join(" ", r.output().strip().lines().sorted().toList()));
        }
        return out;
    }

    /** What the change run did, as the nodes see it. */
    private static void observe(BootCheck.Fleet fleet, Map<String, String> observed) throws IOException {
        for (String node : List.of("web1", "web2")) {
            Exec.Result r = fleet.containers()
                    .get(node)
                    .exec(
                            Duration.ofSeconds(20),
                            "curl",
                            "-s",
                            "-m",
                            "10",
                            "http://" + fleet.ips().get(node) + "/modsvc-change");
            observed.put(node + " change", r.output().strip());
        }
        Exec.Result p = fleet.containers()
                .get("db1")
                .exec(
                        Duration.ofSeconds(20),
                        "systemctl",
                        "show",
                        "-p",
                        "Result",
                        "--value",
                        "modsvc-provision@postgresql.service");
        observed.put("db1 re-provision", p.output().strip());
        Exec.Result a = fleet.containers()
                .get("web2")
                .exec(Duration.ofSeconds(20), "systemctl", "is-active", "modsvc-report.service");
        observed.put("web2/modsvc-report.service", a.output().strip());
    }

    record Host(String host, int changed, int unreachable, int failed) {}

    private static List<Host> recap(Exec.Result r) {
        var m = RECAP.matcher(r.output());
        var out = new ArrayList<Host>();
        while (m.find()) {
            out.add(new Host(
                    m.group(1),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5))));
        }
        assertThat(out).as("PLAY RECAP of\n" + r.output()).hasSize(4);
        return out;
    }
}
