package org.modsvc.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.modsvc.boot.BootReport.BindingResult;
import org.modsvc.boot.BootReport.Finding;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.emit.secrets.SecretFiles;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.Contract;
import org.modsvc.model.ModuleKind;
import org.modsvc.plan.Binding;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanIndex;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Value;

/**
 * Boots every node of a plan in a container of its own and probes every binding as its consumer
 * would use it, and every provision nobody consumes as its provider on its own node ({@link
 * SelfProbes}). The systemd target installs each node's emitted units into {@code /etc} and starts
 * the setup's target; the wrapper target runs each node's {@code bin/modsvc.up} as an unprivileged
 * user. The same probes run on both. Every container, overlay, bridge and scratch file is removed
 * at the end, also on failure and when the JVM is stopped (a shutdown hook). The root filesystem
 * holds the shipped package list and every package the plan's modules declare ({@code packages:}).
 */
public final class BootCheck {
    /** Where the emitted trees appear inside each container (read-only). */
    static final String TREES = "/opt/modsvc/trees";

    /** Where the node files ({@link #withNodeFiles}) appear inside each container (read-only). */
    static final String NODE_FILES = "/opt/modsvc/node-files";

    /**
     * Where a wrapper node's tree runs inside its container: a writable copy of the tree, owned
     * by the unprivileged user, since the launcher makes its services' state and runtime
     * directories below it (the tree is emitted with this root, as {@code emit --root} does).
     */
    static final String RUN = "/opt/modsvc/run";

    /** The transient unit that runs a wrapper node's launcher. */
    static final String LAUNCHER_UNIT = "modsvc-up.service";

    static final Duration SETTLE = Duration.ofSeconds(120);

    /** Which emitter the check runs. */
    public enum Target {
        SYSTEMD,
        WRAPPER
    }

    private final Plan plan;
    private final Map<String, Contract> contracts;
    /** Every binding, then a provider's binding to itself for each provision nobody consumes. */
    private final List<Binding> probed;

    private final Target target;
    private final RootFs rootFs;
    private final Consumer<String> progress;
    private final List<String> timings = new ArrayList<>();
    private Path secrets;
    private Deployment deployment;

    /**
     * A deployment tool that installs the trees and starts the setup itself, in place of the
     * check's own install and start (systemd target only): the generated Ansible playbook, run
     * over SSH on the containers' bridge. The check then adds only its probe units and probes.
     */
    interface Deployment {
        /** Deploys the setup onto the booted, addressed, still empty nodes. */
        void deploy(Fleet fleet) throws IOException;
    }

    /**
     * The booted nodes as a deployment sees them.
     *
     * @param bridge the bridge joining the containers, or null for a single node
     * @param containers by node name, in plan order
     * @param ips each node's IPv4 address in its container
     * @param sshKey the private part of the root's throwaway SSH key (root may log in with it)
     * @param scratch a scratch directory of this run, removed afterwards
     */
    record Fleet(
            String bridge, Map<String, Container> containers, Map<String, String> ips, Path sshKey, Path scratch) {}

    /** See {@link Deployment}; for the systemd target. */
    BootCheck withDeployment(Deployment d) {
        this.deployment = d;
        return this;
    }

    /**
     * @param contracts the setup's contracts by name (catalogue and its own), for their probes
     * @param progress told about each step (for a terminal); never null
     */
    public BootCheck(
            Plan plan, Map<String, Contract> contracts, Target target, RootFs rootFs, Consumer<String> progress) {
        this.plan = plan;
        this.contracts = contracts;
        var all = new ArrayList<>(plan.bindings());
        all.addAll(SelfProbes.of(plan, contracts));
        this.probed = List.copyOf(all);
        this.target = target;
        var declared = new java.util.TreeSet<String>();
        for (Instance i : plan.instances()) declared.addAll(i.packages());
        this.rootFs = rootFs.with(declared);
        this.progress = progress;
    }

