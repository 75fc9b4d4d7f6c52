package org.modsvc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.modsvc.catalogue.Catalogue;

/** One in-process run of the command line, from the repository root, with what it printed. */
record Run(int code, String out, String err) {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Run of(String... args) {
        return in(ROOT, args);
    }

    static Run in(Path cwd, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var ctx = new Context(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                false,
                cwd,
                new Main.Lazy<>(Catalogue::load));
        int code = Main.run(args, ctx);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
