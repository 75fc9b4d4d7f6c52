package org.modsvc.resolve.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * A string split into literal text and {@code ${…}} references. {@code $${} writes a literal
 * {@code ${}; any other {@code $} is an ordinary character. Immutable.
 *
 * @param pieces literals and references in order, never null
 * @param problem a syntax problem (such as an unterminated reference), or null
 */
public record Template(List<Piece> pieces, Problem problem) {

    public Template {
        pieces = List.copyOf(pieces);
    }

    /** A piece of a template. */
    public sealed interface Piece permits Text, Ref {}

    /** Literal text (escapes already undone). */
    public record Text(String text) implements Piece {}

    /**
     * A reference {@code ${path}} or {@code ${path:-fallback}}.
     *
     * @param path the dotted path split at dots, such as [requires, db, host]
     * @param fallback the text after {@code :-}, or null when there is none (an unguarded reference)
     * @param offset 0-based index of the {@code $} in the original text
     * @param length length of the whole reference in the original text
     */
    public record Ref(List<String> path, String fallback, int offset, int length, String written) implements Piece {
        public Ref {
            path = List.copyOf(path);
        }
    }

    /** A syntax problem at {@code offset} (0-based, in the original text). */
    public record Problem(int offset, int length, String message) {}

    private static final Template EMPTY = new Template(List.of(), null);

    /** Parses {@code text}; never null. Strings without '$' cost one scan and no allocation. */
    public static Template parse(String text) {
        if (text.indexOf('$') < 0) {
            return text.isEmpty() ? EMPTY : new Template(List.of(new Text(text)), null);
        }
        var pieces = new ArrayList<Piece>();
        var lit = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                lit.append("${");
                i += 3;
                continue;
            }
            if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    return new Template(
                            pieces,
                            new Problem(i, n - i, "'${' without a closing '}'; write '$${' for a literal '${'"));
                }
                if (lit.length() > 0) {
                    pieces.add(new Text(lit.toString()));
                    lit.setLength(0);
                }
                String body = text.substring(i + 2, close);
                String fallback = null;
                int guard = body.indexOf(":-");
                if (guard >= 0) {
                    fallback = body.substring(guard + 2);
                    body = body.substring(0, guard);
                }
                pieces.add(new Ref(
                        List.of(body.split("\\.", -1)), fallback, i, close + 1 - i, text.substring(i, close + 1)));
                i = close + 1;
                continue;
            }
            lit.append(c);
            i++;
        }
        if (lit.length() > 0) pieces.add(new Text(lit.toString()));
        return new Template(pieces, null);
    }

    public boolean hasRefs() {
        for (Piece p : pieces) if (p instanceof Ref) return true;
        return false;
    }
}
