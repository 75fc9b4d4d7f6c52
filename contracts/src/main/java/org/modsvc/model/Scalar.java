package org.modsvc.model;

import org.modsvc.diag.Span;

/**
 * A string value from a declaration with the place it was written, so that any later check
 * (type, reference, escaping) can point at it. {@code text} may hold {@code ${…}} references.
 */
public record Scalar(String text, Span span) {
    public Scalar {
        if (text == null || span == null) throw new IllegalArgumentException("null field");
    }

    /** A value made by modsvc itself (defaults, catalogue), pointing at {@code span}. */
    public static Scalar synthetic(String text, Span span) {
        return new Scalar(text, span);
    }

    @Override
    public String toString() {
        return text;
    }
}
