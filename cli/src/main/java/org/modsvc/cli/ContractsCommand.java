package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "contracts",
        mixinStandardHelpOptions = true,
        description = "List the contract catalogue, or show one contract.")
final class ContractsCommand implements Callable<Integer> {
    private final Context ctx;

    ContractsCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc contracts: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
