package org.modsvc.emit.systemd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model, written from systemd 252's behaviour, of how systemd reads what the emitter writes:
 * {@code extract_first_word} with its flags, {@code cunescape_one}, the unit-file line layer
 * (whitespace stripping, backslash continuation), {@code config_parse_exec} (prefixes, {@code ;}
 * separators, specifiers), exec-time {@code $} expansion and {@code config_parse_environ}. It works on
 * bytes, as systemd does. Checked against systemd's own test vectors and used to round-trip the
 * encoder; the real-systemd tests then confirm both.
 */
final class SystemdParser {
    private SystemdParser() {}

    enum Flag {
        EXTRACT_RELAX,
        EXTRACT_CUNESCAPE,
        EXTRACT_UNESCAPE_RELAX,
        EXTRACT_UNESCAPE_SEPARATORS,
        EXTRACT_KEEP_QUOTE,
        EXTRACT_UNQUOTE,
        EXTRACT_DONT_COALESCE_SEPARATORS,
        EXTRACT_RETAIN_ESCAPE,
        EXTRACT_RETAIN_SEPARATORS
    }

    static final String WHITESPACE = " \t\n\r";
    static final int EINVAL = -22;

    /** A C string being consumed: {@code pos == -1} is the NULL pointer. */
    static final class Cursor {
        final byte[] s;
        int pos;

        Cursor(byte[] s) {
            this.s = s;
            this.pos = 0;
        }

        Cursor(String s) {
            this(s.getBytes(StandardCharsets.UTF_8));
        }

        int at(int i) {
            return i < s.length ? s[i] & 0xff : 0;
        }

        int c() {
            return at(pos);
        }

        boolean isEmpty() {
            return pos < 0 || pos >= s.length;
        }

        /** The rest as a string, or null for the NULL pointer. */
        byte[] rest() {
            return pos < 0 ? null : java.util.Arrays.copyOfRange(s, Math.min(pos, s.length), s.length);
        }
    }

    /** {@code ret} is 1, 0 or {@link #EINVAL}; {@code word} null unless ret is 1. */
    record Extracted(int ret, byte[] word) {}

