package org.modsvc.resolve.values;

import org.modsvc.diag.Span;
import org.modsvc.model.Scalar;
import org.modsvc.model.Setup;

/** Positions inside a scalar's text, for diagnostics that point at part of a value. */
public final class Spans {
    private Spans() {}

    /**
     * The span of {@code length} characters at {@code offset} inside scalar {@code s}. A quoted
     * scalar's span starts at its quote, so the offset moves one further; values with escapes or
     * line breaks fall back to the scalar's own span. Never null.
     */
    public static Span in(Setup setup, Scalar s, int offset, int length) {
        Span sp = s.span();
        if (sp.isNone()) return sp;
        var src = setup.sources().get(sp.file());
        int col = sp.column();
        if (src != null) {
            String line = src.line(sp.line());
            int at = col - 1;
            if (at >= 0 && at < line.length()) {
                char q = line.charAt(at);
                int start = (q == '"' || q == '\'') ? at + 1 : at;
                if (!line.startsWith(s.text(), start)) return sp;
                return Span.of(sp.file(), sp.line(), start + 1 + offset, length);
            }
        }
        return sp;
    }
}
