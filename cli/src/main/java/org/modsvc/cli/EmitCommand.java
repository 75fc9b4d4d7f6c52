package org.modsvc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.emit.Emission;
import org.modsvc.emit.OutputFile;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.ansible.AnsibleEmitter;
import org.modsvc.emit.nixos.NixosEmitter;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.load.LoadResult;
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
            "Write systemd units or exec wrappers for a setup, one root tree per node, or a NixOS module per node.",
            "Without --target each node is emitted as its own target says; with it, every selected node is."
        },
        footer = {
            "",
            "Examples:",
            "  modsvc emit samples/webapp --target systemd --out out/",
            "  modsvc emit samples/devbox --target wrapper --out out/ --node laptop",
            "  modsvc emit samples/devbox --target wrapper --out out/ --root out/",
            "  modsvc emit samples/three-nodes --out out/ --deploy ansible",
            "  modsvc emit samples/webapp --target nixos --out out/  (out/<node>/modsvc.nix)",
            "",
            "Nothing is written when the setup has errors; the tree appears complete or not at all."
        })
final class EmitCommand extends SetupCommand<Plan> {

    /** The targets on the command line. */
    enum TargetArg {
        systemd,
        wrapper,
        /** A NixOS module per node; an emit option only, not a node target (see docs/nixos-target.md). */
        nixos
    }

    @Option(
            names = "--target",
            paramLabel = "TARGET",
            description = "systemd, wrapper or nixos (default: each node's own, systemd or wrapper)")
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

    /** The deployment tools --deploy writes for. */
    enum DeployArg {
        ansible
    }

    @Option(
            names = "--deploy",
            paramLabel = "TOOL",
            description = "also write a deployment of the trees: ansible (OUT/deploy/ansible/: inventory.yaml,"
                    + " site.yml, roles/)")
    DeployArg deploy;

    EmitCommand(Context ctx) {
        super(ctx);
    }

    /** The plan; null when the setup does not load. */
    @Override
    Plan resolve(LoadResult loaded) {
        if (loaded.hasErrors() || loaded.setup() == null) return null;
        return new Resolver(limits(), progress()).resolve(loaded.setup());
    }

