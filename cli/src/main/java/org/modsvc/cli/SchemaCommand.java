package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of setup, service or contract files.")
final class SchemaCommand implements Callable<Integer> {
    private final Context ctx;

    SchemaCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc schema: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
