package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Resolve a setup and print the plan.")
final class PlanCommand extends SetupCommand implements Callable<Integer> {

    PlanCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc plan: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
