package org.modsvc.emit.systemd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes strings in the unit-file syntax of systemd 252 so that what systemd parses back is the
 * original, byte for byte. Every method either returns the encoded text or throws {@link
 * Unrepresentable} naming what systemd cannot carry; nothing is silently changed.
 *
 * <p>The layers a value passes through in systemd, and what each needs:
 *
 * <ol>
 *   <li>the unit-file reader strips whitespace around the value and joins lines ending in a
 *       backslash: words are quoted and control characters C-escaped, so no raw line break and no
 *       unquoted trailing space or backslash is ever written;
 *   <li>{@code extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)} splits words: a word with
 *       anything but plain characters is written in double quotes with {@code \\}, {@code \"} and
 *       C escapes;
 *   <li>a lone {@code ;} word separates commands in {@code ExecStart=}: written as {@code \;};
 *   <li>specifier expansion ({@code %n}, {@code %d}, …) after unquoting: {@code %} becomes {@code
 *       %%};
 *   <li>for {@code Exec*=} only, environment expansion at exec time ({@code $VAR}, {@code ${VAR}},
 *       a lone {@code $VAR} word split into several): {@code $} becomes {@code $$};
 *   <li>prefix characters ({@code -@:+!}) on the first word: the executable is written first and
 *       must not start with one (an absolute path never does).
 * </ol>
 *
 * <p>What systemd cannot carry at all: NUL (C strings), unpaired surrogates (not UTF-8), and in the
 * executable path quotes, backslashes and control characters (systemd refuses such a path).
 */
public final class UnitSyntax {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.[a-z]+");
    /** systemd's limit on a unit name, in bytes. */
    static final int UNIT_NAME_MAX = 255;

    private UnitSyntax() {}

    /** Why a value cannot be written; the message is for the user. */
    public static final class Unrepresentable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unrepresentable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Part of a word: literal text, or text already in unit syntax that is written as is (a
     * specifier such as {@code %d/name}).
     */
    public record Piece(String text, boolean raw) {
        public static Piece literal(String text) {
            return new Piece(text, false);
        }
    }

    /**
     * The value of an {@code ExecStart=}-like key for {@code argv}, run as is: the executable is
     * {@code argv[0]} itself.
     *
     * @param argv never empty
     */
    public static String execLine(List<String> argv) throws Unrepresentable {
        var words = new java.util.ArrayList<List<Piece>>();
        for (String w : argv) words.add(List.of(Piece.literal(w)));
        return execLineOf(words);
    }

    /** As {@link #execLine(List)}, for words made of pieces; the executable must be one literal. */
    public static String execLineOf(List<List<Piece>> argv) throws Unrepresentable {
        if (argv.isEmpty()) throw new Unrepresentable("the command line is empty");
        List<Piece> first = argv.get(0);
        if (first.size() != 1 || first.get(0).raw()) {
            throw new Unrepresentable("the executable must be a plain path, not a secret");
        }
        String exe = first.get(0).text();
        checkExecutable(exe);
        var b = new StringBuilder();
        if (exe.indexOf('$') >= 0) {
            // The executable path is not $-expanded but argv[0] is: give them separately.
            b.append('@').append(word(exe, false)).append(' ').append(word(exe, true));
        } else {
            b.append(word(exe, true));
        }
        for (int i = 1; i < argv.size(); i++) b.append(' ').append(wordOf(argv.get(i), true));
        return b.toString();
    }

    /** One {@code Environment=} assignment, quoted: {@code "NAME=value"}. */
    public static String environment(String name, String value) throws Unrepresentable {
        return environmentOf(name, List.of(Piece.literal(value)));
    }

    /** As {@link #environment(String, String)}, for a value made of pieces. */
    public static String environmentOf(String name, List<Piece> value) throws Unrepresentable {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new Unrepresentable("'" + printable(name) + "' is not an environment variable name systemd accepts"
                    + " ([A-Za-z_][A-Za-z0-9_]*)");
        }
        var b = new StringBuilder().append('"').append(name).append('=');
        for (Piece p : value) b.append(p.raw() ? p.text() : inner(p.text(), false));
        return b.append('"').toString();
    }

    static String wordOf(List<Piece> pieces, boolean dollar) throws Unrepresentable {
        if (pieces.size() == 1 && !pieces.get(0).raw())
            return word(pieces.get(0).text(), dollar);
        var b = new StringBuilder().append('"');
        for (Piece p : pieces) b.append(p.raw() ? p.text() : inner(p.text(), dollar));
        return b.append('"').toString();
    }

    /**
     * One word of an exec line.
     *
     * @param dollar whether {@code $} must be doubled (exec lines: true)
     */
    static String word(String w, boolean dollar) throws Unrepresentable {
        if (w.equals(";")) return "\\;";
        if (!w.isEmpty() && isPlain(w)) return specifiers(w, dollar);
        return quoted(w, dollar);
    }

    /** A unit name: within 255 bytes and of the characters systemd accepts. */
    public static String unitName(String stem, String suffix) throws Unrepresentable {
        String name = stem + "." + suffix;
        if (name.length() > UNIT_NAME_MAX) {
            throw new Unrepresentable("unit name '" + name + "' is longer than systemd's " + UNIT_NAME_MAX + " bytes");
        }
        if (!(plainUnitName(name) || UNIT_NAME.matcher(name).matches()) || stem.startsWith(".")) {
            throw new Unrepresentable("'" + printable(name) + "' is not a valid systemd unit name"
                    + " (letters, digits and : _ . - only)");
        }
        return name;
    }

    /**
     * The common case of {@link #UNIT_NAME} without a regular expression (one is matched per
     * unit and dependency): {@code [A-Za-z0-9:_.-]+} then {@code .} and {@code [a-z]+}. False
     * says only that the pattern must decide.
     */
    private static boolean plainUnitName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) return false;
        for (int i = 0; i < dot; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == ':'
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!ok) return false;
        }
        for (int i = dot + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 'a' || c > 'z') return false;
        }
        return true;
    }

    /**
     * A value written verbatim after {@code Key=} (passthrough keys, comments, X- keys): anything is
     * allowed but what would end or continue the line.
     */
    public static String verbatim(String v) throws Unrepresentable {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new Unrepresentable("a line break or NUL in '" + printable(v) + "' would end the unit line");
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(v, i)) {
                throw new Unrepresentable("'" + printable(v) + "' is not valid UTF-8 (unpaired surrogate)");
            }
            checkCodePoint(v, v.codePointAt(i));
            if (Character.isHighSurrogate(c)) i++;
        }
        if (v.endsWith("\\")) throw new Unrepresentable("a trailing backslash in '" + v + "' would join the next line");
        return v;
    }

    private static void checkExecutable(String exe) throws Unrepresentable {
        if (exe.isEmpty()) throw new Unrepresentable("the executable is empty");
        char first = exe.charAt(0);
        if ("-@:+!".indexOf(first) >= 0) {
            throw new Unrepresentable("the executable '" + printable(exe) + "' starts with '" + first
                    + "', which systemd reads as an ExecStart= prefix; give an absolute path");
        }
        for (int i = 0; i < exe.length(); i++) {
            char c = exe.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '\\') {
                throw new Unrepresentable("the executable '" + printable(exe)
                        + "' holds a quote, backslash or control character, which systemd refuses in a path");
            }
        }
        verbatim(exe);
        if (exe.endsWith("/")) throw new Unrepresentable("the executable '" + exe + "' names a directory");
        if (!exe.startsWith("/") && (exe.contains("/") || exe.equals(".") || exe.equals(".."))) {
            throw new Unrepresentable(
                    "the executable '" + printable(exe) + "' is neither an absolute path nor a plain command name");
        }
    }

    /** Characters that need neither quoting nor escaping in an unquoted word. */
    private static boolean isPlain(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "/_.,:=+@%$-".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static String specifiers(String w, boolean dollar) {
        if (w.indexOf('%') < 0 && (!dollar || w.indexOf('$') < 0)) return w;
        var b = new StringBuilder(w.length() + 4);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '%') b.append("%%");
            else if (c == '$' && dollar) b.append("$$");
            else b.append(c);
        }
        return b.toString();
    }

    private static String quoted(String w, boolean dollar) throws Unrepresentable {
        return '"' + inner(w, dollar) + '"';
    }

    /** The text of a double-quoted word, without the quotes. */
    private static String inner(String w, boolean dollar) throws Unrepresentable {
        var b = new StringBuilder(w.length() + 8);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            switch (c) {
                case 0 -> throw new Unrepresentable("'" + printable(w) + "' holds a NUL character");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '%' -> b.append("%%");
                case '$' -> b.append(dollar ? "$$" : "$");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        if (!validSurrogatePair(w, i)) {
                            throw new Unrepresentable("'" + printable(w) + "' is not valid UTF-8 (unpaired surrogate)");
                        }
                        checkCodePoint(w, w.codePointAt(i));
                        b.append(c).append(w.charAt(i + 1));
                        i++;
                    } else {
                        checkCodePoint(w, c);
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * systemd's UTF-8 check ({@code unichar_is_valid}) also refuses the noncharacters U+FDD0..U+FDEF
     * and U+xFFFE/U+xFFFF: a unit line holding one is ignored as "not UTF-8 clean".
     */
    private static void checkCodePoint(String w, int cp) throws Unrepresentable {
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            throw new Unrepresentable("'" + printable(w) + "' holds the Unicode noncharacter U+"
                    + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)
                    + ", which systemd does not accept as UTF-8");
        }
    }

    private static boolean validSurrogatePair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** For messages: control characters and surrogates shown as escapes. */
    static String printable(String s) {
        var b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
