package org.modsvc.plan;

import java.util.List;

/** How an instance reloads its configuration. */
public sealed interface Reload permits Reload.Signal, Reload.Command, Reload.Line {

    /** {@code kill -<name> $MAINPID}; {@code name} has no SIG prefix, such as HUP. */
    record Signal(String name) implements Reload {}

    /** A reload command line, exec'ed as is. */
    record Command(List<Value> argv) implements Reload {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /**
     * A reload command line in systemd syntax ({@code process.reloadCommand} as a string, nixpkgs'
     * form): written to {@code ExecReload=} as is, so {@code $MAINPID} is systemd's to expand.
     * References in it are filled in verbatim; a secret part stands for its credential's path.
     */
    record Line(Value line) implements Reload {
        /** The line with each secret part written as {@code secret} gives it (non-null). */
        public String text(java.util.function.Function<Part.SecretFile, String> secret) {
            var b = new StringBuilder();
            for (Part p : line.parts()) {
                if (p instanceof Part.Literal l) b.append(l.text());
                else if (p instanceof Part.SecretFile f) b.append(secret.apply(f));
            }
            return b.toString();
        }
    }
}
