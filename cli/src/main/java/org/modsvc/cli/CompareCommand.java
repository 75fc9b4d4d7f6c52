package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare sub-services against shared contracts, side by side.")
final class CompareCommand extends SetupCommand implements Callable<Integer> {

    CompareCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc compare: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