    static Extracted extractFirstWord(Cursor p, String separators, Set<Flag> flags) {
        if (separators == null) separators = WHITESPACE;
        if (p.pos < 0) return new Extracted(0, null);
        ByteArrayOutputStream s = null;
        boolean backslash = false;
        int quote = 0;
        int c = p.c();
        if (flags.contains(Flag.EXTRACT_DONT_COALESCE_SEPARATORS)) s = new ByteArrayOutputStream();
        for (; ; p.pos++, c = p.c()) {
            if (c == 0) return terminate(p, s);
            if (separators.indexOf(c) >= 0) {
                if (flags.contains(Flag.EXTRACT_DONT_COALESCE_SEPARATORS)) {
                    if (!flags.contains(Flag.EXTRACT_RETAIN_SEPARATORS)) p.pos++;
                    return new Extracted(1, s.toByteArray());
                }
            } else {
                if (s == null) s = new ByteArrayOutputStream();
                break;
            }
        }
        for (; ; p.pos++, c = p.c()) {
            if (backslash) {
                if (c == 0) {
                    if (flags.contains(Flag.EXTRACT_UNESCAPE_RELAX)
                            && (quote == 0 || flags.contains(Flag.EXTRACT_RELAX))) {
                        s.write('\\');
                        return terminate(p, s);
                    }
                    if (flags.contains(Flag.EXTRACT_RELAX)) return terminate(p, s);
                    return new Extracted(EINVAL, null);
                }
                if (flags.contains(Flag.EXTRACT_CUNESCAPE) || flags.contains(Flag.EXTRACT_UNESCAPE_SEPARATORS)) {
                    Unescaped u = flags.contains(Flag.EXTRACT_CUNESCAPE) ? cunescapeOne(p.s, p.pos) : null;
                    if (u != null) {
                        p.pos += u.length() - 1;
                        if (u.eightBit()) s.write(u.value());
                        else s.writeBytes(utf8(u.value()));
                    } else if (flags.contains(Flag.EXTRACT_UNESCAPE_SEPARATORS)
                            && (separators.indexOf(c) >= 0 || c == '\\')) {
                        s.write(c);
                    } else if (flags.contains(Flag.EXTRACT_UNESCAPE_RELAX)) {
                        s.write('\\');
                        s.write(c);
                    } else {
                        return new Extracted(EINVAL, null);
                    }
                } else {
                    s.write(c);
                }
                backslash = false;
            } else if (quote != 0) {
                for (; ; p.pos++, c = p.c()) {
                    if (c == 0) {
                        if (flags.contains(Flag.EXTRACT_RELAX)) return terminate(p, s);
                        return new Extracted(EINVAL, null);
                    } else if (c == quote) {
                        quote = 0;
                        if (flags.contains(Flag.EXTRACT_UNQUOTE)) break;
                    } else if (c == '\\' && !flags.contains(Flag.EXTRACT_RETAIN_ESCAPE)) {
                        backslash = true;
                        break;
                    }
                    s.write(c);
                    if (quote == 0) break;
                }
            } else {
                for (; ; p.pos++, c = p.c()) {
                    if (c == 0) return terminate(p, s);
                    if ((c == '\'' || c == '"')
                            && (flags.contains(Flag.EXTRACT_KEEP_QUOTE) || flags.contains(Flag.EXTRACT_UNQUOTE))) {
                        quote = c;
                        if (flags.contains(Flag.EXTRACT_UNQUOTE)) break;
                    } else if (c == '\\' && !flags.contains(Flag.EXTRACT_RETAIN_ESCAPE)) {
                        backslash = true;
                        break;
                    } else if (separators.indexOf(c) >= 0) {
                        if (flags.contains(Flag.EXTRACT_DONT_COALESCE_SEPARATORS)) {
                            if (!flags.contains(Flag.EXTRACT_RETAIN_SEPARATORS)) p.pos++;
                            return new Extracted(1, s.toByteArray());
                        }
                        if (!flags.contains(Flag.EXTRACT_RETAIN_SEPARATORS)) {
                            for (; ; p.pos++, c = p.c()) {
                                if (c == 0) return terminate(p, s);
                                if (separators.indexOf(c) < 0) break;
                            }
                        }
                        return new Extracted(1, s.toByteArray());
                    }
                    s.write(c);
                    if (quote != 0) break;
                }
            }
        }
    }

    private static Extracted terminate(Cursor p, ByteArrayOutputStream s) {
        p.pos = -1;
        return s == null ? new Extracted(0, null) : new Extracted(1, s.toByteArray());
    }

