package org.modsvc.emit.systemd;

import java.util.Random;

/** Seeded random strings that lean on what systemd treats specially. Mutable (owns its Random). */
final class RandomStrings {
    private static final String[] PIECES = {
        "\"",
        "'",
        "\\",
        "$",
        "$$",
        "${",
        "}",
        "$HOME",
        "${HOME}",
        "%",
        "%%",
        "%d",
        "%n",
        ";",
        "\\;",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\u0001",
        "\u001b",
        "\u007f",
        "-",
        "@",
        ":",
        "+",
        "!",
        "#",
        "=",
        "é",
        "✓",
        "\uD83D\uDE00",
        "\u00a0",
        "\u0085",
        "\u2028",
        "\uFEFF",
        "\\x41",
        "\\n",
        "a",
        "b",
        "z",
        "0",
        "/",
        ".",
        ",",
        "*",
        "~",
        "&",
        "|"
    };

    private final Random random;

    RandomStrings(long seed) {
        random = new Random(seed);
    }

    /** A string of 0 to 12 pieces; sometimes exactly a lone special word. */
    String next() {
        int roll = random.nextInt(20);
        if (roll == 0) return "";
        if (roll == 1) return ";";
        if (roll == 2) return "$";
        var b = new StringBuilder();
        int n = random.nextInt(12) + 1;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) b.appendCodePoint(randomCodePoint());
            else b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    /** A plausible executable path with unusual but allowed characters. */
    String executable() {
        String[] allowed = {"a", "b", "-", "_", " ", "%", "$", "é", "@", "+", ":", "!", ";", "#", "="};
        var b = new StringBuilder("/opt/x");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) b.append(allowed[random.nextInt(allowed.length)]);
        return b.append("/bin").toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private int randomCodePoint() {
        while (true) {
            int cp = random.nextInt(4) == 0 ? 1 + random.nextInt(0x7f) : 1 + random.nextInt(0x10ffff);
            if (cp >= 0xd800 && cp <= 0xdfff) continue;
            if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) continue; // refused, tested apart
            return cp;
        }
    }
}