    @Override
    int render(LoadResult loaded, Plan plan) {
        var diagnostics = new ArrayList<Diagnostic>(loaded.diagnostics());
        if (plan == null) {
            renderer(loaded).text(sorted(diagnostics), ctx.err());
            return ExitCode.INVALID;
        }
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
        Diagnostic tooLarge = plan.hasErrors() ? null : budget(lowerBound(plan), "at least ");
        if (tooLarge != null) {
            // Checked on the plan, before any text is made: a small setup can multiply one long
            // value, or one unit, over many instances, and the trees are held in memory until
            // written.
            diagnostics.add(tooLarge);
        } else if (!plan.hasErrors()) {
            var index = plan.index();
            var systemd = new SystemdEmitter();
            var nixos = new NixosEmitter(systemd);
            String wrapperRoot = root == null
                    ? null
                    : ctx.cwd().resolve(root).toAbsolutePath().normalize().toString();
            var selected = plan.nodes().stream()
                    .filter(n -> node == null || n.name().equals(node))
                    .toList();
            // Nodes are independent and the emitters pure, so they run in parallel; the results
            // are combined in node order, so the output does not depend on the scheduling.
            var progress = progress();
            progress.phase(org.modsvc.progress.Progress.Phase.EMITTING, selected.size());
            List<Emission> emissions = selected.parallelStream()
                    .map(n -> {
                        Emission e;
                        if (target == TargetArg.nixos) {
                            e = nixos.emit(index, n.name());
                        } else {
                            Target t = target == null
                                    ? n.target()
                                    : (target == TargetArg.systemd ? Target.SYSTEMD : Target.WRAPPER);
                            e = t == Target.SYSTEMD
                                    ? systemd.emit(index, n.name())
                                    : new WrapperEmitter(wrapperRoot).emit(index, n.name());
                        }
                        progress.advance(1);
                        return e;
                    })
                    .toList();
            for (Emission emission : emissions) {
                diagnostics.addAll(emission.diagnostics());
                files.putAll(emission.files());
            }
            if (deploy == DeployArg.ansible) {
                Emission e = ansible(loaded, plan);
                diagnostics.addAll(e.diagnostics());
                files.putAll(e.files());
            }
            // The files as they would be written, counted exactly.
            long bytes = 0;
            for (OutputFile f : files.values()) bytes += f.size();
            Diagnostic over = budget(new long[] {files.size(), bytes}, "");
            if (over != null) {
                diagnostics.add(over);
                files.clear();
            }
        }
        var all = sorted(diagnostics);
        hideProgress();
        renderer(loaded).text(all, ctx.err());
        if (all.stream().anyMatch(Diagnostic::isError)) return ExitCode.INVALID;
        Path outDir = ctx.cwd().resolve(out).toAbsolutePath().normalize();
        String clash =
                clash(outDir, ctx.cwd().resolve(setupPath()).toAbsolutePath().normalize());
        if (clash != null) {
            ctx.err().println("modsvc emit: --out " + out + " " + clash + "; give a directory of its own");
            return ExitCode.USAGE;
        }
        try {
            // A replaced tree of this many files takes seconds to unlink: it is removed in the
            // background, after the new tree is in place (docs/commands.md, emit --force).
            boolean background = files.size() >= BACKGROUND_REMOVAL_FILES;
            new TreeWriter(progress(), background).write(outDir, files, force);
        } catch (TreeWriter.RefusedException e) {
            hideProgress();
            ctx.err().println("modsvc emit: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (java.io.IOException e) {
            hideProgress();
            // The surroundings (permissions, a file in the way, a full disk), not the setup: nothing
            // was written, and the previous output, if any, is as it was.
            ctx.err()
                    .println("modsvc emit: cannot write " + out + ": " + TreeWriter.describe(e)
                            + "; nothing was written");
            return ExitCode.USAGE;
        }
        hideProgress();
        ctx.out().println("wrote " + files.size() + " file(s) to " + out);
        return ExitCode.OK;
    }

    /**
     * From how many files in the new tree a tree it replaces is removed by a detached {@code rm -rf}
     * instead of before the command ends; small trees go in the foreground, so that the command is
     * done with its directory when it exits.
     */
    static final int BACKGROUND_REMOVAL_FILES = 1000;

    /** The playbook, with the node targets as this command emits them. */
    private Emission ansible(LoadResult loaded, Plan plan) {
        var targets = new TreeMap<String, Target>();
        for (PlanNode n : plan.nodes()) {
            targets.put(
                    n.name(),
                    target == null ? n.target() : (target == TargetArg.systemd ? Target.SYSTEMD : Target.WRAPPER));
        }
        return new AnsibleEmitter()
                .emit(
                        plan,
                        loaded.setup().nodes(),
                        CrossNodeSecrets.of(plan, loaded.setup().contracts()),
                        targets,
                        setupPath());
    }

    @Override
    Integer checkArguments() {
        if (deploy != null && node != null) {
            ctx.err().println("modsvc emit: --deploy deploys every node; leave out --node");
            return ExitCode.USAGE;
        }
        if (deploy != null && target == TargetArg.nixos) {
            // A NixOS configuration is deployed by NixOS (nixos-rebuild), not by copying trees.
            ctx.err().println("modsvc emit: --deploy ansible copies systemd trees; it does not deploy --target nixos");
            return ExitCode.USAGE;
        }
        return null;
    }

    /**
     * Bytes a unit or script holds besides the values it carries (comment, sections, keys), a
     * lower bound over every target and hardening level.
     */
    static final long FIXED_BYTES_PER_INSTANCE = 128;

    /** The E004 for a count over the 'output-files' or 'output-bytes' limit, or null. */
    private Diagnostic budget(long[] filesAndBytes, String atLeast) {
        Limits l = limits();
        String name = null;
        String what = null;
        if (filesAndBytes[0] > l.outputFiles()) {
            name = "output-files";
            what = atLeast + filesAndBytes[0] + " files, more than " + l.outputFiles();
        } else if (filesAndBytes[1] > l.outputBytes()) {
            name = "output-bytes";
            what = atLeast + filesAndBytes[1] + " bytes, more than " + l.outputBytes();
        }
        if (name == null) return null;
        return Diagnostic.of(
                Code.LIMIT,
                Span.file(setupPath()),
                "the emitted trees would hold " + what + " (limit '" + name + "'); nothing was written",
                Limits.raiseHint(name));
    }

    /**
     * Files and bytes the selected nodes' trees will hold at least: one file per instance that
     * runs (tools excepted) and per config file, each carrying its values and a fixed minimum.
     */
    private long[] lowerBound(Plan plan) {
        long files = 0;
        long n = 0;
        for (Instance i : plan.instances()) {
            if (node != null && !i.node().equals(node)) continue;
            if (i.kind() != org.modsvc.model.ModuleKind.TOOL) {
                files++;
                n += FIXED_BYTES_PER_INSTANCE;
            }
            files += i.configData().size();
            for (Value v : i.argv()) n += length(v);
            for (var e : i.environment().entrySet()) n += e.getKey().length() + length(e.getValue());
            for (ConfigFile c : i.configData()) n += length(c.text());
            if (i.reload() instanceof Reload.Command c) for (Value v : c.argv()) n += length(v);
            if (i.reload() instanceof Reload.Line l) n += length(l.line());
            for (var sec : i.systemd().values())
                for (var values : sec.values()) for (String v : values) n += v.length();
        }
        return new long[] {files, n};
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
        if (setup.startsWith(outDir) || real(setup).startsWith(realOut)) return "holds the setup " + setupPath();
        // Inside a setup directory (services/, say) --force would replace the setup's own files.
        if (java.nio.file.Files.isDirectory(setup) && (outDir.startsWith(setup) || realOut.startsWith(real(setup)))) {
            return "lies inside the setup " + setupPath();
        }
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
