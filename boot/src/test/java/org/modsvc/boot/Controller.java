package org.modsvc.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ansible controller on the boot check's bridge: a network namespace of the test's own, joined
 * to the bridge by a veth pair, with one address ({@link #IP}) and an on-link route to each node;
 * each container gets the route back. So SSH runs between namespaces the test made, and nothing
 * reaches the host's own network. Removed by {@link #close()} (deleting the namespace deletes its
 * veth end, and with it the peer on the bridge).
 */
final class Controller implements AutoCloseable {
    /** The controller's address; no setup under test uses it. */
    static final String IP = "10.231.255.254";

    private final String namespace;
    private final BootCheck.Fleet fleet;

    private Controller(String namespace, BootCheck.Fleet fleet) {
        this.namespace = namespace;
        this.fleet = fleet;
    }

    static Controller open(BootCheck.Fleet fleet) throws IOException {
        if (fleet.bridge() == null) throw new IOException("a controller needs the bridge of a multi-node check");
        String ns = fleet.bridge() + "c";
        String outside = fleet.bridge() + "h";
        Exec.check(Duration.ofSeconds(10), List.of("ip", "netns", "add", ns));
        var c = new Controller(ns, fleet);
        try {
            Exec.check(
                    Duration.ofSeconds(10),
                    List.of("ip", "link", "add", outside, "type", "veth", "peer", "name", "ctl0", "netns", ns));
            Exec.check(Duration.ofSeconds(10), List.of("ip", "link", "set", outside, "master", fleet.bridge(), "up"));
            var script = new StringBuilder(
                    "set -e; ip link set lo up; ip link set ctl0 up; ip addr add " + IP + "/32 dev ctl0\n");
            for (String ip : fleet.ips().values())
                script.append("ip route add ").append(ip).append("/32 dev ctl0\n");
            Exec.check(Duration.ofSeconds(10), List.of("ip", "netns", "exec", ns, "sh", "-c", script.toString()));
            for (Container node : fleet.containers().values()) {
                Exec.Result r = node.sh(Duration.ofSeconds(10), "ip route add " + IP + "/32 dev host0");
                if (!r.ok())
                    throw new IOException("no route to the controller on " + node.node() + ": " + r.describe());
            }
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Runs {@code ansible-playbook -i inventory.yaml site.yml} from the controller's namespace, as
     * root over SSH with the root's throwaway key (no sudo in the containers: no become).
     *
     * @return the run's output
     */
    Exec.Result playbook(Path dir, Path secrets, Duration limit) throws IOException {
        Path state = fleet.scratch().resolve("ansible");
        var argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "env"));
        argv.addAll(List.of(
                "ANSIBLE_HOST_KEY_CHECKING=False",
                // One SSH round trip per task instead of three: the test's load is the machine's.
                "ANSIBLE_PIPELINING=True",
                "ANSIBLE_NOCOLOR=1",
                "ANSIBLE_FORCE_COLOR=0",
                "ANSIBLE_LOCAL_TEMP=" + state.resolve("tmp"),
                "ANSIBLE_SSH_CONTROL_PATH_DIR=" + state.resolve("cp"),
                "ANSIBLE_PRIVATE_KEY_FILE=" + fleet.sshKey(),
                "ANSIBLE_REMOTE_USER=root",
                "ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3",
                "ANSIBLE_SSH_ARGS=-o UserKnownHostsFile=/dev/null -o ControlMaster=auto -o ControlPersist=60s",
                "ansible-playbook",
                "-i",
                dir.resolve("inventory.yaml").toString(),
                dir.resolve("site.yml").toString(),
                "-e",
                "ansible_become=false",
                "-e",
                "modsvc_secrets_dir=" + secrets));
        return Exec.run(limit, argv);
    }

    @Override
    public void close() {
        try {
            Exec.run(Duration.ofSeconds(10), List.of("ip", "netns", "delete", namespace));
        } catch (IOException e) {
            // the report of the run says what failed; a leftover namespace holds no process
        }
    }
}
