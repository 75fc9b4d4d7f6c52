package org.modsvc.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.modsvc.plan.PlanNode;

/**
 * The nodes' addresses inside the containers. An IPv4 address from the setup is used as it is: on
 * the loopback of a single node, or on {@code host0} (the veth on the check's bridge) with an
 * on-link route to every other node. A node whose address is a host name gets {@code
 * 10.231.0.N} (N its position in the setup) and an {@code /etc/hosts} line, so that the name
 * resolves in every container; loopback addresses need nothing.
 */
final class Addresses {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    /** node name → (address as written, IPv4 address used). */
    private final Map<String, String[]> byNode;

    private Addresses(Map<String, String[]> byNode) {
        this.byNode = byNode;
    }

    static Addresses of(List<PlanNode> nodes) {
        var m = new LinkedHashMap<String, String[]>();
        int n = 0;
        for (PlanNode node : nodes) {
            n++;
            String a = node.address() == null ? node.name() : node.address();
            String ip = IPV4.matcher(a).matches() ? a : "10.231.0." + n;
            m.put(node.name(), new String[] {a, ip});
        }
        return new Addresses(m);
    }

    /** The IPv4 address a node has in its container. */
    String ip(String node) {
        return byNode.get(node)[1];
    }

    void configure(Container c, boolean bridged) throws IOException {
        var script = new StringBuilder("set -e\n");
        String own = ip(c.node());
        String dev = bridged ? "host0" : "lo";
        if (bridged) script.append("ip link set host0 up\n");
        if (!own.startsWith("127."))
            script.append("ip addr add ")
                    .append(own)
                    .append("/32 dev ")
                    .append(dev)
                    .append('\n');
        var hosts = new ArrayList<String>();
        for (var e : byNode.entrySet()) {
            String ip = e.getValue()[1];
            String written = e.getValue()[0];
            if (bridged && !e.getKey().equals(c.node()) && !ip.startsWith("127.")) {
                script.append("ip route add ").append(ip).append("/32 dev host0\n");
            }
            hosts.add(ip + " " + (written.equals(ip) ? "" : written + " ") + e.getKey());
        }
        script.append("cat >> /etc/hosts <<'EOF'\n");
        for (String h : hosts) script.append(h).append('\n');
        script.append("EOF\n");
        Exec.Result r = c.sh(Duration.ofSeconds(20), script.toString());
        if (!r.ok()) throw new IOException("cannot set the address of " + c.node() + ": " + r.describe());
    }
}
