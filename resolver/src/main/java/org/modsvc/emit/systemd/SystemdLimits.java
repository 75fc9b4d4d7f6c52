package org.modsvc.emit.systemd;

import java.nio.charset.StandardCharsets;
import org.modsvc.plan.Part;
import org.modsvc.plan.Value;

/**
 * The limits of systemd 252 and of Linux that a unit within modsvc's own limits can still break:
 * systemd refuses the whole unit file when one line is too long, and the kernel refuses to start
 * a process one of whose arguments or environment strings is too long. Both are checked in
 * {@code validate}, so no unit is emitted that systemd would refuse.
 */
final class SystemdLimits {
    /**
     * systemd's {@code LONG_LINE_MAX} (src/basic/fileio.h, 1 MiB): {@code config_parse} reads each
     * line with {@code read_line(f, LONG_LINE_MAX, …)}, which fails with ENOBUFS once the line
     * (without its newline) reaches that many bytes, and the unit is then not loaded at all.
     */
    static final int LINE_MAX = 1024 * 1024;

    /**
     * Linux's {@code MAX_ARG_STRLEN} (32 pages of 4 KiB, with the terminating NUL): execve fails
     * with E2BIG for any one argument or {@code NAME=value} environment string that is longer, so
     * the unit loads but its process never starts.
     */
    static final int ARGUMENT_MAX = 32 * 4096;

    static final String ARGUMENT_HINT = "pass long data through a config data file and give its path";

    private SystemdLimits() {}

    /** The bytes of {@code key=value} as written, without the newline. */
    static long lineBytes(String key, String value) {
        return utf8Length(key) + 1 + utf8Length(value);
    }

    static boolean lineTooLong(String key, String value) {
        // Cheap first: a UTF-8 byte is at least one char and a char at most three bytes.
        if ((long) key.length() + 1 + value.length() >= LINE_MAX) return true;
        if (3L * (key.length() + 1 + value.length()) < LINE_MAX) return false;
        return lineBytes(key, value) >= LINE_MAX;
    }

    /** Why one argument is too long for execve, or null. Secrets count as their path. */
    static String argumentTooLong(Value v) {
        if (3L * chars(v) + 1 <= ARGUMENT_MAX) return null; // at most three bytes a char
        long n = bytes(v) + 1;
        return n > ARGUMENT_MAX
                ? "the argument is " + (n - 1) + " bytes, over Linux's limit of " + (ARGUMENT_MAX - 1)
                        + " bytes for one argument (MAX_ARG_STRLEN): the process would never start"
                : null;
    }

    /** Why {@code name=value} is too long for execve, or null. */
    static String environmentTooLong(String name, Value v) {
        if (3L * (name.length() + 1 + chars(v)) + 1 <= ARGUMENT_MAX) return null;
        long n = utf8Length(name) + 1 + bytes(v) + 1;
        return n > ARGUMENT_MAX
                ? "the variable is " + (n - 1) + " bytes as NAME=value, over Linux's limit of " + (ARGUMENT_MAX - 1)
                        + " bytes for one environment string (MAX_ARG_STRLEN): the process would never start"
                : null;
    }

    private static long chars(Value v) {
        long n = 0;
        for (Part p : v.parts()) {
            n += p instanceof Part.Literal l
                    ? l.text().length()
                    : ((Part.SecretFile) p).source().length();
        }
        return n;
    }

    private static long bytes(Value v) {
        long n = 0;
        for (Part p : v.parts()) {
            // A secret reaches the process as the path of its credential, about as long as its source.
            n += p instanceof Part.Literal l ? utf8Length(l.text()) : utf8Length(((Part.SecretFile) p).source());
        }
        return n;
    }

    private static long utf8Length(String s) {
        if (s.length() < 4096) {
            boolean ascii = true;
            for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
            if (ascii) return s.length();
        }
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
