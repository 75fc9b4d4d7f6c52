package org.modsvc.model;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Span;

/**
 * How the service runs ({@code process.*}).
 *
 * @param argv the command line, exec'ed as is; empty only for modules used as imports
 * @param environment variables by name (sorted, immutable)
 * @param reloadSignal signal name without SIG, such as HUP; null when none
 * @param reloadCommand argv of a reload command (the list form, exec'ed as is); empty when none
 * @param reloadLine the string form of {@code process.reloadCommand}, as nixpkgs has it: a command
 *     line in systemd syntax, written to {@code ExecReload=} as is (so {@code $MAINPID} reaches
 *     systemd as {@code $MAINPID}); null when none
 */
public record Process(
        List<Scalar> argv,
        SortedMap<String, Scalar> environment,
        Scalar reloadSignal,
        List<Scalar> reloadCommand,
        Span span,
        Scalar reloadLine) {
    public Process {
        argv = List.copyOf(argv);
        environment = Model.sorted(environment);
        reloadCommand = List.copyOf(reloadCommand);
    }

    /** A process without a reload command line in systemd syntax. */
    public Process(
            List<Scalar> argv,
            SortedMap<String, Scalar> environment,
            Scalar reloadSignal,
            List<Scalar> reloadCommand,
            Span span) {
        this(argv, environment, reloadSignal, reloadCommand, span, null);
    }
}
