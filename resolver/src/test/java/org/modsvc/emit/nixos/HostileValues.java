package org.modsvc.emit.nixos;

import java.util.List;
import java.util.Random;

/**
 * Seeded random strings that a Nix writer could get wrong: both string syntaxes' escapes
 * ({@code ${}, {@code $${}, {@code ''}, {@code ''$}, {@code '''}, {@code \}), quotes, line breaks,
 * dollars, percent signs, every code point U+0001–U+00FF and non-BMP characters. Never NUL, an
 * unpaired surrogate or a noncharacter (systemd refuses those; the systemd checks report them).
 */
final class HostileValues {
    private static final List<String> TRICKY = List.of(
            "${",
            "${x}",
            "$${x}",
            "\\${x}",
            "''",
            "''$",
            "'''",
            "''\\",
            "''${x}",
            "\"",
            "\\",
            "\\\"",
            "\\n",
            "$",
            "$$",
            "$MAINPID",
            "%",
            "%%",
            "%d",
            "%n",
            "\n",
            "\r",
            "\t",
            "\r\n",
            " ",
            "#",
            "/*",
            "*/",
            ";",
            "=",
            "{",
            "}",
            "[",
            "]",
            "rec",
            "let",
            "in",
            "inherit",
            "or",
            "é",
            "日本",
            "😀",
            "\u00a0",
            "\u0085",
            "\u2028",
            "\uFFFD",
            "\u0001",
            "\u007f",
            "-",
            "--");

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    String value() {
        int kind = random.nextInt(12);
        if (kind == 0) return "";
        if (kind == 1) return allLatin1();
        if (kind < 7) {
            var b = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) b.append(TRICKY.get(random.nextInt(TRICKY.size())));
            return b.toString();
        }
        if (kind < 10) return latin1(1 + random.nextInt(12));
        return unicode(1 + random.nextInt(6));
    }

    String nonEmpty() {
        String v;
        do v = value();
        while (v.isEmpty());
        return v;
    }

    private static String allLatin1() {
        var b = new StringBuilder();
        for (char c = 1; c <= 0xff; c++) b.append(c);
        return b.toString();
    }

    private String latin1(int length) {
        var b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append((char) (1 + random.nextInt(0xff)));
        return b.toString();
    }

    private String unicode(int length) {
        var b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp;
            do cp = 1 + random.nextInt(random.nextBoolean() ? 0xffff : 0x10ffff);
            while (cp >= 0xd800 && cp <= 0xdfff || cp >= 0xfdd0 && cp <= 0xfdef || (cp & 0xfffe) == 0xfffe);
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
