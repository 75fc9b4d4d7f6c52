package org.modsvc.emit.nixos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few Nix expressions the NixOS target writes, and their text. Strings are always written as
 * double-quoted strings with every {@code $} escaped, never as {@code ''}-strings, whose escapes
 * ({@code ''$}, {@code '''}, {@code ''\}) and indentation stripping are easy to get wrong.
 */
sealed interface Nix permits Nix.Str, Nix.Expr, Nix.Call, Nix.Merge, Nix.ListOf, Nix.Attrs {

    /**
     * A string value, written escaped.
     *
     * @param lines whether line feeds are written as line breaks (a file's text reads as the file;
     *     a double-quoted Nix string keeps them as they are, without stripping indentation)
     */
    record Str(String value, boolean lines) implements Nix {
        Str(String value) {
            this(value, false);
        }
    }

    /** An expression written as is (a number, {@code true}, a call such as {@code lib.mkDefault x}). */
    record Expr(String text) implements Nix {}

    /** {@code fn arg}, such as {@code lib.mkDefault "yes"}; {@code fn} may hold its own first arguments. */
    record Call(String fn, Nix arg) implements Nix {}

    /** {@code base // attrs}: the set {@code base} names, with {@code attrs} written over it. */
    record Merge(String base, Attrs attrs) implements Nix {}

    record ListOf(List<Nix> items) implements Nix {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** An attribute set; keys in insertion order, each key a path of one attribute name. */
    final class Attrs implements Nix {
        private final Map<String, Nix> entries = new LinkedHashMap<>();

        /** Sets {@code name} (replacing an earlier value); returns this. */
        Attrs put(String name, Nix value) {
            entries.put(name, value);
            return this;
        }

        /** The set under {@code name}, made empty on first use. */
        Attrs child(String name) {
            Nix v = entries.get(name);
            if (v instanceof Attrs a) return a;
            var a = new Attrs();
            entries.put(name, a);
            return a;
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

        Map<String, Nix> entries() {
            return entries;
        }
    }

    static Str str(String s) {
        return new Str(s);
    }

    static ListOf strings(List<String> values) {
        var items = new ArrayList<Nix>();
        for (String v : values) items.add(new Str(v));
        return new ListOf(items);
    }

    static Call call(String fn, Nix arg) {
        return new Call(fn, arg);
    }

    Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");
    List<String> KEYWORDS = List.of("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or");

    /**
     * A Nix double-quoted string holding exactly {@code s}: backslash, double quote and every
     * dollar sign are escaped (so neither {@code ${} nor {@code $${} can start an interpolation),
     * line feed, carriage return and tab are written as {@code \n}, {@code \r}, {@code \t}; every
     * other character, non-ASCII included, is written as itself (Nix strings are bytes, the file
     * is UTF-8). NUL cannot be in a Nix string; the caller has refused it.
     */
    static String quote(String s) {
        return quote(s, false);
    }

    /** As {@link #quote(String)}; with {@code lines}, a line feed is written as a line break. */
    static String quote(String s, boolean lines) {
        var b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '$' -> b.append("\\$");
                case '\n' -> b.append(lines ? "\n" : "\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** An attribute name: bare when it is a plain identifier, else a quoted string. */
    static String name(String n) {
        return IDENTIFIER.matcher(n).matches() && !KEYWORDS.contains(n) ? n : quote(n);
    }

    private static String inline(Nix v) {
        if (v instanceof Str s) return quote(s.value(), s.lines());
        if (v instanceof Expr e) return e.text();
        return render(v, 0);
    }

    /** The text of {@code v} at indentation level {@code depth} (two spaces a level). */
    static String render(Nix v, int depth) {
        var b = new StringBuilder();
        write(b, v, depth);
        return b.toString();
    }

    private static void write(StringBuilder b, Nix v, int depth) {
        if (v instanceof ListOf l) {
            if (l.items().isEmpty()) {
                b.append("[ ]");
                return;
            }
            b.append("[\n");
            for (Nix item : l.items()) {
                indent(b, depth + 1);
                // A call in a list must be parenthesised, or its words become list elements.
                boolean paren = item instanceof Call;
                if (paren) b.append('(');
                write(b, item, depth + 1);
                if (paren) b.append(')');
                b.append('\n');
            }
            indent(b, depth);
            b.append(']');
        } else if (v instanceof Attrs a) {
            if (a.isEmpty()) {
                b.append("{ }");
                return;
            }
            b.append("{\n");
            for (var e : a.entries().entrySet()) {
                indent(b, depth + 1);
                b.append(name(e.getKey()));
                Nix value = e.getValue();
                // A set of one attribute is written as a path: system.services, process.argv.
                while (value instanceof Attrs one && one.entries().size() == 1) {
                    var only = one.entries().entrySet().iterator().next();
                    b.append('.').append(name(only.getKey()));
                    value = only.getValue();
                }
                b.append(" = ");
                write(b, value, depth + 1);
                b.append(";\n");
            }
            indent(b, depth);
            b.append('}');
        } else if (v instanceof Merge m) {
            b.append(m.base()).append(" // ");
            write(b, m.attrs(), depth);
        } else if (v instanceof Call c) {
            b.append(c.fn()).append(' ');
            write(b, c.arg(), depth);
        } else {
            b.append(inline(v));
        }
    }

    private static void indent(StringBuilder b, int depth) {
        b.append("  ".repeat(depth));
    }
}
