package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.ansible.AnsibleEmitter;
import org.modsvc.emit.diff.TreeDiff;
import org.modsvc.emit.diff.TreeDiff.NodeDiff;
import org.modsvc.emit.diff.TreeDiff.UnitChange;
import org.modsvc.emit.systemd.SystemdEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "What deploying NEW over OLD does, per node: the units added, removed and changed, and for each"
                    + " changed unit whether it needs a reload (only config data changed and it declares a reload),"
                    + " a restart, a re-provision (new fulfil steps: its request set grew), or nothing.",
            "OLD and NEW are setups, or the output directory of an earlier emit; setups are compared as the"
                    + " systemd trees emit writes for them."
        },
        footer = {
            "",
            "Examples:",
            "  modsvc diff samples/three-nodes my-three-nodes/",
            "  modsvc diff out/ samples/three-nodes --format json",
            "",
            "Exit codes: 0 compared (differences are not an error), 1 a setup has errors, 2 usage or I/O error."
        })
final class DiffCommand implements Callable<Integer> {
    private final Context ctx;

    @Parameters(index = "0", paramLabel = "OLD", description = "a setup, or the --out directory of an earlier emit")
    String oldPath;

    @Parameters(index = "1", paramLabel = "NEW", description = "a setup, or the --out directory of an emit")
    String newPath;

    @Mixin
    FormatOption format;

    @picocli.CommandLine.Option(
            names = {"-q", "--quiet"},
            description = "show no progress on stderr (it is shown only on a terminal, for runs over about a second)")
    boolean quiet;

    /** The line of progress on a terminal; null when none is shown. */
    private TerminalProgress progress;

    DiffCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        progress = TerminalProgress.forContext(ctx, quiet);
        try {
            var before = files(oldPath);
            if (before == null) return failed;
            var after = files(newPath);
            if (after == null) return failed;
            List<NodeDiff> diff =
                    TreeDiff.of(before, after, Set.of(AnsibleEmitter.DIR.split("/")[0]));
            hideProgress();
            if (format.json()) Json.write(ctx.out(), g -> json(diff, g));
            else text(diff);
            return ExitCode.OK;
        } finally {
            if (progress != null) progress.close();
        }
    }

    private org.modsvc.progress.Progress progress() {
        return progress == null ? org.modsvc.progress.Progress.NONE : progress;
    }

    private void hideProgress() {
        if (progress != null) progress.hide();
    }

    private int failed = ExitCode.USAGE;

    /** The systemd trees of a setup, or the files of an emitted directory; null after saying why. */
    private TreeMap<String, byte[]> files(String given) throws IOException {
        Path p = ctx.cwd().resolve(given);
        if (!Files.exists(p)) {
            hideProgress();
            ctx.err().println("modsvc diff: no such file or directory: " + given);
            failed = ExitCode.USAGE;
            return null;
        }
        boolean setup = Files.isRegularFile(p)
                || Files.exists(p.resolve("setup.yaml"))
                || Files.exists(p.resolve("setup.json"));
        return setup ? emitted(p, given) : tree(p);
    }

    private TreeMap<String, byte[]> emitted(Path p, String given) throws IOException {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, ctx.catalogue().get(), progress()).load(p, given);
        Plan plan = loaded.hasErrors() || loaded.setup() == null
                ? null
                : new Resolver(Limits.DEFAULT, progress()).resolve(loaded.setup());
        if (plan == null || plan.hasErrors()) {
            hideProgress();
            List<Diagnostic> d = plan == null
                    ? loaded.diagnostics()
                    : plan.diagnostics().stream().filter(Diagnostic::isError).toList();
            new DiagnosticRenderer(loaded.sources(), loaded.secretFields(), ctx.colour()).text(d, ctx.err());
            failed = d.stream().anyMatch(x -> x.code() == Code.NO_SETUP) ? ExitCode.USAGE : ExitCode.INVALID;
            return null;
        }
        var out = new TreeMap<String, byte[]>();
        var index = plan.index();
        progress()
                .phase(org.modsvc.progress.Progress.Phase.EMITTING, plan.nodes().size());
        for (PlanNode n : plan.nodes()) {
            new SystemdEmitter().emit(index, n.name()).files().forEach((k, v) -> out.put(k, v.content()));
            progress().advance(1);
        }
        return out;
    }

    private TreeMap<String, byte[]> tree(Path dir) throws IOException {
        var out = new TreeMap<String, byte[]>();
        try (var files = Files.walk(dir)) {
            var regular = files.filter(Files::isRegularFile).sorted().toList();
            progress().phase(org.modsvc.progress.Progress.Phase.READING_TREE, regular.size());
            for (Path f : regular) {
                String rel = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                out.put(rel, Files.readAllBytes(f));
                progress().advance(1);
            }
        }
        return out;
    }

    private void text(List<NodeDiff> diff) {
        int changed = 0;
        var actions = new TreeMap<String, Integer>();
        for (NodeDiff n : diff) {
            ctx.out().println(n.node() + ": " + n.status());
            for (UnitChange u : n.units()) {
                var line = new StringBuilder("  " + u.change() + " " + u.unit());
                if (u.change().equals("changed")) {
                    line.append(": ")
                            .append(
                                    u.actions().isEmpty()
                                            ? "nothing to do"
                                            : words(u).collect(Collectors.joining(", ")))
                            .append(" (")
                            .append(String.join("; ", u.why()))
                            .append(')');
                    words(u).forEach(w -> actions.merge(w, 1, Integer::sum));
                }
                ctx.out().println(line);
            }
            if (!n.status().equals("unchanged")) changed++;
        }
        ctx.out()
                .println(diff.size() + " node(s), " + changed + " with changes; "
                        + (actions.isEmpty()
                                ? "no unit to reload, restart or re-provision"
                                : actions.entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", "))));
    }

    private static java.util.stream.Stream<String> words(UnitChange u) {
        return u.actions().stream().sorted().map(TreeDiff.Action::word);
    }

    private static void json(List<NodeDiff> diff, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("nodes");
        for (NodeDiff n : diff) {
            g.writeStartObject();
            g.writeStringField("node", n.node());
            g.writeStringField("status", n.status());
            g.writeArrayFieldStart("units");
            for (UnitChange u : n.units()) {
                g.writeStartObject();
                g.writeStringField("unit", u.unit());
                g.writeStringField("change", u.change());
                g.writeArrayFieldStart("actions");
                for (String w : words(u).toList()) g.writeString(w);
                g.writeEndArray();
                g.writeArrayFieldStart("why");
                for (String w : u.why()) g.writeString(w);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
