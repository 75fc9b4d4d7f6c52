package org.modsvc.model;

import java.util.List;
import org.modsvc.diag.Span;

/**
 * A machine of the setup.
 *
 * @param address host name or IP address others use to reach it; never null
 * @param run the names of the modules it runs (each becomes instance {@code node/name})
 */
public record Node(String name, Scalar address, Target target, List<Scalar> run, Span span) {
    public Node {
        run = List.copyOf(run);
    }
}
