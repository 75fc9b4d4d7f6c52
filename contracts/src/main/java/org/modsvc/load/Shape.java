package org.modsvc.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostics;
import org.modsvc.diag.Suggest;
import org.modsvc.model.Scalar;
import org.modsvc.source.SrcList;
import org.modsvc.source.SrcMap;
import org.modsvc.source.SrcNode;
import org.modsvc.source.SrcScalar;

/**
 * Strict accessors over the source tree. Each reports a located diagnostic into the collector it
 * was made with and returns null (or an empty collection) on a bad value, so conversion goes on and
 * finds every problem in one run.
 */
final class Shape {
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Set<String> YAML11_BOOLS = Set.of("yes", "no", "on", "off", "y", "n", "true", "false");

    private final Diagnostics diags;

    Shape(Diagnostics diags) {
        this.diags = diags;
    }

    Diagnostics diags() {
        return diags;
    }

    /** The mapping, or null after reporting; reports keys outside {@code known}. */
    SrcMap map(SrcNode n, String what, Set<String> known) {
        if (n == null) return null;
        if (!(n instanceof SrcMap m)) {
            wrongType(n, what, "a mapping");
            return null;
        }
        if (known != null) {
            for (SrcMap.Entry e : m.entries()) {
                String k = e.key().text();
                if (!known.contains(k)) {
                    String near = Suggest.closest(k, known);
                    var hints = new ArrayList<String>();
                    if (near != null) hints.add("did you mean '" + near + "'?");
                    hints.add("keys of " + what + ": " + String.join(", ", new java.util.TreeSet<>(known)));
                    diags.add(
                            Code.UNKNOWN_KEY,
                            e.key().span(),
                            "unknown key '" + k + "' in " + what,
                            hints.toArray(String[]::new));
                }
            }
        }
        return m;
    }

    /** A mapping whose keys are user-chosen names; values converted by {@code each}. */
    <T> Map<String, T> entries(SrcNode n, String what, Function<SrcMap.Entry, T> each) {
        var out = new LinkedHashMap<String, T>();
        SrcMap m = map(n, what, null);
        if (m == null) return out;
        for (SrcMap.Entry e : m.entries()) {
            T v = each.apply(e);
            if (v != null) out.put(e.key().text(), v);
        }
        return out;
    }

    /**
     * The scalar's text as written. Numbers and booleans keep their source text (YAML 1.1 safe:
     * {@code 1.10} stays "1.10", {@code no} stays "no").
     */
    Scalar string(SrcNode n, String what) {
        if (n == null) return null;
        if (n instanceof SrcScalar s && !s.isNull()) return new Scalar(s.text(), s.span());
        wrongType(n, what, "a string");
        return null;
    }

    Scalar required(SrcMap m, String key, String what) {
        if (m == null) return null;
        SrcNode n = m.get(key);
        if (n == null) {
            diags.add(Code.MISSING_FIELD, m.span(), what + " has no '" + key + "'", "add '" + key + ": …'");
            return null;
        }
        return string(n, what + "." + key);
    }

    Scalar optional(SrcMap m, String key, String what) {
        SrcNode n = m == null ? null : m.get(key);
        return n == null ? null : string(n, what + "." + key);
    }

    /** A bool written as true or false; YAML 1.1 words are refused with a hint. */
    Boolean bool(SrcNode n, String what) {
        if (n == null) return null;
        if (n instanceof SrcScalar s) {
            String t = s.text();
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            // true, True and TRUE mean the same to every reader; yes/no/on/off do not
            if (s.kind() == SrcScalar.Kind.BOOL && (lower.equals("true") || lower.equals("false")))
                return lower.equals("true");
            if (YAML11_BOOLS.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                boolean yes = Set.of("yes", "on", "y", "true").contains(t.toLowerCase(java.util.Locale.ROOT));
                diags.add(
                        Code.AMBIGUOUS_SCALAR,
                        s.span(),
                        what + " is '" + t + "', which YAML 1.1 and YAML 1.2 readers read differently",
                        "write " + (yes ? "true" : "false"));
                return null;
            }
        }
        wrongType(n, what, "true or false");
        return null;
    }

    /** A decimal integer in [min, max]; octal-looking and quoted numbers are refused. */
    Integer integer(SrcNode n, String what, long min, long max) {
        if (n == null) return null;
        if (n instanceof SrcScalar s && (s.kind() == SrcScalar.Kind.INT || s.kind() == SrcScalar.Kind.STRING)) {
            String t = s.text();
            if (t.length() > 1 && t.startsWith("0") && t.chars().allMatch(Character::isDigit)) {
                diags.add(
                        Code.AMBIGUOUS_SCALAR,
                        s.span(),
                        what + " is '" + t + "', which YAML 1.1 reads as an octal number",
                        "write it without the leading zero");
                return null;
            }
            if (DECIMAL.matcher(t).matches() && t.length() < 12) {
                long v = Long.parseLong(t);
                if (v < min || v > max) {
                    diags.add(Code.BAD_VALUE, s.span(), what + " is " + v + ", outside " + min + ".." + max);
                    return null;
                }
                if (s.kind() == SrcScalar.Kind.STRING) {
                    diags.add(
                            Code.WRONG_TYPE,
                            s.span(),
                            what + " must be a number, not a string",
                            "write " + t + " without quotes");
                    return null;
                }
                return (int) v;
            }
        }
        wrongType(n, what, "a whole number");
        return null;
    }

