package org.modsvc.cli;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.modsvc.diag.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class ValidateCommand extends SetupCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    ValidateCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        var loaded = load();
        if (loaded == null) return ExitCode.USAGE;
        // The resolver's checks (bindings, cycles, ports, references) run only on a clean load.
        var diagnostics = new ArrayList<Diagnostic>(
                Planned.of(loaded, limits(), null, false).diagnostics());
        int code = exitFor(diagnostics);
        if (format == Format.json) {
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
