package org.modsvc.load;

import java.util.regex.Pattern;

/**
 * The name rules. Module, node, provision, requirement, sub-service and config data names become
 * parts of unit names and file names, so they exclude '/', '.', whitespace, control characters and
 * anything systemd would escape; they cannot start with '-' (it would read as an option).
 */
public final class Names {
    private Names() {}

    /** Longest single name: keeps {@code parent-child-grandchild.service} well under 255 bytes. */
    public static final int MAX_NAME = 64;

    /** Longest contract name. */
    public static final int MAX_CONTRACT = 128;

    /** systemd's limit on a unit name, suffix included. */
    public static final int MAX_UNIT = 255;

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    public static final Pattern CONTRACT =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");
    public static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final Pattern SYSTEMD_KEY = Pattern.compile("[A-Z][A-Za-z0-9]*");
    public static final Pattern SIGNAL = Pattern.compile(
            "HUP|INT|QUIT|USR1|USR2|TERM|CONT|STOP|TSTP|WINCH|ALRM|PWR|URG|IO|KILL|TTIN|TTOU|XCPU|XFSZ|VTALRM|PROF|SYS|TRAP|ABRT|BUS|FPE|SEGV|PIPE|CHLD|ILL");

    /** Whether {@code s} matches {@link #NAME} and is short enough; a loop, as it runs for every name read. */
    public static boolean isName(String s) {
        return s.length() <= MAX_NAME && segmentEnd(s, 0) == s.length();
    }

    /** Whether {@code s} matches {@link #CONTRACT} and is short enough. */
    public static boolean isContractName(String s) {
        if (s.length() > MAX_CONTRACT) return false;
        int i = 0;
        while (true) {
            int end = segmentEnd(s, i);
            if (end < 0) return false;
            if (end == s.length()) return true;
            if (s.charAt(end) != '.') return false;
            i = end + 1;
        }
    }

    /**
     * The end of a {@link #NAME}-shaped run starting at {@code from}: a first character that is
     * not '-', then letters, digits, '_' or '-'. -1 when there is no such first character.
     */
    private static int segmentEnd(String s, int from) {
        if (from >= s.length() || s.charAt(from) == '-' || !nameChar(s.charAt(from))) return -1;
        int i = from + 1;
        while (i < s.length() && nameChar(s.charAt(i))) i++;
        return i;
    }

    private static boolean nameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Why {@code s} is not a valid name, for the message; null when it is valid. */
    public static String whyNotName(String s) {
        if (s.isEmpty()) return "it is empty";
        if (s.length() > MAX_NAME) return "it is " + s.length() + " characters long, more than " + MAX_NAME;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                String what = c == '/'
                        ? "'/'"
                        : c == '.'
                                ? "'.'"
                                : Character.isWhitespace(c)
                                        ? "white space"
                                        : Character.isISOControl(c) ? "a control character" : "'" + c + "'";
                return "it contains " + what + " at position " + (i + 1);
            }
        }
        if (s.charAt(0) == '-') return "it starts with '-'";
        return null;
    }

    /** The suggestion shown under every bad-name diagnostic. */
    public static final String RULE = "names match [A-Za-z0-9_][A-Za-z0-9_-]* and are at most " + MAX_NAME
            + " characters (no '/', '.', spaces or control characters)";
}
