package org.modsvc.model;

import java.util.List;

/**
 * A module's {@code assertions} and {@code warnings}, in the order written (imports first, as
 * every merged list). Never null lists.
 */
public record Checks(List<Check> assertions, List<Check> warnings) {
    public static final Checks NONE = new Checks(List.of(), List.of());

    public Checks {
        assertions = List.copyOf(assertions);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return assertions.isEmpty() && warnings.isEmpty();
    }
}
