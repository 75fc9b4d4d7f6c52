package org.modsvc.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A resolved string: the concatenation of its parts. Most values are one literal.
 *
 * @param parts never null; adjacent literals are merged
 */
public record Value(List<Part> parts) {
    public static final Value EMPTY = new Value(List.of());

    public Value {
        if (isMerged(parts)) {
            // Most values arrive merged already (the resolver merges as it goes): no scratch list.
            parts = List.copyOf(parts);
        } else {
            parts = merge(parts);
        }
    }

    /** Whether no literal is empty and no two literals are adjacent. */
    private static boolean isMerged(List<Part> parts) {
        boolean literalBefore = false;
        for (Part p : parts) {
            boolean literal = p instanceof Part.Literal;
            if (literal && (literalBefore || ((Part.Literal) p).text().isEmpty())) return false;
            literalBefore = literal;
        }
        return true;
    }

    private static List<Part> merge(List<Part> parts) {
        var merged = new ArrayList<Part>();
        for (Part p : parts) {
            if (p instanceof Part.Literal l && l.text().isEmpty()) continue;
            if (p instanceof Part.Literal l
                    && !merged.isEmpty()
                    && merged.get(merged.size() - 1) instanceof Part.Literal prev) {
                merged.set(merged.size() - 1, new Part.Literal(prev.text() + l.text()));
            } else {
                merged.add(p);
            }
        }
        return List.copyOf(merged);
    }

    public static Value of(String literal) {
        return new Value(List.of(new Part.Literal(literal)));
    }

    /** The string with each secret file written as its source path: what plan output shows. */
    public String plain() {
        if (parts.size() == 1 && parts.get(0) instanceof Part.Literal l) return l.text();
        var b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Part.Literal l) b.append(l.text());
            else if (p instanceof Part.SecretFile s) b.append(s.source());
        }
        return b.toString();
    }

    public boolean hasSecrets() {
        return parts.stream().anyMatch(p -> p instanceof Part.SecretFile);
    }

    @Override
    public String toString() {
        return plain();
    }
}
