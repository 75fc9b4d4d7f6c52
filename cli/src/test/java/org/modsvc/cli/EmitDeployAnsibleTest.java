package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emit --deploy ansible}: the playbook beside the trees, judged by Ansible itself
 * ({@code ansible-playbook --syntax-check}, {@code ansible-lint}), and bad input refused with a
 * located error and nothing written. The real run against containers is in the boot module.
 */
class EmitDeployAnsibleTest {
    private static final String PLAYBOOK = "deploy/ansible/";

    @Test
    void writesInventoryAndPlaybookWithProvidersFirst(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        var r = Run.of("emit", "samples/three-nodes", "--out", out.toString(), "--deploy", "ansible");
        assertThat(r.code()).as(r.err()).isZero();
        String inventory = Files.readString(out.resolve(PLAYBOOK + "inventory.yaml"));
        assertThat(inventory)
                .contains("    modsvc_three_nodes:\n")
                .contains("        modsvc_target: \"modsvc-three-nodes.target\"\n")
                .contains("        db1:\n          ansible_host: \"10.0.1.21\"\n")
                .contains("            - !unsafe \"postgresql-15\"\n")
                .contains("            - !unsafe \"/var/lib/modsvc/postgresql/passwords/shop\"\n");
        String site = Files.readString(out.resolve(PLAYBOOK + "site.yml"));
        assertThat(site)
                .contains("- name: \"Deploy three-nodes, step 1 of 2: cache1, db1\"\n  hosts: \"cache1:db1\"\n")
                .contains("- name: \"Deploy three-nodes, step 2 of 2: web1, web2\"\n  hosts: \"web1:web2\"\n");
        assertThat(out.resolve(PLAYBOOK + "roles/modsvc/tasks/main.yml")).exists();
        // The stamps of modsvc diff's decisions, and the oneshot that re-provisions a running provider.
        assertThat(inventory)
                .contains("            - stamp: \"modsvc-proxy.service.reload ")
                .contains(
                        "              action: \"re-provision\"\n              run: \"modsvc-provision@postgresql.service\"\n");
        assertThat(Files.readString(out.resolve(PLAYBOOK + "provision/db1/modsvc-provision@postgresql.service")))
                .contains("Requisite=modsvc-postgresql.service\n")
                .contains("Type=oneshot\n")
                .contains("ExecStart=/bin/sh /etc/system-services/postgresql/fulfil ")
                .contains("User=modsvc-postgresql\n")
                .doesNotContain("ExecStartPost=")
                .doesNotContain("ExecStartPre=")
                .doesNotContain("[Install]");
        assertThat(out.resolve(PLAYBOOK + "provision/web1")).doesNotExist();
        // The trees are the ones emit writes without --deploy; no secret is in them or the playbook.
        assertThat(out.resolve("web1/etc/systemd/system/modsvc-shop.service")).exists();
        try (var files = Files.walk(out)) {
            assertThat(files.filter(p -> p.toString().contains("passwords"))).isEmpty();
        }
    }

    @Test
    void passesAnsibleSyntaxCheckAndLint(@TempDir Path tmp) throws Exception {
        Path playbook = RequiredTool.require("ansible-playbook");
        Path lint = RequiredTool.require("ansible-lint");
        Path out = tmp.resolve("out");
        var r = Run.of("emit", "samples/three-nodes", "--out", out.toString(), "--deploy", "ansible");
        assertThat(r.code()).as(r.err()).isZero();
        Path dir = out.resolve(PLAYBOOK);
        run(dir, playbook.toString(), "-i", "inventory.yaml", "--syntax-check", "site.yml");
        String said = run(dir, lint.toString(), "--nocolor", "site.yml", "inventory.yaml");
        assertThat(said).contains("0 failure(s), 0 warning(s)");
    }

    @Test
    void aNodeWithoutAddressAWrapperNodeAndAnAddressThatIsNoHostAreLocatedErrors(@TempDir Path tmp) throws Exception {
        Path setup = Files.createDirectories(tmp.resolve("setup"));
        Files.writeString(
                setup.resolve("setup.yaml"),
                """
                name: fleet
                nodes:
                  a: { target: systemd, run: [redis] }
                  b: { address: "10.0.0.2:22", run: [redis] }
                  c: { address: 10.0.0.3, target: wrapper, run: [redis] }
                  d: { address: d.example.org, run: [redis] }
                """);
        Path out = tmp.resolve("out");
        var r = Run.of("emit", setup.toString(), "--out", out.toString(), "--deploy", "ansible");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains("setup.yaml:3:3: error[E070]: node 'a' has no address")
                .contains("setup.yaml:4:17: error[E070]: address '10.0.0.2:22' of node 'b' is not a host")
                .contains("setup.yaml:5:3: error[E070]: node 'c' is a wrapper node")
                .doesNotContain("node 'd'");
        assertThat(out).doesNotExist();
        // --target systemd makes c a systemd node; the others stay errors.
        var forced =
                Run.of("emit", setup.toString(), "--out", out.toString(), "--deploy", "ansible", "--target", "systemd");
        assertThat(forced.err()).doesNotContain("node 'c'").contains("node 'a' has no address");
        assertThat(out).doesNotExist();
    }

    @Test
    void deployCoversEveryNode(@TempDir Path tmp) {
        var r = Run.of(
                "emit",
                "samples/three-nodes",
                "--out",
                tmp.resolve("o").toString(),
                "--deploy",
                "ansible",
                "--node",
                "db1");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--deploy deploys every node");
    }

    private static String run(Path dir, String... argv) throws Exception {
        var pb = new ProcessBuilder(List.of(argv)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_LOCAL_TEMP", dir.resolve(".tmp").toString());
        var p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS))
                .as(String.join(" ", argv) + " finishes")
                .isTrue();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", argv) + "\n" + said).isZero();
        return said;
    }
}
