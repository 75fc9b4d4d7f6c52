package org.modsvc.cli;

import java.util.ArrayList;
import java.util.TreeMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.ansible.AnsibleEmitter;
import org.modsvc.emit.secrets.CrossNodeSecrets;
import org.modsvc.load.LoadResult;
import org.modsvc.model.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a setup: every file, name, import, contract, binding and reference.",
        footer = {
            "",
            "Example:",
            "  modsvc validate samples/webapp",
            "  modsvc validate samples/three-nodes --deploy ansible",
            "",
            "Exit codes: 0 valid (warnings allowed), 1 errors, 2 usage error."
        })
final class ValidateCommand extends SetupCommand<Planned> {

    @Mixin
    FormatOption format;

    @Option(
            names = "--deploy",
            paramLabel = "TOOL",
            description = "also check what emit --deploy TOOL needs of the nodes (ansible: an address that is a"
                    + " host, a systemd target)")
    EmitCommand.DeployArg deploy;

    ValidateCommand(Context ctx) {
        super(ctx);
    }

    @Override
    Planned resolve(LoadResult loaded) {
        // The resolver's checks (bindings, cycles, ports, references) run only on a clean load.
        return Planned.of(loaded, limits(), null, false, progress());
    }

    @Override
    int render(LoadResult loaded, Planned planned) {
        var diagnostics = new ArrayList<Diagnostic>(planned.diagnostics());
        if (deploy == EmitCommand.DeployArg.ansible && planned.resolution() != null && exitFor(diagnostics) == 0) {
            // The playbook's own checks, as emit --deploy ansible runs them (nodes at their own target).
            var plan = planned.resolution().plan();
            var targets = new TreeMap<String, Target>();
            for (var n : plan.nodes()) targets.put(n.name(), n.target());
            var e = new AnsibleEmitter()
                    .emit(
                            plan,
                            loaded.setup().nodes(),
                            CrossNodeSecrets.of(plan, loaded.setup().contracts()),
                            targets,
                            setupPath());
            diagnostics.addAll(e.diagnostics());
            diagnostics.sort(Diagnostic.ORDER);
        }
        int code = exitFor(diagnostics);
        if (format.json()) {
            Json.write(ctx.out(), g -> {
                g.writeStartObject();
                g.writeBooleanField("valid", code == ExitCode.OK);
                DiagnosticRenderer.json(diagnostics, g);
                g.writeEndObject();
            });
        } else {
            renderer(loaded).text(diagnostics, ctx.err());
            if (code == ExitCode.OK && loaded.setup() != null) {
                var s = loaded.setup();
                ctx.out()
                        .println("ok: setup '" + s.name() + "' is valid: "
                                + s.nodes().size() + " node(s), "
                                + s.nodes().values().stream()
                                        .mapToInt(n -> n.run().size())
                                        .sum() + " declared instance(s)");
            }
        }
        return code;
    }
}
