package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = "Draw the resolved graph as Graphviz dot or Mermaid.")
final class GraphCommand extends SetupCommand implements Callable<Integer> {

    GraphCommand(Context ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ctx.err().println("modsvc graph: not implemented yet");
        return ExitCode.INTERNAL;
    }
}
