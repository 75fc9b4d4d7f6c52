package org.modsvc.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
        footer = {
            "",
            "Example:",
            "  modsvc validate samples/webapp",
            "",
            "Exit codes: 0 success, 1 the setup has errors, 2 usage error, 3 internal error."
        })
public final class Main implements Runnable {

    /**
     * The subcommands by name, in the order help lists them. Only the one a command line names is
     * built (see {@link #commandLine(Context, String[])}): picocli reads every command's annotations
     * when it is added, and its classes (Java 5 byte code) cannot be kept in the JVM's ahead-of-time
     * cache, so building all fourteen cost a small run more than its own work.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        var m = new java.util.LinkedHashMap<String, Class<?>>();
        m.put("validate", ValidateCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("emit", EmitCommand.class);
        m.put("graph", GraphCommand.class);
        m.put("explain", ExplainCommand.class);
        m.put("compare", CompareCommand.class);
        m.put("check", CheckCommand.class);
        m.put("secrets", SecretsCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("import", ImportCommand.class);
        m.put("contracts", ContractsCommand.class);
        m.put("schema", SchemaCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

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
                out, err, System.getenv(), stderrIsTerminal(), Path.of("").toAbsolutePath(), catalogueFor(args));
        int code = run(args, ctx);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The catalogue, read on a second thread from the start when the command reads a setup: parsing
     * its two dozen files is a good part of a small run, and the main thread meanwhile builds the
     * command line. Otherwise read on first use, if ever.
     */
    static java.util.function.Supplier<Catalogue> catalogueFor(String[] args) {
        var lazy = new Lazy<>(Catalogue::load);
        if (args.length > 0 && READS_SETUP.contains(args[0])) {
            var t = new Thread(
                    () -> {
                        try {
                            lazy.get();
                        } catch (RuntimeException | Error e) {
                            // Not reported here: the command's own get() reads it again and fails
                            // where failures are reported.
                        }
                    },
                    "modsvc-catalogue");
            t.setDaemon(true);
            t.start();
        }
        return lazy;
    }

    /** The subcommands that load a setup, and so the catalogue. */
    private static final java.util.Set<String> READS_SETUP =
            java.util.Set.of("validate", "plan", "emit", "graph", "explain", "compare", "check", "secrets", "diff");

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
            Integer quick = quickRun(args, ctx, debug);
            if (quick != null) return quick;
            var cl = commandLine(ctx, args);
            cl.setExecutionExceptionHandler((ex, line, parsed) -> internalError(ex, ctx, debug));
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

    /**
     * Runs a plain command line without picocli (see {@link QuickArgs}); null when the line is not
     * plain, and picocli must parse it (and report what is wrong with it).
     */
    private static Integer quickRun(String[] args, Context ctx, boolean debug) {
        if (args.length == 0 || !QUICK.contains(args[0])) return null;
        Object command;
        try {
            command = new Factory(ctx).create(SUBCOMMANDS.get(args[0]));
        } catch (Exception e) {
            return null; // picocli builds it again, and reports what fails
        }
        if (!QuickArgs.parse(args[0], command, java.util.Arrays.copyOfRange(args, 1, args.length))) return null;
        try {
            return ((java.util.concurrent.Callable<?>) command).call() instanceof Integer i ? i : 0;
        } catch (Exception ex) {
            return internalError(ex, ctx, debug);
        }
    }

    /**
     * The subcommands {@link #quickRun} may run: each a Callable with no subcommands of its own.
     * QuickArgsDifferentialTest compares each against picocli, and QuickArgsModelTest writes their
     * options into the shipped model in this order.
     */
    static final List<String> QUICK = List.of(
            "validate",
            "plan",
            "emit",
            "graph",
            "explain",
            "compare",
            "check",
            "secrets",
            "diff",
            "contracts",
            "schema");

    /** What picocli's execution-exception handler does for an exception a command threw. */
    private static int internalError(Exception ex, Context ctx, boolean debug) {
        ctx.err().println("modsvc: internal error: " + ex);
        if (debug) ex.printStackTrace(ctx.err());
        else ctx.err().println("  run again with --debug for the stack trace, and report it as a bug");
        return ExitCode.INTERNAL;
    }

    /** The command model, with every subcommand built from {@code ctx}. */
    public static CommandLine commandLine(Context ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The command model for {@code args}: when its first word names a subcommand that needs no
     * other (all but {@code help} and {@code completion}, which list or describe the whole tree),
     * only that one is built, else all of them (top-level help, a mistyped command and its
     * suggestions, no arguments).
     *
     * @param args null for the whole tree
     */
    static CommandLine commandLine(Context ctx, String[] args) {
        var factory = new Factory(ctx);
        var cl = new CommandLine(new Main(), factory);
        String first = args == null || args.length == 0 ? null : args[0];
        Class<?> only =
                first == null || first.equals("help") || first.equals("completion") ? null : SUBCOMMANDS.get(first);
        try {
            if (only != null) cl.addSubcommand(first, factory.create(only));
            else for (var e : SUBCOMMANDS.entrySet()) cl.addSubcommand(e.getKey(), factory.create(e.getValue()));
        } catch (Exception e) {
            throw new CommandLine.InitializationException("cannot build the command " + e.getMessage(), e);
        }
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        cl.setErr(new java.io.PrintWriter(ctx.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                ctx.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    /** Builds commands with the context, so none of them reaches for globals. */
    record Factory(Context ctx) implements CommandLine.IFactory {
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
