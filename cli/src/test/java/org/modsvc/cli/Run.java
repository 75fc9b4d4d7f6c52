package org.modsvc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.modsvc.catalogue.Catalogue;

/** Runs the CLI in-process and keeps what it printed. */
record Run(int exit, String out, String err) {
    private static final Main.Lazy<Catalogue> CATALOGUE = new Main.Lazy<>(Catalogue::load);

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
        return new Context(sink, sink, Map.of(), false, Path.of("").toAbsolutePath(), CATALOGUE);
    }

    static Run of(String... args) {
        return of(Path.of("").toAbsolutePath(), Map.of(), false, args);
    }
}
