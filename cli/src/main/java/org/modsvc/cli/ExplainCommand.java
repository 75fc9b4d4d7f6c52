package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain one instance or binding: why it was chosen, and what fails with it.")
final class ExplainCommand extends SetupCommand implements Callable<Integer> {

    ExplainCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc explain: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
