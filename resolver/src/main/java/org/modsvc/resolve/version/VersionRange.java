package org.modsvc.resolve.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A requirement's version range: space-separated comparators that must all hold.
 *
 * <ul>
 *   <li>{@code *} any version (also an empty or absent range)
 *   <li>{@code 16}, {@code =16.2} the given components match exactly: {@code 16} matches 16,
 *       16.2 and 16.2.1; {@code 16.2} matches 16.2 and 16.2.7, not 16.3
 *   <li>{@code >=15}, {@code >15}, {@code <=17}, {@code <17} compare with missing components as 0
 *   <li>{@code ^1.2} compatible: {@code >=1.2 <2}; for a leading 0 the first non-zero component is
 *       kept ({@code ^0.3} is {@code >=0.3 <0.4})
 *   <li>{@code ~1.2} close: {@code >=1.2 <1.3}; {@code ~1} is {@code >=1 <2}
 * </ul>
 *
 * Immutable.
 *
 * @param text the range as written
 */
public record VersionRange(String text, List<Comparator> comparators) {

    /** Matches every version. */
    public static final VersionRange ANY = new VersionRange("*", List.of());

    public VersionRange {
        comparators = List.copyOf(comparators);
    }

    /** One bound: {@code version op}; for {@link Op#PREFIX}, equality of the given components. */
    public record Comparator(Op op, Version version) {
        boolean test(Version v) {
            int c = v.compareTo(version);
            return switch (op) {
                case GE -> c >= 0;
                case GT -> c > 0;
                case LE -> c <= 0;
                case LT -> c < 0;
                case PREFIX -> {
                    for (int i = 0; i < version.size(); i++) if (v.at(i) != version.at(i)) yield false;
                    yield true;
                }
            };
        }
    }

    public enum Op {
        GE,
        GT,
        LE,
        LT,
        PREFIX
    }

    /**
     * Why a range does not parse.
     *
     * @param offset 0-based index into the range text of the offending comparator
     * @param length its length
     */
    public record Problem(int offset, int length, String message) {}

    /** The outcome of {@link #parse}: exactly one of range and problem is non-null. */
    public record Parsed(VersionRange range, Problem problem) {}

    public static Parsed parse(String text) {
        var out = new ArrayList<Comparator>();
        int i = 0;
        int n = text.length();
        boolean any = false;
        while (i < n) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ') i++;
            String word = text.substring(start, i);
            if (word.equals("*")) {
                any = true;
                continue;
            }
            Problem p = comparator(word, start, out);
            if (p != null) return new Parsed(null, p);
        }
        if (out.isEmpty() && !any && !text.isBlank()) return new Parsed(null, new Problem(0, n, "empty range"));
        return new Parsed(new VersionRange(text.isBlank() ? "*" : text, out), null);
    }

    private static Problem comparator(String word, int offset, List<Comparator> out) {
        String opText;
        if (word.startsWith(">=") || word.startsWith("<=")) opText = word.substring(0, 2);
        else if (word.startsWith(">")
                || word.startsWith("<")
                || word.startsWith("=")
                || word.startsWith("^")
                || word.startsWith("~")) opText = word.substring(0, 1);
        else opText = "";
        String rest = word.substring(opText.length());
        Version v = Version.parse(rest);
        if (v == null) {
            String why = rest.isEmpty()
                    ? "'" + word + "' has no version after '" + opText + "'"
                    : "'" + word + "' is not a version comparator: '" + rest + "' is not dot-separated numbers";
            return new Problem(offset, word.length(), why);
        }
        switch (opText) {
            case ">=" -> out.add(new Comparator(Op.GE, v));
            case ">" -> out.add(new Comparator(Op.GT, v));
            case "<=" -> out.add(new Comparator(Op.LE, v));
            case "<" -> out.add(new Comparator(Op.LT, v));
            case "", "=" -> out.add(new Comparator(Op.PREFIX, v));
            case "^" -> {
                out.add(new Comparator(Op.GE, v));
                out.add(new Comparator(Op.LT, caretBound(v)));
            }
            case "~" -> {
                out.add(new Comparator(Op.GE, v));
                long[] p = v.size() >= 2 ? new long[] {v.at(0), v.at(1) + 1} : new long[] {v.at(0) + 1};
                out.add(new Comparator(Op.LT, new Version(p)));
            }
            default -> throw new IllegalStateException(opText);
        }
        return null;
    }

    private static Version caretBound(Version v) {
        for (int i = 0; i < v.size(); i++) {
            if (v.at(i) != 0 || i == v.size() - 1) {
                long[] p = new long[i + 1];
                for (int j = 0; j < i; j++) p[j] = v.at(j);
                p[i] = v.at(i) + 1;
                return new Version(p);
            }
        }
        throw new IllegalStateException();
    }

    /**
     * The smallest version that can match, or null when there is no lower bound. Every matching
     * version is at least this, so candidates sorted by version can be searched from it.
     */
    public Version lowest() {
        Version lo = null;
        for (Comparator c : comparators) {
            if (c.op() == Op.GE || c.op() == Op.GT || c.op() == Op.PREFIX) {
                if (lo == null || c.version().compareTo(lo) > 0) lo = c.version();
            }
        }
        return lo;
    }

    /**
     * A version above every match (matching versions are below it, or equal for a {@code <=}
     * bound), or null when there is no upper bound.
     */
    public Version highest() {
        Version hi = null;
        for (Comparator c : comparators) {
            Version bound = null;
            if (c.op() == Op.LE || c.op() == Op.LT) bound = c.version();
            if (c.op() == Op.PREFIX) {
                long[] p = new long[c.version().size()];
                for (int i = 0; i < p.length; i++) p[i] = c.version().at(i);
                p[p.length - 1]++;
                bound = new Version(p);
            }
            if (bound != null && (hi == null || bound.compareTo(hi) < 0)) hi = bound;
        }
        return hi;
    }

    public boolean matches(Version v) {
        for (Comparator c : comparators) if (!c.test(v)) return false;
        return true;
    }

    public boolean isAny() {
        return comparators.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
