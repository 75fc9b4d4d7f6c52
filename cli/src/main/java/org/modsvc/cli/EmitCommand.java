package org.modsvc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.PlanIndex;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.model.Target;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Reload;
import org.modsvc.plan.Value;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
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
        Path outDir = ctx.cwd().resolve(out).toAbsolutePath().normalize();
        var files = new TreeMap<String, OutputFile>();
        int written = 0;
        TreeWriter.Tree tree = null;
        try {
            long budget = OUTPUT_BUDGET * limits().fileBytes();
            if (!plan.hasErrors() && estimate(plan) > budget) {
                // Checked on the plan, before any text is made: a small setup can multiply one long
                // value over many instances.
                diagnostics.add(Diagnostic.of(
                        Code.LIMIT,
                        Span.file(setupPath),
                        "the emitted files would hold more than " + budget + " bytes (" + OUTPUT_BUDGET
                                + " × limit 'file-bytes')",
                        Limits.raiseHint("file-bytes")));
            } else if (!plan.hasErrors()) {
                var selected = plan.nodes().stream()
                        .filter(n -> node == null || n.name().equals(node))
                        .toList();
                tree = openQuietly(outDir, setupPath);
                List<Emitted> emitted = tree == null ? null : emitInto(tree, plan, selected);
                if (emitted == null && tree != null) {
                    // A path was refused or a write failed: emitted again below, held in memory,
                    // and written as a whole, which reports the problem as it always has.
                    tree.close();
                    tree = null;
                }
                if (tree == null) emitted = emitInto(null, plan, selected);
                for (Emitted e : emitted) {
                    diagnostics.addAll(e.diagnostics());
                    if (e.files() != null) files.putAll(e.files());
                    written += e.count();
                }
                // In memory, a path two nodes both made counts once, as the tree holds it once.
                if (tree == null) written = files.size();
            }
            var all = sorted(diagnostics);
            renderer(loaded).text(all, ctx.err());
            if (all.stream().anyMatch(Diagnostic::isError)) return ExitCode.INVALID;
            String clash =
                    clash(outDir, ctx.cwd().resolve(setupPath).toAbsolutePath().normalize());
            if (clash != null) {
                ctx.err().println("modsvc emit: --out " + out + " " + clash + "; give a directory of its own");
                return ExitCode.USAGE;
            }
            try {
                if (tree != null) tree.commit();
                else new TreeWriter().write(outDir, files, force);
            } catch (TreeWriter.RefusedException e) {
                ctx.err().println("modsvc emit: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (java.io.IOException e) {
                // The surroundings (permissions, a file in the way, a full disk), not the setup: nothing
                // was written, and the previous output, if any, is as it was.
                ctx.err().println("modsvc emit: cannot write " + out + ": " + e + "; nothing was written");
                return ExitCode.USAGE;
            }
        } finally {
            if (tree != null) tree.close();
        }
        ctx.out().println("wrote " + written + " file(s) to " + out);
        return ExitCode.OK;
    }

    /** One node's emission: its diagnostics, how many files, and the files unless already written. */
    private record Emitted(List<Diagnostic> diagnostics, int count, java.util.SortedMap<String, OutputFile> files) {}

    /**
     * The tree to write into while emitting, or null when the output would be refused or cannot be
     * started, or its parent does not exist yet: then everything goes the way it always has, emitted
     * in memory, diagnostics printed, and only then checked and written, so that the messages and
     * what is left on disk stay exactly the same.
     */
    private TreeWriter.Tree openQuietly(Path outDir, String setup) {
        Path parent = outDir.getParent();
        if (parent == null || !java.nio.file.Files.isDirectory(parent)) return null;
        if (clash(outDir, ctx.cwd().resolve(setup).toAbsolutePath().normalize()) != null) return null;
        try {
            return new TreeWriter().open(outDir, force);
        } catch (TreeWriter.RefusedException | java.io.IOException e) {
            return null;
        }
    }

    /**
     * Emits the selected nodes, in parallel (they are independent and the emitters pure); results
     * come back in node order, so the output does not depend on the scheduling. With a tree, each
     * node's files are written as soon as they are made and not kept, so that a large setup's files
     * are never all in memory at once; once any node has an error, no more files are written (the
     * tree will be deleted). Returns null when a path was refused or a write failed.
     */
    private List<Emitted> emitInto(TreeWriter.Tree tree, Plan plan, List<PlanNode> selected) {
        var index = new PlanIndex(plan);
        var systemd = new SystemdEmitter();
        String wrapperRoot = root == null
                ? null
                : ctx.cwd().resolve(root).toAbsolutePath().normalize().toString();
        var skip = new java.util.concurrent.atomic.AtomicBoolean();
        var failed = new java.util.concurrent.atomic.AtomicBoolean();
        List<Emitted> emitted = selected.parallelStream()
                .map(n -> {
                    Target t = target == null
                            ? n.target()
                            : (target == TargetArg.systemd ? Target.SYSTEMD : Target.WRAPPER);
                    Emission e = t == Target.SYSTEMD
                            ? systemd.emit(index, n.name())
                            : new WrapperEmitter(wrapperRoot).emit(index, n.name());
                    if (tree == null)
                        return new Emitted(e.diagnostics(), e.files().size(), e.files());
                    if (e.hasErrors()) skip.set(true);
                    if (!skip.get()) {
                        try {
                            tree.add(e.files());
                        } catch (java.io.IOException | TreeWriter.RefusedException | RuntimeException x) {
                            failed.set(true);
                            skip.set(true);
                        }
                    }
                    return new Emitted(e.diagnostics(), e.files().size(), null);
                })
                .toList();
        return failed.get() ? null : emitted;
    }

    /** How many times the 'file-bytes' limit the emitted files may hold together. */
    static final long OUTPUT_BUDGET = 64;

    /** The characters of every value the selected nodes' files will carry, a lower bound of their size. */
    private long estimate(Plan plan) {
        long n = 0;
        for (Instance i : plan.instances()) {
            if (node != null && !i.node().equals(node)) continue;
            for (Value v : i.argv()) n += length(v);
            for (var e : i.environment().entrySet()) n += e.getKey().length() + length(e.getValue());
            for (ConfigFile c : i.configData()) n += c.path().length() + length(c.text());
            if (i.reload() instanceof Reload.Command c) for (Value v : c.argv()) n += length(v);
            for (var sec : i.systemd().values())
                for (var values : sec.values()) for (String v : values) n += v.length();
        }
        return n;
    }

    private static long length(Value v) {
        long n = 0;
        for (Part p : v.parts())
            n += p instanceof Part.Literal l
                    ? l.text().length()
                    : ((Part.SecretFile) p).source().length();
        return n;
    }

    /**
     * Why {@code outDir} must not be written, or null. The output is replaced as a whole (with
     * --force), so it must not hold the setup or the current directory.
     */
    private String clash(Path outDir, Path setup) {
        Path cwd = ctx.cwd().toAbsolutePath().normalize();
        Path realOut = real(outDir);
        if (setup.startsWith(outDir) || real(setup).startsWith(realOut)) return "holds the setup " + setupPath;
        if (cwd.startsWith(outDir) || real(cwd).startsWith(realOut)) return "holds the current directory";
        return null;
    }

    /** The path with symbolic links resolved as far as it exists. */
    private static Path real(Path p) {
        Path missing = Path.of("");
        Path at = p;
        while (at != null) {
            try {
                return at.toRealPath().resolve(missing);
            } catch (java.io.IOException e) {
                if (at.getFileName() == null) return p;
                missing = at.getFileName().resolve(missing);
                at = at.getParent();
            }
        }
        return p;
    }

    private static List<Diagnostic> sorted(List<Diagnostic> ds) {
        var copy = new ArrayList<>(new java.util.LinkedHashSet<>(ds));
        copy.sort(Diagnostic.ORDER);
        return copy;
    }
}
