package org.modsvc.cli;

import java.util.concurrent.Callable;
import org.modsvc.schema.Schemas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of setup, service or contract files, for editors.",
        footer = {
            "",
            "Examples:",
            "  modsvc schema setup > setup.schema.json",
            "  for k in setup service contract; do modsvc schema $k > $k.schema.json; done",
            "",
            "Then put this first line in a file (yaml-language-server, e.g. in VS Code or Neovim):",
            "  # yaml-language-server: $schema=./setup.schema.json"
        })
final class SchemaCommand implements Callable<Integer> {
    private final Context ctx;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "KIND",
            defaultValue = "setup",
            description = "setup, service or contract (default: ${DEFAULT-VALUE})",
            completionCandidates = Kinds.class)
    String kind;

    SchemaCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** The kinds, for completion and the usage message. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Schemas.KINDS.iterator();
        }
    }

    @Override
    public Integer call() {
        if (!Schemas.KINDS.contains(kind)) {
            ctx.err()
                    .println("modsvc schema: unknown kind '" + kind + "'; use one of "
                            + String.join(", ", Schemas.KINDS));
            return ExitCode.USAGE;
        }
        ctx.out().print(Schemas.text(kind));
        ctx.out().flush();
        return ExitCode.OK;
    }
}
