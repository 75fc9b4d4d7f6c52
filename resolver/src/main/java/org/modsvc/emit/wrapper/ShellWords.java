package org.modsvc.emit.wrapper;

/**
 * Writing strings as POSIX sh words. Only single quotes are used: inside them every byte but NUL
 * is literal in every POSIX shell, so a value survives byte for byte whatever the shell, locale or
 * IFS. {@code $'…'} is bash-only and is never used.
 */
final class ShellWords {
    private ShellWords() {}

    /** The single-quoted word for {@code s}; {@code ''} for the empty string. Never null. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Why {@code s} cannot be carried by a POSIX shell or written as UTF-8, or null when it can.
     * A NUL ends a C string; an unpaired surrogate has no UTF-8 form.
     */
    static String unrepresentable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return "contains a NUL character, which no POSIX shell or environment can carry";
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "), which has no UTF-8 form";
            }
        }
        return null;
    }

    /** Like {@link #unrepresentable(String)} but allows NUL, which a file can hold. */
    static String notUtf8(String s) {
        return unrepresentable(s.replace('\0', ' '));
    }
}
