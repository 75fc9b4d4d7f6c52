package org.modsvc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.progress.Progress;
import org.modsvc.source.Limits;
import picocli.CommandLine.Mixin;

/**
 * What every command that reads a setup shares: the SETUP argument and its options, limits,
 * loading, rendering diagnostics, and the one template they all run: check the arguments, load,
 * resolve, render.
 *
 * @param <R> what the command resolves a loaded setup into (a plan, a comparison…)
 */
abstract class SetupCommand<R> implements Callable<Integer> {
    protected final Context ctx;

    @Mixin
    SetupOptions setup;

    /** The line of progress on a terminal; null when none is shown (see {@link TerminalProgress}). */
    private TerminalProgress progress;

    SetupCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** Load → resolve → render; the steps are the subclass's. */
    @Override
    public final Integer call() throws Exception {
        Integer refused = checkArguments();
        if (refused != null) return refused;
        progress = TerminalProgress.forContext(ctx, setup.quiet);
        try {
            LoadResult loaded = load();
            if (loaded == null) return ExitCode.USAGE;
            R resolved = resolve(loaded);
            hideProgress();
            return render(loaded, resolved);
        } finally {
            if (progress != null) progress.close();
        }
    }

    /** Where the loader, resolver and emitters report how far they are; never null. */
    Progress progress() {
        return progress == null ? Progress.NONE : progress;
    }

    /**
     * Erases the progress line until the next phase begins; called before anything is printed, so
     * output is the same with or without progress.
     */
    void hideProgress() {
        if (progress != null) progress.hide();
    }

    /**
     * Checks what can be checked before loading; null when all is well, else the exit code after
     * printing why.
     */
    Integer checkArguments() {
        return null;
    }

    /** Resolves the loaded setup (which may have errors); may return null when there is nothing to resolve. */
    abstract R resolve(LoadResult loaded);

    /** Reports or writes what was resolved; returns the exit code. */
    abstract int render(LoadResult loaded, R resolved) throws IOException;

    /** The setup as given on the command line. */
    String setupPath() {
        return setup.path;
    }

    /** The limits after --limit, or null after printing a usage error. */
    Limits limits() {
        Limits l = Limits.DEFAULT;
        for (String arg : setup.limitArgs) {
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
        Path p = ctx.cwd().resolve(setup.path);
        if (!Files.exists(p)) {
            ctx.err().println("modsvc: no such file or directory: " + setup.path);
            return null;
        }
        LoadResult result;
        try {
            result = new SetupLoader(limits, ctx.catalogue().get(), progress()).load(p, display(setup.path));
        } catch (IOException | java.io.UncheckedIOException e) {
            hideProgress();
            // Unreadable files are a problem of the surroundings, not of the setup or of modsvc.
            ctx.err().println("modsvc: cannot read " + setup.path + ": " + e.getMessage());
            return null;
        }
        if (result.diagnostics().stream().anyMatch(d -> d.code() == Code.NO_SETUP)) {
            hideProgress();
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
        return new DiagnosticRenderer(
                r.sources(),
                r.secretFields(),
                ctx.colour(),
                setup.allDiagnostics ? Integer.MAX_VALUE : DiagnosticRenderer.DEFAULT_SHOWN);
    }

    static int exitFor(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError) ? ExitCode.INVALID : ExitCode.OK;
    }
}
