package org.modsvc.diag;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a setup, as a value.
 *
 * @param code stable identifier, never null
 * @param severity never null; usually {@code code.severity()}
 * @param message one sentence, no trailing period, never null
 * @param span where it points, never null ({@link Span#NONE} when there is no position)
 * @param hints "help:" lines, most useful first; never null, may be empty
 * @param related other places that explain the problem (each with a short label); never null
 */
public record Diagnostic(
        Code code, Severity severity, String message, Span span, List<String> hints, List<Related> related) {

    /** A secondary place, for example "first defined here" or a rejected candidate. */
    public record Related(String label, Span span) {
        public Related {
            Objects.requireNonNull(label);
            Objects.requireNonNull(span);
        }
    }

    /** Orders by file, line, column, then code and message, so output is deterministic. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::span)
            .thenComparing(d -> d.code().id())
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(span, "span");
        hints = List.copyOf(hints);
        related = List.copyOf(related);
    }

    public static Diagnostic of(Code code, Span span, String message, String... hints) {
        return new Diagnostic(code, code.severity(), message, span, List.of(hints), List.of());
    }

    public Diagnostic withRelated(List<Related> more) {
        var all = new java.util.ArrayList<>(related);
        all.addAll(more);
        return new Diagnostic(code, severity, message, span, hints, all);
    }

    public Diagnostic withHints(List<String> more) {
        var all = new java.util.ArrayList<>(hints);
        all.addAll(more);
        return new Diagnostic(code, severity, message, span, all, related);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
