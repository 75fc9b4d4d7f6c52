package org.modsvc.source;

import java.util.BitSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lines of a source file may hold secret material, so that no diagnostic ever shows them as
 * an excerpt. Read from the text alone, so it holds whether or not the file parsed (a tab or a bad
 * escape inside a PEM block, invalid UTF-8, a syntax error) and whichever diagnostic points there.
 *
 * <p>A line is secret when it lies in a PEM block ({@code -----BEGIN …-----} to {@code -----END
 * …-----}, or to the end of the file when unterminated), holds a long base64-like run (40 or more
 * letters, digits, {@code +} or {@code /}, mixing them), or gives a value to a secret key: one of
 * the fields contracts declare {@code secret: true}, or a key whose words include password,
 * passphrase, secret, token, credential, apikey or private (and {@code key} when the value holds a
 * base64-like run of 16 or more). Such a value is not secret when it is an absolute path without
 * control characters (what secret fields hold), only references ({@code ${…}}), or a field
 * declaration ({@code { type: …}}); a block scalar, or a value continued on the lines below, makes
 * those more indented lines secret too.
 */
public final class SecretLines {
    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [^-\\n]*-----");
    private static final Pattern PEM_END = Pattern.compile("-----END [^-\\n]*-----");
    private static final Pattern LONG_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}");
    private static final Pattern KEY_RUN = Pattern.compile("[A-Za-z0-9+/_-]{16,}");
    /** A mapping key in YAML (plain or quoted) or JSON, at a line start or inside a flow collection. */
    private static final Pattern KEY =
            Pattern.compile("(?:^|[\\s{,\\[])(?:- )?([\"']?)([A-Za-z0-9_.-]+)\\1\\s*:(?=\\s|$)");

    private static final Set<String> SECRET_WORDS = Set.of(
            "password",
            "passwd",
            "passphrase",
            "pwd",
            "secret",
            "secrets",
            "token",
            "tokens",
            "credential",
            "credentials",
            "apikey",
            "private",
            "privatekey");

    private SecretLines() {}

    /**
     * The secret lines of {@code text}, 1-based.
     *
     * @param declared field names that contracts declare secret; never null
     * @return never null; a fresh set the caller may keep
     */
    public static BitSet of(String text, Set<String> declared) {
        var secret = new BitSet();
        String[] lines = text.split("\n", -1);
        boolean inPem = false;
        int continuedIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            int indent = indent(line);
            if (continuedIndent >= 0) {
                if (line.isBlank() || indent > continuedIndent) {
                    secret.set(n);
                    continue;
                }
                continuedIndent = -1;
            }
            if (PEM_BEGIN.matcher(line).find()) inPem = true;
            if (inPem) {
                secret.set(n);
                if (PEM_END.matcher(line).find()) inPem = false;
                continue;
            }
            if (hasMixedRun(LONG_RUN.matcher(line))) {
                secret.set(n);
                continue;
            }
            Matcher k = KEY.matcher(line);
            int from = 0;
            while (k.find(from)) {
                String key = k.group(2);
                boolean isKeyWord = isKeyWord(key);
                boolean named = declared.contains(key) || secretWords(key) || isKeyWord;
                int valueStart = k.end();
                from = Math.max(valueStart, k.start() + 1);
                if (!named) continue;
                String value = value(line, valueStart);
                String v = value.strip();
                if (v.isEmpty() || v.startsWith("|") || v.startsWith(">") || unclosedQuote(v)) {
                    // The value is on the lines below: the whole more-indented block is secret.
                    if (!isKeyWord || !v.isEmpty()) {
                        secret.set(n);
                        continuedIndent = indent;
                    }
                    break;
                }
                if (isKeyWord && !declared.contains(key) && !secretWords(key)) {
                    if (hasMixedRun(KEY_RUN.matcher(v))) secret.set(n);
                } else if (!harmless(v)) {
                    secret.set(n);
                }
            }
        }
        return secret;
    }

    /**
     * Whether a message about {@code value}, found at the place {@code what} names (such as
     * {@code node 'password'}), must not repeat it: a word of {@code what} names a secret, or the
     * value holds a long base64-like run. Both non-null.
     */
    public static boolean mayBeSecret(String what, String value) {
        for (String w : what.split("[^A-Za-z0-9_.-]+")) if (!w.isEmpty() && secretWords(w)) return true;
        return hasMixedRun(KEY_RUN.matcher(value));
    }

    /** The value text after a key: up to the end of the flow item or the line, quotes kept. */
    private static String value(String line, int start) {
        int i = start;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        if (i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
            char q = line.charAt(i);
            int j = i + 1;
            while (j < line.length()) {
                char c = line.charAt(j);
                if (q == '"' && c == '\\') j++;
                else if (c == q) return line.substring(i, j + 1);
                j++;
            }
            return line.substring(i);
        }
        int depth = 0;
        int j = i;
        for (; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && depth-- == 0) break;
            else if (c == ',' && depth == 0) break;
            else if (c == '#' && j > i && line.charAt(j - 1) == ' ') break;
        }
        return line.substring(i, j);
    }

    private static boolean unclosedQuote(String v) {
        if (v.length() == 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) return true;
        if (v.startsWith("\"")) return !v.endsWith("\"") || v.endsWith("\\\"");
        if (v.startsWith("'")) return !v.endsWith("'");
        return false;
    }

    /** A value a secret key may show: an absolute path, references only, or a field declaration. */
    private static boolean harmless(String v) {
        String u = v;
        if (u.length() >= 2 && (u.charAt(0) == '"' || u.charAt(0) == '\'') && u.charAt(u.length() - 1) == u.charAt(0)) {
            u = u.substring(1, u.length() - 1);
            if (v.charAt(0) == '"' && u.indexOf('\\') >= 0) return false;
        }
        if (u.startsWith("{") && u.contains("type:")) return true;
        if (u.equals("null") || u.equals("~") || u.equals("true") || u.equals("false")) return true;
        if (u.replaceAll("\\$\\{[^}]*\\}", "").isEmpty()) return true;
        if (!u.startsWith("/")) return false;
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c < ' ' || c == 0x7f || c == '\uFFFD') return false;
        }
        return true;
    }

    /** Whether any of the key's words (camelCase, snake_case, kebab-case, dotted) names a secret. */
    private static boolean secretWords(String key) {
        for (String w : words(key)) if (SECRET_WORDS.contains(w)) return true;
        return false;
    }

    private static boolean isKeyWord(String key) {
        for (String w : words(key)) if (w.equals("key")) return true;
        return false;
    }

    private static String[] words(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .split("[\\s_.-]+");
    }

    private static boolean hasMixedRun(Matcher m) {
        while (m.find()) {
            String r = m.group();
            boolean letter = false;
            boolean digit = false;
            for (int i = 0; i < r.length(); i++) {
                char c = r.charAt(i);
                letter |= Character.isLetter(c);
                digit |= Character.isDigit(c);
            }
            if (letter && digit) return true;
        }
        return false;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }
}
