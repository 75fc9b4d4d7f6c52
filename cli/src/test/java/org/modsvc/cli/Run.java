package org.modsvc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.modsvc.catalogue.Catalogue;

/** One in-process run of the command line, with its exit code and what it printed. */
record Run(int code, String out, String err) {
    /** The repository root: relative paths such as samples/webapp resolve against it. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Main.Lazy<Catalogue> CATALOGUE = new Main.Lazy<>(Catalogue::load);

    /** Runs from the repository root, with no environment and no terminal. */
    static Run of(String... args) {
        return in(ROOT, args);
    }

    static Run in(Path cwd, String... args) {
        return of(cwd, Map.of(), false, args);
    }

    static Run of(Path cwd, Map<String, String> env, boolean terminal, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var ctx = new Context(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                terminal,
                cwd,
                CATALOGUE);
        int code = Main.run(args, ctx);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A context that prints nowhere, for building the command model in tests. */
    Context ctxForTests() {
        var sink = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new Context(sink, sink, Map.of(), false, ROOT, CATALOGUE);
    }
}
