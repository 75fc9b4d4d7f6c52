package org.modsvc.model;

import java.util.List;
import org.modsvc.diag.Span;

/**
 * A command that proves a contract's result works, run on the consumer's node with the consumer's
 * identity, environment and credentials ({@code modsvc check --boot}). Its words may refer to
 * {@code ${result.F}} and {@code ${request.F}}; a secret result field stands for the file as the
 * consumer sees it (on systemd, its credential path).
 *
 * @param argv the command line, exec'ed as is (no shell); never empty
 * @param span where the probe is declared
 */
public record Probe(List<Scalar> argv, Span span) {
    public Probe {
        argv = List.copyOf(argv);
    }

    /** The words as written, with their references unresolved. */
    public List<String> words() {
        return argv.stream().map(Scalar::text).toList();
    }
}