    /**
     * Files to add to each node's root before anything starts: {@code DIR/<node>/…} is copied to
     * the node's {@code /} with modes kept — the cross-node secret delivery step's output, the same
     * files a deployment adds to each machine.
     *
     * @param dir a directory, or null for none
     */
    public BootCheck withNodeFiles(Path dir) {
        this.secrets = dir;
        return this;
    }

    /** Runs the check. Throws only when the environment fails (a container that does not boot). */
    public BootReport run() throws IOException {
        long t0 = System.nanoTime();
        Path root = rootFs.ensure(progress);
        time("root filesystem ready", t0);
        String run = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
        Path scratch = Files.createTempDirectory(Path.of("/var/tmp"), "modsvc-boot-");
        var resources = new ArrayList<AutoCloseable>();
        Thread hook = new Thread(() -> closeAll(resources, scratch));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return boot(root, scratch, run, resources);
        } finally {
            closeAll(resources, scratch);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (or ran) anyway
            }
        }
    }

    private BootReport boot(Path root, Path scratch, String run, List<AutoCloseable> resources) throws IOException {
        var index = plan.index();
        Path nodeFiles = secrets;
        if (nodeFiles == null && deployment == null) {
            // The documented delivery step, as a user takes it (`modsvc secrets`): the secrets that
            // cross nodes, written into node trees that go onto the nodes before they start.
            // On the wrapper target each copy goes where that node's relocated tree reads it
            // (below RUN/<node>, which the launcher's user owns), as `modsvc secrets --target
            // wrapper --root RUN` writes it.
            var wrapper = new WrapperEmitter(RUN);
            CrossNodeSecrets.Placement placement = target == Target.WRAPPER
                    ? (node, path) -> wrapper.placed(index, node, path)
                    : CrossNodeSecrets.Placement.AS_PLANNED;
            var deliveries = CrossNodeSecrets.of(plan, contracts, placement);
            if (!deliveries.isEmpty()) {
                nodeFiles = scratch.resolve("secrets");
                SecretFiles.write(deliveries, nodeFiles);
            }
        }
        Path trees = scratch.resolve("trees");
        writeTrees(index, trees);
        Files.setPosixFilePermissions(trees, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Container.Network net = new Container.Network.Private();
        if (plan.nodes().size() > 1) {
            Bridge bridge;
            synchronized (resources) {
                bridge = Bridge.create("msv" + run);
                resources.add(bridge);
            }
            net = new Container.Network.Bridged(bridge.name());
        }
        var containers = new LinkedHashMap<String, Container>();
        var addresses = Addresses.of(plan.nodes());
        long t0 = System.nanoTime();
        int n = 0;
        for (PlanNode node : plan.nodes()) {
            n++;
            progress.accept("booting " + node.name());
            // nspawn names the host side of the veth after the first 12 bytes of the machine name.
            String machine = String.format("m%02d%s-%s", n, run, node.name());
            if (machine.length() > 60) machine = machine.substring(0, 60);
            var binds = new java.util.TreeMap<String, String>(Map.of(trees.toString(), TREES));
            if (nodeFiles != null) binds.put(nodeFiles.toAbsolutePath().toString(), NODE_FILES);
            Container c = Container.boot(root, scratch.resolve("c-" + node.name()), machine, node.name(), net, binds);
            synchronized (resources) {
                resources.add(0, c); // containers close before the bridge
            }
            containers.put(node.name(), c);
        }
        for (Container c : containers.values()) c.awaitRunning(Duration.ofSeconds(90));
        time("boot " + containers.size() + " container(s) to running", t0);
        for (Container c : containers.values()) addresses.configure(c, net instanceof Container.Network.Bridged);
        if (nodeFiles != null) {
            for (Container c : containers.values()) {
                Exec.Result r = c.sh(
                        Duration.ofSeconds(60),
                        "if [ -d " + NODE_FILES + "/" + c.node() + " ]; then cp -R --preserve=mode,ownership "
                                + NODE_FILES + "/" + c.node() + "/. /; fi");
                if (!r.ok()) throw new IOException("cannot add the node files of " + c.node() + ": " + r.describe());
            }
        }
        t0 = System.nanoTime();
        if (target == Target.SYSTEMD && deployment != null) {
            var ips = new LinkedHashMap<String, String>();
            for (String node : containers.keySet()) ips.put(node, addresses.ip(node));
            String bridge = net instanceof Container.Network.Bridged b ? b.bridge() : null;
            deployment.deploy(new Fleet(bridge, containers, ips, rootFs.sshKey(), scratch));
            time("deploy", t0);
            new SystemdStart(plan, containers, progress).addProbes();
        } else if (target == Target.SYSTEMD) {
            new SystemdStart(plan, containers, progress).start();
        } else {
            startLaunchers(containers);
        }
        time("start and settle the setup", t0);
        t0 = System.nanoTime();
        var runner = new ProbeRunner(target == Target.WRAPPER, containers, target == Target.WRAPPER ? RUN : TREES);
        var results = new ArrayList<BindingResult>();
        for (Binding b : probed) {
            Instance consumer = index.instance(b.consumer());
            Instance provider = index.instance(b.provider());
            if (ProbeArgv.of(contracts.get(b.contract()), b).isEmpty()) {
                results.add(new BindingResult(
                        b.consumer(),
                        b.requirement(),
                        b.provider(),
                        b.provision(),
                        b.contract(),
                        Status.SKIP,
                        "contract " + b.contract() + " declares no probe",
                        List.of(),
                        List.of()));
                continue;
            }
            progress.accept("probing " + b.consumer() + "." + b.requirement());
            results.add(runner.run(b, consumer, provider));
        }
        time("probe " + results.size() + " binding(s)", t0);
        var checks = new ArrayList<Finding>();
        if (target == Target.SYSTEMD) {
            t0 = System.nanoTime();
            checks.addAll(new UnitChecks(plan, containers, progress).all());
            // Stopping says nothing on a node where some unit does not run (it may be up for a moment).
            var broken = new java.util.HashSet<String>();
            for (Finding f : checks) {
                if (f.kind().equals("running") && f.status() == Status.FAIL)
                    broken.add(f.subject().split("/")[0]);
            }
            progress.accept("stopping providers one at a time");
            checks.addAll(new StopCheck(plan, containers, broken).all());
            time("unit checks (state, security, reload, stop)", t0);
        }
        return new BootReport(plan.setup(), target.name().toLowerCase(java.util.Locale.ROOT), results, checks, timings);
    }

    /** Emits every node's tree for the check's target, with one probe unit or wrapper per binding. */
    private void writeTrees(PlanIndex index, Path trees) throws IOException {
        var files = new TreeMap<String, OutputFile>();
        var diagnostics = new ArrayList<String>();
        for (PlanNode node : plan.nodes()) {
            Emission e = target == Target.SYSTEMD
                    ? new SystemdEmitter().emit(index, node.name())
                    : new WrapperEmitter(RUN).emit(index, node.name());
            e.diagnostics().stream().filter(d -> d.isError()).forEach(d -> diagnostics.add(d.message()));
            files.putAll(e.files());
        }
        if (!diagnostics.isEmpty())
            throw new IOException("the setup cannot be emitted: " + String.join("; ", diagnostics));
        for (Binding b : probed) {
            Instance consumer = index.instance(b.consumer());
            List<Value> probe = ProbeArgv.of(contracts.get(b.contract()), b);
            if (consumer == null || probe.isEmpty()) continue;
            if (target == Target.SYSTEMD) {
                String text = ProbeUnits.render(plan, consumer, b.requirement(), probe);
                if (text != null) {
                    files.put(
                            consumer.node() + "/etc/systemd/system/" + ProbeUnits.unitName(consumer, b.requirement()),
                            OutputFile.text(text, false));
                }
            } else {
                OutputFile w = ProbeWrappers.render(plan, consumer, probe, RUN);
                if (w != null) {
                    files.put(consumer.node() + "/bin/" + ProbeRunner.wrapperName(consumer, b.requirement()), w);
                }
            }
        }
        try {
            new TreeWriter().write(trees, files, false);
        } catch (TreeWriter.RefusedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void startLaunchers(Map<String, Container> containers) throws IOException {
        for (Container c : containers.values()) {
            progress.accept("starting " + c.node() + "/bin/modsvc.up as " + RootFs.USER);
            // The launcher runs unprivileged, so a service on a port below 1024 (nginx on 80) needs
            // what a developer's machine would give it: the container's own network namespace lets
            // every user bind low ports (docs/wrapper-target.md says so for a real machine).
            Exec.Result ports =
                    c.exec(Duration.ofSeconds(10), "sysctl", "-q", "-w", "net.ipv4.ip_unprivileged_port_start=0");
            if (!ports.ok()) throw new IOException("cannot open low ports on " + c.node() + ": " + ports.describe());
            Exec.Result copy = c.exec(
                    Duration.ofSeconds(60),
                    "sh",
                    "-c",
                    "mkdir -p \"$1\" && cp -a \"$2\" \"$1/\" && chown -R \"$3:\" \"$1\"",
                    "copy",
                    RUN,
                    TREES + "/" + c.node(),
                    RootFs.USER);
            if (!copy.ok()) throw new IOException("cannot copy the tree on " + c.node() + ": " + copy.describe());
            Exec.Result r = c.exec(
                    Duration.ofSeconds(30),
                    "systemd-run",
                    "--unit=" + LAUNCHER_UNIT,
                    "--property=User=" + RootFs.USER,
                    "--property=WorkingDirectory=/home/" + RootFs.USER,
                    RUN + "/" + c.node() + "/bin/modsvc.up");
            if (!r.ok()) throw new IOException("cannot start the launcher on " + c.node() + ": " + r.describe());
        }
        long until = System.nanoTime() + SETTLE.toNanos();
        var waiting = new ArrayList<>(containers.values());
        while (!waiting.isEmpty() && System.nanoTime() < until) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Container c = it.next();
                Exec.Result j =
                        c.exec(Duration.ofSeconds(10), "journalctl", "-u", LAUNCHER_UNIT, "-o", "cat", "--no-pager");
                Exec.Result active = c.exec(Duration.ofSeconds(10), "systemctl", "is-active", LAUNCHER_UNIT);
                if (j.output().contains("modsvc.up: running") || !active.ok()) it.remove();
            }
            sleepMillis(500);
        }
        sleepMillis(2000); // services that exit right after starting are then seen as gone
    }

    private void time(String what, long start) {
        String line = String.format(java.util.Locale.ROOT, "%s: %.1f s", what, (System.nanoTime() - start) / 1e9);
        timings.add(line);
        progress.accept(line);
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes containers (then the bridge) and removes the scratch folder; safe to run twice. */
    private static void closeAll(List<AutoCloseable> resources, Path scratch) {
        List<AutoCloseable> copy;
        synchronized (resources) {
            copy = new ArrayList<>(resources);
            resources.clear();
        }
        for (AutoCloseable r : copy) {
            try {
                r.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
        try {
            RootFs.remove(scratch);
        } catch (IOException e) {
            // a leftover scratch folder under /var/tmp is harmless; nothing is mounted there
        }
    }

    /** Instances of a node that have a unit (tools have none). */
    static List<Instance> daemons(Plan plan, String node) {
        return plan.instances().stream()
                .filter(i -> i.node().equals(node) && i.kind() != ModuleKind.TOOL)
                .toList();
    }

    static SortedMap<String, String> none() {
        return new TreeMap<>();
    }
}