    /**
     * {@code extract_first_word_and_warn}: on EINVAL without UNESCAPE_RELAX it retries with it and
     * warns about unknown escapes.
     */
    static Extracted extractFirstWordAndWarn(Cursor p, String separators, Set<Flag> flags, List<String> warnings) {
        int save = p.pos;
        Extracted r = extractFirstWord(p, separators, flags);
        if (r.ret() >= 0) return r;
        if (!flags.contains(Flag.EXTRACT_UNESCAPE_RELAX)) {
            p.pos = save;
            var relaxed = EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(Flag.class) : flags);
            relaxed.add(Flag.EXTRACT_UNESCAPE_RELAX);
            r = extractFirstWord(p, separators, relaxed);
            if (r.ret() >= 0) {
                warnings.add("Ignoring unknown escape sequences: \"" + string(r.word()) + "\"");
                return r;
            }
            warnings.add("Unbalanced quoting");
        }
        return r;
    }

    record Unescaped(int length, int value, boolean eightBit) {}

    /** {@code cunescape_one} without accepting NUL; null where systemd returns an error. */
    static Unescaped cunescapeOne(byte[] s, int i) {
        int c = at(s, i);
        switch (c) {
            case 'a':
                return new Unescaped(1, 7, false);
            case 'b':
                return new Unescaped(1, 8, false);
            case 'f':
                return new Unescaped(1, 12, false);
            case 'n':
                return new Unescaped(1, 10, false);
            case 'r':
                return new Unescaped(1, 13, false);
            case 't':
                return new Unescaped(1, 9, false);
            case 'v':
                return new Unescaped(1, 11, false);
            case '\\':
            case '"':
            case '\'':
                return new Unescaped(1, c, false);
            case 's':
                return new Unescaped(1, ' ', false);
            case 'x': {
                int a = hex(at(s, i + 1)), b = hex(at(s, i + 2));
                if (a < 0 || b < 0 || (a == 0 && b == 0)) return null;
                return new Unescaped(3, (a << 4) | b, true);
            }
            case 'u':
            case 'U': {
                int n = c == 'u' ? 4 : 8;
                long v = 0;
                for (int k = 1; k <= n; k++) {
                    int h = hex(at(s, i + k));
                    if (h < 0) return null;
                    v = (v << 4) | h;
                }
                if (v == 0) return null;
                if (c == 'U' && !unicharIsValid(v)) return null;
                return new Unescaped(n + 1, (int) v, false);
            }
            default:
                if (c >= '0' && c <= '7') {
                    int a = oct(at(s, i)), b = oct(at(s, i + 1)), d = oct(at(s, i + 2));
                    if (a < 0 || b < 0 || d < 0 || (a == 0 && b == 0 && d == 0)) return null;
                    int m = (a << 6) | (b << 3) | d;
                    if (m > 255) return null;
                    return new Unescaped(3, m, true);
                }
                return null;
        }
    }

    private static boolean unicharIsValid(long ch) {
        if (ch >= 0x110000) return false;
        if ((ch & 0xFFFFF800L) == 0xD800) return false;
        if (ch >= 0xFDD0 && ch <= 0xFDEF) return false;
        return (ch & 0xFFFE) != 0xFFFE;
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static int oct(int c) {
        return c >= '0' && c <= '7' ? c - '0' : -1;
    }

    /** systemd's utf8_encode_unichar: encodes any value below 2^31, surrogates included. */
    static byte[] utf8(int u) {
        if (u < 0x80) return new byte[] {(byte) u};
        if (u < 0x800) return new byte[] {(byte) (0xc0 | (u >> 6)), (byte) (0x80 | (u & 0x3f))};
        if (u < 0x10000) {
            return new byte[] {(byte) (0xe0 | (u >> 12)), (byte) (0x80 | ((u >> 6) & 0x3f)), (byte) (0x80 | (u & 0x3f))
            };
        }
        return new byte[] {
            (byte) (0xf0 | (u >> 18)),
            (byte) (0x80 | ((u >> 12) & 0x3f)),
            (byte) (0x80 | ((u >> 6) & 0x3f)),
            (byte) (0x80 | (u & 0x3f))
        };
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- unit-file layer

    /**
     * The value as config_parse hands it to a key's parser: a trailing unescaped backslash is a
     * continuation (at the end of the file it becomes a space), then whitespace is stripped.
     */
    static String unitValue(String raw) {
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            if (escaped) escaped = false;
            else if (raw.charAt(i) == '\\') escaped = true;
        }
        if (escaped) raw = raw.substring(0, raw.length() - 1) + " ";
        int a = 0, b = raw.length();
        while (a < b && WHITESPACE.indexOf(raw.charAt(a)) >= 0) a++;
        while (b > a && WHITESPACE.indexOf(raw.charAt(b - 1)) >= 0) b--;
        return raw.substring(a, b);
    }

    /** Specifier letters systemd 252 knows in unit files; the ones a test gives values for resolve. */
    private static final String SPECIFIERS = "aAbBCdEfgGhHiIjJlLmMnNopPqsStTuUvVwWyY";

    /** unit_full_printf: {@code %%} → {@code %}, known specifiers from {@code values}; null on error. */
    static byte[] specifiers(byte[] in, Map<Character, String> values) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xff;
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 1 >= in.length) {
                out.write('%');
                continue;
            }
            char k = (char) (in[++i] & 0xff);
            if (k == '%') out.write('%');
            else if (SPECIFIERS.indexOf(k) >= 0)
                out.writeBytes(values.getOrDefault(k, "<%" + k + ">").getBytes(StandardCharsets.UTF_8));
            else return null;
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- ExecStart=

    record Command(byte[] path, List<byte[]> argv, Set<String> flags) {}

    /**
     * What config_parse_exec makes of a value: the commands, whether the value resets the list, and
     * whether the line failed ({@code ignored}: logged and skipped, the unit still loads).
     */
    record ExecParse(List<Command> commands, boolean reset, boolean error, boolean ignored, List<String> warnings) {}

    static ExecParse parseExec(String rawValue, Map<Character, String> specifierValues) {
        String value = unitValue(rawValue);
        var warnings = new ArrayList<String>();
        var commands = new ArrayList<Command>();
        if (value.isEmpty()) return new ExecParse(commands, true, false, false, warnings);
        var p = new Cursor(value);
        var unquote = EnumSet.of(Flag.EXTRACT_UNQUOTE, Flag.EXTRACT_CUNESCAPE);
        boolean semicolon;
        do {
            semicolon = false;
            Extracted first = extractFirstWordAndWarn(p, null, unquote, warnings);
            if (first.ret() == 0) break;
            if (first.ret() < 0) return new ExecParse(commands, false, true, false, warnings);
            if (string(first.word()).equals(";")) {
                semicolon = true;
                continue;
            }
            byte[] fw = first.word();
            int f = 0;
            var flags = new java.util.TreeSet<String>();
            boolean separateArgv0 = false;
            for (; f < fw.length; f++) {
                int ch = fw[f] & 0xff;
                if (ch == '-' && !flags.contains("ignore-failure")) flags.add("ignore-failure");
                else if (ch == '@' && !separateArgv0) separateArgv0 = true;
                else if (ch == ':' && !flags.contains("no-env-expand")) flags.add("no-env-expand");
                else if (ch == '+'
                        && !flags.contains("fully-privileged")
                        && !flags.contains("no-setuid")
                        && !flags.contains("ambient-magic")) flags.add("fully-privileged");
                else if (ch == '!'
                        && !flags.contains("fully-privileged")
                        && !flags.contains("no-setuid")
                        && !flags.contains("ambient-magic")) flags.add("no-setuid");
                else if (ch == '!' && !flags.contains("fully-privileged") && !flags.contains("ambient-magic")) {
                    flags.remove("no-setuid");
                    flags.add("ambient-magic");
                } else break;
            }
            boolean ignore = flags.contains("ignore-failure");
            byte[] path = specifiers(java.util.Arrays.copyOfRange(fw, f, fw.length), specifierValues);
            if (path == null) return fail(commands, ignore, warnings, "Failed to resolve unit specifiers");
            if (path.length == 0) return fail(commands, ignore, warnings, "Empty path in command line");
            if (!stringIsSafe(path)) {
                return fail(commands, ignore, warnings, "Executable name contains special characters: " + string(path));
            }
            String ps = string(path);
            if (!ps.startsWith("/") && !filenameIsValid(ps)) {
                return fail(commands, ignore, warnings, "Neither a valid executable name nor an absolute path: " + ps);
            }
            if (ps.endsWith("/")) {
                return fail(commands, ignore, warnings, "Executable path specifies a directory: " + ps);
            }
            var argv = new ArrayList<byte[]>();
            if (!separateArgv0) argv.add(path);
            while (!p.isEmpty()) {
                int c0 = p.c(), c1 = p.at(p.pos + 1), c2 = p.at(p.pos + 2);
                byte[] word;
                if (c0 == ';' && (c1 == 0 || WHITESPACE.indexOf(c1) >= 0)) {
                    p.pos++;
                    while (!p.isEmpty() && WHITESPACE.indexOf(p.c()) >= 0) p.pos++;
                    semicolon = true;
                    break;
                }
                if (c0 == '\\' && c1 == ';' && (c2 == 0 || WHITESPACE.indexOf(c2) >= 0)) {
                    p.pos += 2;
                    while (!p.isEmpty() && WHITESPACE.indexOf(p.c()) >= 0) p.pos++;
                    word = new byte[] {';'};
                } else {
                    Extracted w = extractFirstWordAndWarn(p, null, unquote, warnings);
                    if (w.ret() == 0) break;
                    if (w.ret() < 0) return fail(commands, ignore, warnings, "Unbalanced quoting");
                    word = w.word();
                }
                byte[] resolved = specifiers(word, specifierValues);
                if (resolved == null) return fail(commands, ignore, warnings, "Failed to resolve unit specifiers");
                argv.add(resolved);
            }
            if (argv.isEmpty()) return fail(commands, ignore, warnings, "Empty executable name or zeroeth argument");
            commands.add(new Command(simplify(path), argv, flags));
        } while (semicolon);
        return new ExecParse(commands, false, false, false, warnings);
    }

    private static ExecParse fail(List<Command> commands, boolean ignore, List<String> warnings, String why) {
        warnings.add(why);
        return new ExecParse(commands, false, true, ignore, warnings);
    }

    private static boolean stringIsSafe(byte[] p) {
        for (byte b : p) {
            int c = b & 0xff;
            if (c > 0 && c < ' ') return false;
            if (c == '"' || c == '\'' || c == '\\' || c == 0x7f) return false;
        }
        return true;
    }

    private static boolean filenameIsValid(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && !s.contains("/") && s.length() <= 255;
    }

    /** path_simplify: runs of slashes become one, "/./" segments go, a trailing slash stays off. */
    static byte[] simplify(byte[] path) {
        String s = string(path);
        boolean abs = s.startsWith("/");
        var parts = new ArrayList<String>();
        for (String seg : s.split("/")) if (!seg.isEmpty() && !seg.equals(".")) parts.add(seg);
        String out = (abs ? "/" : "") + String.join("/", parts);
        if (out.isEmpty()) out = abs ? "/" : ".";
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Exec-time expansion (replace_env_argv) with an environment: a word that is {@code $NAME}
     * alone is split (or dropped when unset); elsewhere {@code $$} → {@code $}, {@code ${NAME}} →
     * value. Words are bytes.
     */
    static List<byte[]> expandArgv(List<byte[]> argv, Map<String, String> env) {
        var out = new ArrayList<byte[]>();
        for (byte[] w : argv) {
            if (w.length > 0 && w[0] == '$' && (w.length == 1 || (w[1] != '{' && w[1] != '$'))) {
                String v = env.get(string(w).substring(1));
                if (v != null) {
                    var c = new Cursor(v);
                    while (true) {
                        Extracted e = extractFirstWord(c, null, EnumSet.of(Flag.EXTRACT_RELAX, Flag.EXTRACT_UNQUOTE));
                        if (e.ret() <= 0) break;
                        out.add(e.word());
                    }
                }
                continue;
            }
            out.add(replaceEnv(w, env));
        }
        return out;
    }

    private static byte[] replaceEnv(byte[] w, Map<String, String> env) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < w.length; i++) {
            int c = w[i] & 0xff;
            if (c == '$' && i + 1 < w.length && w[i + 1] == '$') {
                out.write('$');
                i++;
            } else if (c == '$' && i + 1 < w.length && w[i + 1] == '{') {
                int end = i + 2;
                while (end < w.length && w[end] != '}') end++;
                if (end >= w.length) {
                    out.write(w, i, w.length - i);
                    break;
                }
                String name = new String(w, i + 2, end - i - 2, StandardCharsets.UTF_8);
                out.writeBytes(env.getOrDefault(name, "").getBytes(StandardCharsets.UTF_8));
                i = end;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- Environment=

    /** config_parse_environ: the assignments in order; invalid ones are left out, as systemd does. */
    static List<byte[]> parseEnvironment(String rawValue, Map<Character, String> specifierValues) {
        var out = new ArrayList<byte[]>();
        var p = new Cursor(unitValue(rawValue));
        while (true) {
            Extracted e = extractFirstWord(p, null, EnumSet.of(Flag.EXTRACT_CUNESCAPE, Flag.EXTRACT_UNQUOTE));
            if (e.ret() <= 0) return out;
            byte[] resolved = specifiers(e.word(), specifierValues);
            if (resolved == null) continue;
            String s = string(resolved);
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
            if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), resolved)) continue; // not UTF-8
            out.add(resolved);
        }
    }
}
