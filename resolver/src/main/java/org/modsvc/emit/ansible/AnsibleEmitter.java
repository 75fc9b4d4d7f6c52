package org.modsvc.emit.ansible;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.diff.TreeDiff;
import org.modsvc.emit.secrets.CrossNodeSecrets.Delivery;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.model.Node;
import org.modsvc.model.Target;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.RemoteDependency;
import org.modsvc.plan.UnitNames;

/**
 * Writes an Ansible playbook that deploys a plan's systemd trees, beside them under {@value
 * #DIR}: {@code inventory.yaml} (one host per node, {@code ansible_host} its address, in one group
 * per setup, with the node's packages and secret paths as host variables), {@code site.yml} (one
 * play per start step: the nodes that provide to other nodes come before the nodes that use them,
 * following the plan's remote dependencies) and the role {@code roles/modsvc} that does the work
 * on each node. The playbook reads the trees from {@code OUT/<node>/} and the cross-node secrets
 * from the controller's secret directory in the layout {@code modsvc secrets} writes; neither the
 * trees nor the playbook hold a secret.
 *
 * <p>Only the plan and the setup's nodes (for the locations of errors) are read.
 */
public final class AnsibleEmitter {
    /** Where the playbook goes, relative to the output directory. */
    public static final String DIR = "deploy/ansible";

    /** The first path segment of the playbook's files, which therefore no node may be named. */
    static final String TOP = "deploy";

    /** Where the re-provision units of each node go, relative to {@link #DIR}: {@code provision/<node>/}. */
    static final String PROVISION = "provision";

    private static final String UNITS = "etc/systemd/system/";

    /**
     * @param plan the resolved plan, without errors
     * @param declared the setup's nodes by name, for the spans of errors; a node missing here is
     *     located at the setup file
     * @param secrets the cross-node secrets ({@code CrossNodeSecrets.of}), as planned (no
     *     relocation: every node is a systemd node)
     * @param setupFile the setup file, for errors that no node locates
     * @return the playbook's files under {@value #DIR}, or none and the errors: a node without an
     *     address, an address that is not a host, a node whose target is not systemd
     */
    public Emission emit(
            Plan plan,
            Map<String, Node> declared,
            List<Delivery> secrets,
            Map<String, Target> targets,
            String setupFile) {
        var diagnostics = new ArrayList<Diagnostic>();
        for (PlanNode n : plan.nodes()) {
            Node d = declared.get(n.name());
            Span at = d == null ? Span.file(setupFile) : d.span();
            Target t = targets.getOrDefault(n.name(), n.target());
            if (t != Target.SYSTEMD) {
                diagnostics.add(Diagnostic.of(
                        Code.NOT_DEPLOYABLE,
                        at,
                        "node '" + n.name() + "' is a " + t.name().toLowerCase(java.util.Locale.ROOT)
                                + " node: the Ansible playbook deploys systemd trees only",
                        "give the node 'target: systemd', or emit with --target systemd"));
            }
            if (d != null && d.address().span().equals(d.span())) {
                diagnostics.add(Diagnostic.of(
                        Code.NOT_DEPLOYABLE,
                        at,
                        "node '" + n.name() + "' has no address: the playbook needs one to reach it",
                        "add 'address: HOST' (an IP address or a host name) to the node"));
            } else if (!Hosts.isHost(n.address())) {
                diagnostics.add(Diagnostic.of(
                        Code.NOT_DEPLOYABLE,
                        d == null ? at : d.address().span(),
                        "address '" + printable(n.address()) + "' of node '" + n.name()
                                + "' is not a host: Ansible connects to an IP address or a host name",
                        "write the address alone: no port, scheme, path or prefix length"));
            }
            if (n.name().equals(TOP)) {
                diagnostics.add(Diagnostic.of(
                        Code.NOT_DEPLOYABLE,
                        at,
                        "node '" + TOP + "' would share its tree's directory with the playbook (" + DIR + ")",
                        "rename the node"));
            }
        }
        if (!diagnostics.isEmpty()) return new Emission(new TreeMap<>(), diagnostics);
        var hosts = new ArrayList<Playbook.Host>();
        var files = new TreeMap<String, OutputFile>();
        for (PlanNode n : plan.nodes()) {
            var tree = tree(plan, n.name());
            var services = new TreeSet<String>();
            for (String p : tree.keySet()) {
                if (p.startsWith(UNITS) && p.endsWith(".service") && p.indexOf('/', UNITS.length()) < 0)
                    services.add(p.substring(UNITS.length()));
            }
            var provision = new TreeMap<String, String>();
            for (String u : services) {
                String text = ProvisionUnits.render(u, new String(tree.get(UNITS + u), StandardCharsets.UTF_8));
                if (text == null) continue;
                provision.put(u, ProvisionUnits.name(u));
                files.put(
                        DIR + "/" + PROVISION + "/" + n.name() + "/" + ProvisionUnits.name(u),
                        OutputFile.text(text, false));
            }
            hosts.add(new Playbook.Host(
                    n.name(),
                    n.address(),
                    packages(plan, n.name()),
                    secretPaths(secrets, n.name()),
                    TreeDiff.stamps(tree),
                    provision));
        }
        var book = new Playbook(plan.setup(), UnitNames.target(plan.setup()), hosts, steps(plan));
        for (var e : book.files().entrySet()) files.put(DIR + "/" + e.getKey(), OutputFile.text(e.getValue(), false));
        return new Emission(files, diagnostics);
    }

