package org.modsvc.cli;

import java.util.ArrayList;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a setup: every file, name, import, contract, binding and reference.",
        footer = {
            "",
            "Example:",
            "  modsvc validate samples/webapp",
            "",
            "Exit codes: 0 valid (warnings allowed), 1 errors, 2 usage error."
        })
final class ValidateCommand extends SetupCommand<Planned> {

    @Mixin
    FormatOption format;

    ValidateCommand(Context ctx) {
        super(ctx);
    }

    @Override
    Planned resolve(LoadResult loaded) {
        // The resolver's checks (bindings, cycles, ports, references) run only on a clean load.
        return Planned.of(loaded, limits(), null, false);
    }

    @Override
    int render(LoadResult loaded, Planned planned) {
        var diagnostics = new ArrayList<Diagnostic>(planned.diagnostics());
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
