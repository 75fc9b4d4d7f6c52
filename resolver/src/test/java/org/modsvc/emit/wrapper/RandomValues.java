package org.modsvc.emit.wrapper;

import java.util.List;
import java.util.Random;

/**
 * Seeded random strings that a shell could get wrong: quotes, backslashes, expansions, globs,
 * tildes, line breaks, keywords, options, '=', every code point U+0001–U+00FF, non-BMP
 * characters and empty strings. Never NUL, never an unpaired surrogate.
 */
final class RandomValues {
    private static final List<String> TRICKY = List.of(
            "'", "\"", "\\", "\\'", "'\\''", "$(id)", "`id`", "$HOME", "${HOME}", "$1", "$@", "$*", "$$", "$?", "*",
            "?", "[a-z]", "[!x]", "~", "~root", "~/x", "\n", "\t", "\r", "\r\n", " ", "  ", "if", "then", "fi", "done",
            "case", "esac", "!", "{", "}", "(", ")", ";", "&", "|", "<", ">", "#", "-e", "-n", "--", "-", "a=b", "=",
            "==", "%s", "%b", "\\n", "\\0101", "é", "日本", "😀", "\u00a0", "\u00ff", "\u0081", "\u0088", "\u0001",
            "\u007f", "-x=y z", "\\\\", "'\"'\"'");

    private final Random random;

    RandomValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    /** Every code point U+0001–U+00FF once, in order. */
    static String allLatin1() {
        var b = new StringBuilder();
        for (char c = 1; c <= 0xff; c++) b.append(c);
        return b.toString();
    }

    String value() {
        int kind = random.nextInt(20);
        if (kind == 0) return "";
        if (kind == 1) return allLatin1();
        if (kind < 5) return tricky();
        if (kind < 9) {
            var b = new StringBuilder();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) b.append(tricky());
            return b.toString();
        }
        if (kind < 15) return latin1(1 + random.nextInt(14));
        if (kind < 18) return unicode(1 + random.nextInt(6));
        return tricky() + latin1(1 + random.nextInt(5)) + tricky();
    }

    /** A non-empty value. */
    String nonEmpty() {
        String v;
        do v = value();
        while (v.isEmpty());
        return v;
    }

    String tricky() {
        return TRICKY.get(random.nextInt(TRICKY.size()));
    }

    String latin1(int length) {
        var b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append((char) (1 + random.nextInt(0xff)));
        return b.toString();
    }

    String unicode(int length) {
        var b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp;
            do cp = 1 + random.nextInt(random.nextBoolean() ? 0xffff : 0x10ffff);
            while (cp >= 0xd800 && cp <= 0xdfff);
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A directory name: printable ASCII, tab and newline, no '/', never "." or "..". */
    String directoryName(int k) {
        var b = new StringBuilder(random.nextBoolean() ? "-" : "~");
        b.append(k);
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            char c = (char) (random.nextInt(10) == 0 ? '\n' : 0x20 + random.nextInt(0x5f));
            b.append(c == '/' ? '_' : c);
        }
        return b.toString();
    }
}