    /**
     * The node's systemd tree as {@code emit} writes it, by path relative to the node's root: the
     * files whose changes the stamps follow.
     */
    private static SortedMap<String, byte[]> tree(Plan plan, String node) {
        var out = new TreeMap<String, byte[]>();
        String prefix = node + "/";
        new SystemdEmitter().emit(plan.index(), node).files().forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v.content());
        });
        return out;
    }

    /** The Debian packages of the node's instances, sorted. */
    private static SortedSet<String> packages(Plan plan, String node) {
        var out = new TreeSet<String>();
        for (Instance i : plan.index().onNode(node)) out.addAll(i.packages());
        return out;
    }

    /** The paths of the node's copies of cross-node secrets, sorted. */
    private static SortedSet<String> secretPaths(List<Delivery> secrets, String node) {
        var out = new TreeSet<String>();
        for (Delivery d : secrets) {
            String p = d.copies().get(node);
            if (p != null) out.add(p);
        }
        return out;
    }

    /**
     * The nodes in start steps: a node comes after every node whose provider it uses remotely
     * (Kahn's algorithm over the nodes, in the plan's node order within a step). Nodes that
     * depend on each other across nodes share the last step: no order suits them, and their
     * units' own waits for remote providers order the starts.
     */
    static List<List<String>> steps(Plan plan) {
        var after = new TreeMap<String, SortedSet<String>>();
        for (PlanNode n : plan.nodes()) after.put(n.name(), new TreeSet<>());
        for (RemoteDependency r : plan.remote()) {
            String consumerNode = r.consumer().substring(0, r.consumer().indexOf('/'));
            if (after.containsKey(consumerNode)
                    && after.containsKey(r.providerNode())
                    && !consumerNode.equals(r.providerNode())) {
                after.get(consumerNode).add(r.providerNode());
            }
        }
        var steps = new ArrayList<List<String>>();
        var placed = new LinkedHashSet<String>();
        while (placed.size() < after.size()) {
            var step = new ArrayList<String>();
            for (PlanNode n : plan.nodes()) {
                if (!placed.contains(n.name()) && placed.containsAll(after.get(n.name()))) step.add(n.name());
            }
            if (step.isEmpty()) {
                for (PlanNode n : plan.nodes()) if (!placed.contains(n.name())) step.add(n.name());
            }
            placed.addAll(step);
            steps.add(List.copyOf(step));
        }
        return steps;
    }

    private static String printable(String s) {
        var b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    /** For tests: the steps as node names. */
    static SortedMap<Integer, List<String>> numbered(Plan plan) {
        var out = new TreeMap<Integer, List<String>>();
        var s = steps(plan);
        for (int i = 0; i < s.size(); i++) out.put(i + 1, s.get(i));
        return out;
    }
}
