package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * One of a module's {@code assertions} or {@code warnings} (nixpkgs' shape), checked for each of
 * its instances once its references are filled in.
 *
 * @param condition for an assertion, what must hold; for a warning, when it is given (null: always).
 *     A {@link Condition} in text form
 * @param message what the diagnostic says, references allowed; never null
 * @param span where the entry was written: its {@code assertion:} value, or the warning itself
 */
public record Check(Scalar condition, Scalar message, Span span) {
    public Check {
        if (message == null || span == null) throw new IllegalArgumentException("null field");
    }
}
