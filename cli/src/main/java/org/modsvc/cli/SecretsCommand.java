package org.modsvc.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.emit.secrets.CrossNodeSecrets.Delivery;
import org.modsvc.emit.secrets.SecretFiles;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description = {
            "Write the secret files that consumers on other nodes need: for each secret of a remote binding, one"
                    + " random file at the same path under DIR/<provider node>/ and DIR/<consumer node>/, mode"
                    + " 0600.",
            "Files that already exist under DIR are kept, so a second run changes nothing.",
            "For wrapper trees emitted with --root, give the same --target and --root: each node's copy then goes"
                    + " where its tree reads it, below PREFIX/<node>."
        },
        footer = {
            "",
            "Example:",
            "  modsvc secrets samples/three-nodes --out secrets/",
            "  modsvc secrets samples/three-nodes --target wrapper --root /opt/modsvc/run \\",
            "    --out secrets/",
            "Then copy secrets/<node>/ onto each node's / before it starts (on a wrapper node, as the user who runs"
                    + " modsvc.up: the files must be that user's).",
            "",
            "Exit codes: 0 written (or nothing to write), 1 the setup has errors, 2 usage or I/O error."
        })
final class SecretsCommand extends SetupCommand<Plan> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the node trees go")
    Path out;

    @Option(
            names = "--target",
            paramLabel = "TARGET",
            description = "systemd or wrapper, as given to emit (default: each node's own)")
    EmitCommand.TargetArg target;

    @Option(
            names = "--root",
            paramLabel = "PREFIX",
            description = "wrapper nodes, as given to emit: each copy goes where the tree at PREFIX/<node> reads it")
    Path root;

    SecretsCommand(Context ctx) {
        super(ctx);
    }

    @Override
    Plan resolve(LoadResult loaded) {
        if (loaded.hasErrors() || loaded.setup() == null) return null;
        return new Resolver(limits(), progress()).resolve(loaded.setup());
    }

    @Override
    int render(LoadResult loaded, Plan plan) {
        if (plan == null || plan.hasErrors()) {
            List<Diagnostic> d = plan == null
                    ? loaded.diagnostics()
                    : plan.diagnostics().stream().filter(Diagnostic::isError).toList();
            renderer(loaded).text(d, ctx.err());
            return ExitCode.INVALID;
        }
        List<Delivery> deliveries = CrossNodeSecrets.of(plan, loaded.setup().contracts(), placement(plan));
        Path dir = ctx.cwd().resolve(out);
        int made;
        try {
            made = SecretFiles.write(deliveries, dir);
            for (Delivery d : deliveries) {
                ctx.out()
                        .println(d.path() + " for " + String.join(", ", d.consumers()) + " (" + d.provider() + "): "
                                + String.join(", ", d.nodes()));
                for (var copy : d.copies().entrySet()) {
                    if (!copy.getValue().equals(d.path()))
                        ctx.out().println("  on " + copy.getKey() + " at " + copy.getValue());
                }
            }
        } catch (IOException e) {
            ctx.err().println("modsvc secrets: cannot write under " + out + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        ctx.out()
                .println(
                        deliveries.isEmpty()
                                ? "no secret crosses nodes in setup '" + plan.setup() + "'"
                                : made + " secret(s) made, " + (deliveries.size() - made) + " kept, under " + out);
        return ExitCode.OK;
    }

    /**
     * Where each node reads a path: as planned, except on a wrapper node of a tree emitted with
     * {@code --root}, which reads its own and its remote providers' state below {@code PREFIX/<node>}.
     */
    private CrossNodeSecrets.Placement placement(Plan plan) {
        if (root == null) return CrossNodeSecrets.Placement.AS_PLANNED;
        var index = plan.index();
        var wrapper = new WrapperEmitter(
                ctx.cwd().resolve(root).toAbsolutePath().normalize().toString());
        return (node, path) -> {
            Target t = target == null
                    ? index.node(node).target()
                    : (target == EmitCommand.TargetArg.systemd ? Target.SYSTEMD : Target.WRAPPER);
            return t == Target.WRAPPER ? wrapper.placed(index, node, path) : path;
        };
    }
}
