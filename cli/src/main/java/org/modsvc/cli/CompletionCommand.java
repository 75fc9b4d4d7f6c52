package org.modsvc.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script generated from the command model.",
        footer = {"", "Example:", "  source <(modsvc completion)"})
final class CompletionCommand implements Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    CompletionCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(AutoComplete.bash("modsvc", spec.root().commandLine()));
        ctx.out().flush();
        return ExitCode.OK;
    }
}
