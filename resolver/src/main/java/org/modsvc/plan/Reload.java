package org.modsvc.plan;

import java.util.List;

/** How an instance reloads its configuration. */
public sealed interface Reload permits Reload.Signal, Reload.Command {

    /** {@code kill -<name> $MAINPID}; {@code name} has no SIG prefix, such as HUP. */
    record Signal(String name) implements Reload {}

    /** A reload command line, exec'ed as is. */
    record Command(List<Value> argv) implements Reload {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
