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
 * @param reloadCommand argv of a reload command; empty when none
 */
public record Process(
        List<Scalar> argv,
        SortedMap<String, Scalar> environment,
        Scalar reloadSignal,
        List<Scalar> reloadCommand,
        Span span) {
    public Process {
        argv = List.copyOf(argv);
        environment = Model.sorted(environment);
        reloadCommand = List.copyOf(reloadCommand);
    }
}
