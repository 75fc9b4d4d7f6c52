package org.modsvc.model;

import java.util.List;
import org.modsvc.diag.Span;

/**
 * What a service's manager runs around the service itself ({@code lifecycle.*}).
 *
 * @param init a command run before every start, with the state and runtime directories in
 *     place and as the service's own user; it must be idempotent (initialise state only when it is
 *     missing, such as {@code initdb} on an empty data directory). Empty when none.
 */
public record Lifecycle(List<Scalar> init, Span span) {
    public static final Lifecycle NONE = new Lifecycle(List.of(), Span.NONE);

    public Lifecycle {
        init = List.copyOf(init);
    }

    public boolean isEmpty() {
        return init.isEmpty();
    }
}
