package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.ansible.AnsibleEmitter;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.emit.secrets.SecretFiles;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import org.modsvc.testing.Tools;

/**
 * The playbook of {@code emit --deploy ansible}, run for real: the boot check's containers are
 * booted empty on their bridge, {@code ansible-playbook} deploys {@code samples/three-nodes} onto
 * them over SSH (from a network namespace of the test's own, with the root's throwaway key), then
 * the check's probes run on every binding; a second run of the playbook must change nothing.
 */
class AnsibleDeployTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RECAP =
            Pattern.compile("(?m)^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    @Test
    void threeNodesDeployedByThePlaybookPassEveryProbeAndASecondRunChangesNothing(@TempDir Path tmp) throws Exception {
        Tools.requireRoot();
        Tools.require("systemd-nspawn");
        Tools.require("ip");
        Tools.require("ansible-playbook");
        Path setup = ROOT.resolve("samples/three-nodes");
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(setup, setup.toString());
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.hasErrors()).isFalse();

        // What `modsvc emit samples/three-nodes --out out/ --deploy ansible` writes.
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
        Path out = tmp.resolve("out");
        new TreeWriter().write(out, files, false);
        // What `modsvc secrets samples/three-nodes --out SECRETS` writes, on the controller only.
        Path secrets = tmp.resolve("secrets");
        assertThat(SecretFiles.write(deliveries, secrets)).isEqualTo(3);

        var runs = new ArrayList<Exec.Result>();
        var report = new BootCheck(
                        plan,
                        loaded.setup().contracts(),
                        BootCheck.Target.SYSTEMD,
                        RootFs.standard(System.getenv()),
                        line -> System.err.println("ansible deploy: " + line))
                .withDeployment(fleet -> {
                    try (var controller = Controller.open(fleet)) {
                        for (int i = 0; i < 2; i++) {
                            long t0 = System.nanoTime();
                            Exec.Result r = controller.playbook(
                                    out.resolve(AnsibleEmitter.DIR), secrets, Duration.ofMinutes(10));
                            System.out.printf(
                                    "== ansible-playbook run %d (%.1f s)%n%s%n",
                                    i + 1, (System.nanoTime() - t0) / 1e9, r.output());
                            runs.add(r);
                            if (!r.ok()) break;
                        }
                    }
                })
                .run();
        System.out.println("== three-nodes deployed by Ansible\n" + report.text());
        report.timings().forEach(t -> System.out.println("   " + t));

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).ok()).as(runs.get(0).output()).isTrue();
        assertThat(recap(runs.get(0))).as("first run: every node changed").allSatisfy(h -> {
            assertThat(h.changed()).isPositive();
            assertThat(h.failed() + h.unreachable()).isZero();
        });
        assertThat(runs.get(1).ok()).as(runs.get(1).output()).isTrue();
        assertThat(recap(runs.get(1))).as("second run").hasSize(4).allSatisfy(h -> assertThat(h.changed())
                .as(h.host() + " changed")
                .isZero());
        assertThat(report.bindings()).hasSize(6).allSatisfy(b -> assertThat(b.status())
                .as(b.binding() + "\n" + String.join("\n", b.output()) + "\n" + String.join("\n", b.journal()))
                .isEqualTo(Status.OK));
        assertThat(report.ok()).as(report.text()).isTrue();
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
