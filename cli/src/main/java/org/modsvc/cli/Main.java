package org.modsvc.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.modsvc.catalogue.Catalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code modsvc} command: subcommands, exit codes, and the guard against stack traces. */
@Command(
        name = "modsvc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Resolves service contracts and dependencies for modular services, and emits systemd units and exec wrappers.",
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            EmitCommand.class,
            GraphCommand.class,
            ExplainCommand.class,
            CompareCommand.class,
            CheckCommand.class,
            SecretsCommand.class,
            DiffCommand.class,
            ImportCommand.class,
            ContractsCommand.class,
            SchemaCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Example:",
            "  modsvc validate samples/webapp",
            "",
            "Exit codes: 0 success, 1 the setup has errors, 2 usage error, 3 internal error."
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        var out = new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        var err =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        var ctx = new Context(
                out,
                err,
                System.getenv(),
                stderrIsTerminal(),
                Path.of("").toAbsolutePath(),
                new Lazy<>(Catalogue::load));
        int code = run(args, ctx);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Whether diagnostics (stderr) go to a terminal. {@code System.console()} answers for stdin and
     * stdout, so {@code modsvc validate x 2>log} would get colour codes in the log; on Linux the
     * file descriptor's link says where stderr really goes.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2"))
                    .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Runs one command line with the given context and returns the exit code; never throws. */
    public static int run(String[] args, Context ctx) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        try {
            var cl = commandLine(ctx);
            cl.setExecutionExceptionHandler((ex, line, parsed) -> {
                ctx.err().println("modsvc: internal error: " + ex);
                if (debug) ex.printStackTrace(ctx.err());
                else ctx.err().println("  run again with --debug for the stack trace, and report it as a bug");
                return ExitCode.INTERNAL;
            });
            cl.setParameterExceptionHandler((ex, a) -> {
                var c = ex.getCommandLine();
                c.getErr().println("modsvc: " + ex.getMessage());
                if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                    c.usage(c.getErr());
                }
                return ExitCode.USAGE;
            });
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Not a bug in modsvc nor in the setup as such: a setup within the limits can still need
            // more heap than this JVM has. Say what to raise, and exit as for the environment.
            ctx.err()
                    .println("modsvc: out of memory (the JVM's heap is "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); nothing was written");
            ctx.err()
                    .println("  help: give the JVM more heap (MODSVC_JAVA_OPTS=-Xmx8g), or lower the limits"
                            + " that admit a setup this large (--limit instances=N, --limit nodes=N)");
            return ExitCode.USAGE;
        } catch (RuntimeException | Error e) {
            ctx.err().println("modsvc: internal error: " + e);
            if (debug) e.printStackTrace(ctx.err());
            return ExitCode.INTERNAL;
        }
    }

    /** The command model, with every subcommand built from {@code ctx}. */
    public static CommandLine commandLine(Context ctx) {
        var cl = new CommandLine(new Main(), new Factory(ctx));
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        cl.setErr(new java.io.PrintWriter(ctx.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                ctx.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    /** Builds commands with the context, so none of them reaches for globals. */
    private record Factory(Context ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"modsvc " + (v == null ? "0.1.0" : v)};
        }
    }

    /** A supplier that computes once. */
    static final class Lazy<T> implements java.util.function.Supplier<T> {
        private final java.util.function.Supplier<T> make;
        private T value;

        Lazy(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) value = make.get();
            return value;
        }
    }

    static Map<String, String> noEnv() {
        return Map.of();
    }
}
