package org.modsvc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.source.Limits;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every command that reads a setup shares: the SETUP argument, limits, loading, rendering. */
abstract class SetupCommand {
    protected final Context ctx;

    @Parameters(
            index = "0",
            paramLabel = "SETUP",
            description = "a setup directory (with setup.yaml) or a single setup file")
    String setupPath;

    @Option(
            names = "--limit",
            paramLabel = "NAME=N",
            description = "raise an input limit: file-bytes, depth, string-length, files, nodes, instances, expansion")
    List<String> limitArgs = new ArrayList<>();

    @Option(names = "--debug", description = "print stack traces of internal errors")
    boolean debug;

    SetupCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** The limits after --limit, or null after printing a usage error. */
    Limits limits() {
        Limits l = Limits.DEFAULT;
        for (String arg : limitArgs) {
            int eq = arg.indexOf('=');
            try {
                if (eq < 1) throw new IllegalArgumentException("write --limit NAME=N, such as --limit files=1000000");
                l = l.with(arg.substring(0, eq), Long.parseLong(arg.substring(eq + 1)));
            } catch (NumberFormatException e) {
                ctx.err().println("modsvc: --limit " + arg + ": not a number");
                return null;
            } catch (IllegalArgumentException e) {
                ctx.err().println("modsvc: --limit " + arg + ": " + e.getMessage());
                return null;
            }
        }
        return l;
    }

    /**
     * Loads the setup. Returns null after printing a usage error (missing path, bad --limit); the
     * caller then exits with {@link ExitCode#USAGE}.
     */
    LoadResult load() throws IOException {
        Limits limits = limits();
        if (limits == null) return null;
        Path p = ctx.cwd().resolve(setupPath);
        if (!Files.exists(p)) {
            ctx.err().println("modsvc: no such file or directory: " + setupPath);
            return null;
        }
        LoadResult result;
        try {
            result = new SetupLoader(limits, ctx.catalogue().get()).load(p, display(setupPath));
        } catch (IOException | java.io.UncheckedIOException e) {
            // Unreadable files are a problem of the surroundings, not of the setup or of modsvc.
            ctx.err().println("modsvc: cannot read " + setupPath + ": " + e.getMessage());
            return null;
        }
        if (result.diagnostics().stream().anyMatch(d -> d.code() == Code.NO_SETUP)) {
            renderer(result).text(result.diagnostics(), ctx.err());
            return null;
        }
        return result;
    }

    private static String display(String path) {
        String d = path;
        while (d.length() > 1 && d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }

    DiagnosticRenderer renderer(LoadResult r) {
        return new DiagnosticRenderer(r.sources(), r.secretFields(), ctx.colour());
    }

    static int exitFor(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError) ? ExitCode.INVALID : ExitCode.OK;
    }
}
