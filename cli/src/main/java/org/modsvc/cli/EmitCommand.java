package org.modsvc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.PlanIndex;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "emit",
        mixinStandardHelpOptions = true,
        description = {
            "Write systemd units or exec wrappers for a setup, one root tree per node.",
            "Without --target each node is emitted as its own target says; with it, every selected node is."
        },
        footer = {
            "",
            "Examples:",
            "  modsvc emit samples/webapp --target systemd --out out/",
            "  modsvc emit samples/devbox --target wrapper --out out/ --node laptop",
            "  modsvc emit samples/devbox --target wrapper --out out/ --root out/",
            "",
            "Nothing is written when the setup has errors; the tree appears complete or not at all."
        })
final class EmitCommand extends SetupCommand implements Callable<Integer> {

    /** The targets on the command line. */
    enum TargetArg {
        systemd,
        wrapper
    }

    @Option(names = "--target", paramLabel = "TARGET", description = "systemd or wrapper (default: each node's own)")
    TargetArg target;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "output directory; must be absent or empty")
    Path out;

    @Option(names = "--node", paramLabel = "NAME", description = "emit only this node")
    String node;

    @Option(names = "--force", description = "replace a non-empty output directory")
    boolean force;

    @Option(
            names = "--root",
            paramLabel = "PREFIX",
            description = "wrapper nodes: the trees will live at PREFIX/<node> instead of each node's /; "
                    + "give the --out directory to run them in place")
    Path root;

    EmitCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        var loaded = load();
        if (loaded == null) return ExitCode.USAGE;
        var diagnostics = new ArrayList<Diagnostic>(loaded.diagnostics());
        if (loaded.hasErrors() || loaded.setup() == null) {
            renderer(loaded).text(sorted(diagnostics), ctx.err());
            return ExitCode.INVALID;
        }
        Plan plan = new Resolver(limits()).resolve(loaded.setup());
        diagnostics.addAll(plan.diagnostics());
        if (node != null && plan.node(node).isEmpty()) {
            ctx.err()
                    .println("modsvc emit: the setup has no node '" + node + "'; nodes: "
                            + String.join(
                                    ", ",
                                    plan.nodes().stream().map(PlanNode::name).toList()));
            return ExitCode.USAGE;
        }
        var files = new TreeMap<String, OutputFile>();
        if (!plan.hasErrors()) {
            var index = new PlanIndex(plan);
            var systemd = new SystemdEmitter();
            String wrapperRoot = root == null
                    ? null
                    : ctx.cwd().resolve(root).toAbsolutePath().normalize().toString();
            var selected = plan.nodes().stream()
                    .filter(n -> node == null || n.name().equals(node))
                    .toList();
            // Nodes are independent and the emitters pure, so they run in parallel; the results
            // are combined in node order, so the output does not depend on the scheduling.
            List<Emission> emissions = selected.parallelStream()
                    .map(n -> {
                        Target t = target == null
                                ? n.target()
                                : (target == TargetArg.systemd ? Target.SYSTEMD : Target.WRAPPER);
                        return t == Target.SYSTEMD
                                ? systemd.emit(index, n.name())
                                : new WrapperEmitter(wrapperRoot).emit(plan, n.name());
                    })
                    .toList();
            for (Emission emission : emissions) {
                diagnostics.addAll(emission.diagnostics());
                files.putAll(emission.files());
            }
        }
        var all = sorted(diagnostics);
        renderer(loaded).text(all, ctx.err());
        if (all.stream().anyMatch(Diagnostic::isError)) return ExitCode.INVALID;
        try {
            new TreeWriter().write(ctx.cwd().resolve(out), files, force);
        } catch (TreeWriter.RefusedException e) {
            ctx.err().println("modsvc emit: " + e.getMessage());
            return ExitCode.USAGE;
        }
        ctx.out().println("wrote " + files.size() + " file(s) to " + out);
        return ExitCode.OK;
    }

    private static List<Diagnostic> sorted(List<Diagnostic> ds) {
        var copy = new ArrayList<>(new java.util.LinkedHashSet<>(ds));
        copy.sort(Diagnostic.ORDER);
        return copy;
    }
}
