package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    /** samples/three-nodes plus a third web node (a new consumer of both providers) and a changed nginx config. */
    private static Path changed(Path tmp) throws Exception {
        Path to = tmp.resolve("changed");
        Path from = Run.ROOT.resolve("samples/three-nodes");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        Path setup = to.resolve("setup.yaml");
        Files.writeString(
                setup,
                Files.readString(setup)
                        .replace(
                                "  cache1:",
                                "  web3: { address: 10.0.1.13, target: systemd, run: [shop, proxy] }\n  cache1:")
                        .replace(
                                "  web2/proxy.app: web2/shop.web",
                                "  web2/proxy.app: web2/shop.web\n  web3/proxy.app: web3/shop.web"));
        Path proxy = to.resolve("services/proxy.yaml");
        Files.writeString(
                proxy,
                Files.readString(proxy)
                        .replace("      error_log stderr;\n", "      error_log stderr;\n      worker_processes 2;\n"));
        return to;
    }

    @Test
    void aNewConsumerReprovisionsItsProvidersAndAConfigChangeReloads(@TempDir Path tmp) throws Exception {
        var r = Run.of("diff", "samples/three-nodes", changed(tmp).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        """
                        cache1: changed
                          changed modsvc-redis.service: re-provision (1 new fulfil step)
                        db1: changed
                          changed modsvc-postgresql.service: re-provision (1 new fulfil step)
                        web1: changed
                          changed modsvc-proxy.service: reload (config conf)
                        web2: changed
                          changed modsvc-proxy.service: reload (config conf)
                        web3: added
                          added modsvc-proxy.service
                          added modsvc-shop.service
                          added modsvc-three-nodes.target
                        5 node(s), 5 with changes; re-provision 2, reload 2
                        """);
    }

    @Test
    void anEarlierEmitComparesLikeItsSetupAndTheSameSetupChangesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        var e = Run.of("emit", "samples/three-nodes", "--out", out.toString(), "--deploy", "ansible");
        assertThat(e.code()).as(e.err()).isZero();
        Path changed = changed(tmp);
        assertThat(Run.of("diff", out.toString(), changed.toString()).out())
                .isEqualTo(Run.of("diff", "samples/three-nodes", changed.toString())
                        .out());
        var same = Run.of("diff", out.toString(), "samples/three-nodes");
        assertThat(same.out())
                .contains("db1: unchanged\n")
                .endsWith("4 node(s), 0 with changes; no unit to reload, restart or re-provision\n");
        var json = Run.of("diff", "samples/three-nodes", changed.toString(), "--format", "json");
        assertThat(json.out())
                .contains("\"unit\" : \"modsvc-postgresql.service\",\n      \"change\" : \"changed\",\n"
                        + "      \"actions\" : [ \"re-provision\" ]");
    }

    @Test
    void aChangedUnitRestartsAndBadInputIsReported(@TempDir Path tmp) throws Exception {
        Path changed = changed(tmp);
        Path shop = changed.resolve("services/shop.yaml");
        Files.writeString(shop, Files.readString(shop).replace("    - \"2\"\n", "    - \"3\"\n"));
        var r = Run.of("diff", "samples/three-nodes", changed.toString());
        assertThat(r.out()).contains("  changed modsvc-shop.service: restart (unit)\n");
        assertThat(Run.of("diff", "samples/three-nodes", "no/such/dir").code()).isEqualTo(ExitCode.USAGE);
        Files.writeString(shop, "name: [");
        assertThat(Run.of("diff", "samples/three-nodes", changed.toString()).code())
                .isEqualTo(ExitCode.INVALID);
    }

    @Test
    void aUnitAddedToARunningNodeChangesItsTargetWhichNeedsNothing() {
        // The change AnsibleDeployTest rolls out (docs/deploy-ansible.md shows this output).
        var r = Run.of("diff", "samples/three-nodes", "boot/src/test/resources/setups/three-nodes-changed");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        """
                        cache1: unchanged
                        db1: changed
                          changed modsvc-postgresql.service: re-provision (1 new fulfil step)
                        web1: changed
                          changed modsvc-proxy.service: reload (config conf)
                        web2: changed
                          changed modsvc-proxy.service: reload (config conf)
                          added modsvc-report.service
                          changed modsvc-three-nodes.target: nothing to do (unit)
                        4 node(s), 3 with changes; re-provision 1, reload 2
                        """);
    }
}
