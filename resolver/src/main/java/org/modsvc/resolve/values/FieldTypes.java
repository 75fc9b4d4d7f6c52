package org.modsvc.resolve.values;

import org.modsvc.model.FieldType;

/** Whether a text fits a contract field's type, checked without regular expressions. */
public final class FieldTypes {
    private FieldTypes() {}

    /**
     * Whether {@code v} can be a secret's file path. Anything else may be the secret itself (a
     * password, a PEM block), so it is neither echoed in the diagnostic nor kept in the plan.
     */
    public static boolean isSecretPath(String v) {
        if (!v.startsWith("/")) return false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < ' ' || ch == 0x7f) return false;
        }
        return true;
    }

    /** An absolute path with no empty, "." or ".." segment and no trailing slash (other than "/"). */
    public static boolean isNormalPath(String v) {
        if (!v.startsWith("/")) return false;
        if (v.equals("/")) return true;
        if (v.endsWith("/")) return false;
        for (String seg : v.substring(1).split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) return false;
        }
        return true;
    }

    /** Null when {@code v} fits {@code t}, else what it should be ("a port (1-65535)"). */
    public static String typeProblem(FieldType t, String v) {
        switch (t) {
            case STRING:
                return null;
            case INT: {
                int from = v.startsWith("-") ? 1 : 0;
                if (!isDigits(v, from, 18)) return "an integer";
                // YAML 1.1 reads 010 as octal 8: consumers reading either way must agree.
                return v.length() - from > 1 && v.charAt(from) == '0'
                        ? "an integer without a leading zero (YAML 1.1 reads it as octal)"
                        : null;
            }
            case PORT:
                if (v.length() > 1 && v.charAt(0) == '0' && isDigits(v, 0, 5)) {
                    return "a port number (1-65535) without a leading zero (YAML 1.1 reads it as octal)";
                }
                if (isDigits(v, 0, 5)) {
                    int p = Integer.parseInt(v);
                    if (p >= 1 && p <= 65535) return null;
                }
                // A well-formed auto:N never gets here: it was replaced by the allocated port.
                return v.startsWith("auto")
                        ? "a port number (1-65535), or \"auto:N\" with N a port number"
                        : "a port number (1-65535)";
            case HOST:
                return isHost(v) ? null : "a host name or address";
            case PATH:
                return v.startsWith("/") ? null : "an absolute path";
            case URL:
                return isUrl(v)
                        ? null
                        : "a URI (RFC 3986: scheme:…, such as https://example.org/ or unix:/run/app.sock)";
            case BOOL:
                return v.equals("true") || v.equals("false") ? null : "true or false";
            default:
                throw new IllegalStateException(t.name());
        }
    }

    // The checks below are hand-written forms of regular expressions; String.matches compiled its
    // pattern again for every field of every instance.

    /** {@code v.substring(from)} matches {@code [0-9]{1,max}}. */
    private static boolean isDigits(String v, int from, int max) {
        int n = v.length() - from;
        if (n < 1 || n > max) return false;
        for (int k = from; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < '0' || ch > '9') return false;
        }
        return true;
    }

    /** Not empty, and no blank, control character or slash. */
    private static boolean isHost(String v) {
        if (v.isEmpty()) return false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch <= ' ' || ch == '/') return false;
        }
        return true;
    }

    /** {@code v} matches {@code [A-Za-z][A-Za-z0-9+.-]*://\\S+}. */
    /**
     * An RFC 3986 URI: a scheme, ':', then only characters a URI may hold (unreserved, reserved,
     * or %HH), so {@code unix:/run/app.sock}, {@code redis+unix:///run/r.sock}, {@code mailto:a@b}
     * and {@code postgresql://h/db} all pass, and text with blanks, quotes or non-ASCII does not.
     */
    private static boolean isUrl(String v) {
        if (v.isEmpty() || !isAsciiLetter(v.charAt(0))) return false;
        int k = 1;
        while (k < v.length() && isSchemeChar(v.charAt(k))) k++;
        if (k >= v.length() || v.charAt(k) != ':') return false;
        for (k++; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch == '%') {
                if (k + 2 >= v.length() || !isHex(v.charAt(k + 1)) || !isHex(v.charAt(k + 2))) return false;
                k += 2;
            } else if (!isUriChar(ch)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    }

    /** RFC 3986 unreserved, gen-delims and sub-delims. */
    private static boolean isUriChar(char ch) {
        return isAsciiLetter(ch) || (ch >= '0' && ch <= '9') || "-._~:/?#[]@!$&'()*+,;=".indexOf(ch) >= 0;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }

    private static boolean isSchemeChar(char ch) {
        return isAsciiLetter(ch) || (ch >= '0' && ch <= '9') || ch == '+' || ch == '.' || ch == '-';
    }

    public static String example(FieldType t) {
        return switch (t) {
            case STRING -> "any text";
            case INT -> "42";
            case PORT -> "5432";
            case HOST -> "db1.example.org or 10.0.0.12";
            case PATH -> "/run/postgresql";
            case URL -> "https://example.org/";
            case BOOL -> "true";
        };
    }
}
