package org.modsvc.source;

import org.modsvc.diag.Span;

/**
 * A scalar with its exact source text. {@code kind} is what a YAML 1.2 core-schema or JSON reader
 * would make of it; {@code text} is always the characters as written (after unquoting), so
 * {@code version: 1.10} keeps "1.10" and {@code name: no} keeps "no".
 */
public record SrcScalar(String text, Kind kind, Span span) implements SrcNode {

    public enum Kind {
        /** Quoted in the source, a block scalar, or a plain scalar that reads as text. */
        STRING,
        INT,
        FLOAT,
        BOOL,
        NULL
    }

    public SrcScalar {
        if (text == null || kind == null || span == null) throw new IllegalArgumentException("null field");
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String kindName() {
        return switch (kind) {
            case STRING -> "string";
            case INT, FLOAT -> "number";
            case BOOL -> "bool";
            case NULL -> "null";
        };
    }
}