    /**
     * A duration in whole seconds, at most {@code max}: a number of seconds, or a number followed
     * by {@code s}, {@code min} or {@code h} ({@code 90s}, {@code 2min}), as systemd writes them.
     * Null after reporting.
     */
    Integer seconds(SrcNode n, String what, int max) {
        if (n == null) return null;
        if (n instanceof SrcScalar s && (s.kind() == SrcScalar.Kind.INT || s.kind() == SrcScalar.Kind.STRING)) {
            var m = DURATION.matcher(s.text());
            if (m.matches() && m.group(1).length() < 10) {
                long unit = m.group(2) == null || m.group(2).equals("s")
                        ? 1
                        : m.group(2).equals("min") ? 60 : 3600;
                long v = Long.parseLong(m.group(1)) * unit;
                if (v <= max) return (int) v;
                diags.add(
                        Code.BAD_VALUE,
                        s.span(),
                        what + " is " + v + " s, more than " + max + " s",
                        "write at most " + max + "s");
                return null;
            }
            diags.add(
                    Code.BAD_VALUE,
                    s.span(),
                    what + " is '" + printable(s.text()) + "', not a duration",
                    "write seconds (90 or 90s), minutes (2min) or hours (1h); 0 turns the wait off");
            return null;
        }
        wrongType(n, what, "a duration such as 90s");
        return null;
    }

    private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]*)(s|min|h)?");

    /** A list of strings; a single string is refused (say which: list or scalar). */
    List<Scalar> strings(SrcNode n, String what) {
        var out = new ArrayList<Scalar>();
        if (n == null) return out;
        if (!(n instanceof SrcList l)) {
            wrongType(n, what, "a list of strings");
            return out;
        }
        String itemWhat = what + " item";
        for (SrcNode item : l.items()) {
            Scalar s = string(item, itemWhat);
            if (s != null) out.add(s);
        }
        return out;
    }

    /** A list of strings, or one string taken as a one-element list (for systemd passthrough). */
    List<Scalar> stringOrStrings(SrcNode n, String what) {
        if (n instanceof SrcScalar) {
            Scalar s = string(n, what);
            return s == null ? List.of() : List.of(s);
        }
        return strings(n, what);
    }

    /** An enumerated word, or null after reporting with the allowed words. */
    <E> E word(SrcNode n, String what, Function<String, E> parse, List<String> allowed) {
        Scalar s = string(n, what);
        if (s == null) return null;
        E v = parse.apply(s.text());
        if (v == null) {
            String near = Suggest.closest(s.text(), allowed);
            var hints = new ArrayList<String>();
            if (near != null) hints.add("did you mean '" + near + "'?");
            hints.add("allowed: " + String.join(", ", allowed));
            diags.add(Code.BAD_VALUE, s.span(), what + " is '" + s.text() + "'", hints.toArray(String[]::new));
        }
        return v;
    }

    /** Checks a user-chosen name; reports and returns false when it breaks the rules. */
    boolean name(SrcScalar key, String what) {
        String why = Names.whyNotName(key.text());
        if (why == null) return true;
        diags.add(
                Code.BAD_NAME,
                key.span(),
                what + " '" + printable(key.text()) + "' is not a valid name: " + why,
                Names.RULE);
        return false;
    }

    boolean name(Scalar s, String what) {
        return name(new SrcScalar(s.text(), SrcScalar.Kind.STRING, s.span()), what);
    }

    void wrongType(SrcNode n, String what, String expected) {
        diags.add(
                Code.WRONG_TYPE,
                n.span(),
                what + " must be " + expected + ", found " + describe(n, what),
                n instanceof SrcScalar s && s.isNull() ? "give it a value, or remove the key" : "see 'modsvc schema'");
    }

    private static String describe(SrcNode n, String what) {
        if (n instanceof SrcScalar s && !s.isNull()) {
            // a value under a secret-named key, or one that looks like key material, is not
            // repeated: the excerpt of its line is hidden, and the message must not undo that
            if (org.modsvc.source.SecretLines.mayBeSecret(what, s.text())) return s.kindName() + " (value not shown)";
            return s.kindName() + " '" + printable(truncate(s.text())) + "'";
        }
        return n.kindName();
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }

    /** Shows control characters as escapes so a message stays on one line. */
    static String printable(String s) {
        var b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') b.append("\\n");
            else if (c == '\t') b.append("\\t");
            else if (c == '\r') b.append("\\r");
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
            // C1 controls, line and paragraph separators, bidirectional controls: escaped, so a
            // name cannot end a line or reorder one for whoever reads the message.
            else if ((c >= 0x80 && c < 0xa0)
                    || c == 0x2028
                    || c == 0x2029
                    || c == 0x061c
                    || c == 0x200e
                    || c == 0x200f
                    || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}
