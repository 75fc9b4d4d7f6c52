package org.modsvc.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fuzzer's mutations of one file's bytes: flips, truncations, inserted bytes and fragments,
 * shuffled, swapped, duplicated and dropped lines, random Unicode, deep nesting, huge values,
 * repeated lines and re-indentation. Each is chosen by the caller's {@link Random}, so a seed
 * replays it.
 */
final class ByteMutations {
    private static final byte[] INTERESTING =
            ":-[]{}&*!|>'\"#,\n\r\t\0 ?%@`~$.\\;/".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] WORDS = {
        "${",
        "$${",
        "}",
        "${node.address}",
        "${self.name}",
        "${requires.db.host}",
        "${configData.x.path}",
        "..",
        "../../etc/passwd",
        "%n",
        "%%",
        "\\",
        "\"",
        "'",
        "`id`",
        "$(id)",
        "\n[Service]\n",
        "ExecStartPre=/bin/sh",
        "null",
        "~",
        "true",
        "yes",
        "010",
        "0x10",
        "1e9",
        "-1",
        "99999999999999999999",
        "secret: true",
        "type: path",
        "!!str",
        "&a",
        "*a",
        "<<:",
        "---",
        "? ",
        "- ",
        "{}",
        "[]",
        // Variables shells treat specially (arithmetic, read-only, shell state), as names and values.
        "OPTIND",
        "RANDOM",
        "SECONDS",
        "HISTCMD",
        "COLUMNS",
        "IFS",
        "PS4",
        "BASH_ENV",
        "BASH_FUNC_f%%",
        "a[$(touch /tmp/modsvc-fuzz-pwned)]",
        // Secret-bearing lines: key material and secret-looking keys.
        "-----BEGIN PRIVATE KEY-----",
        "password: hunter2hunter2",
        "token: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=",
    };

    private ByteMutations() {}

    /** One random mutation of {@code in}; adds what it did to {@code applied}. */
    static byte[] mutate(byte[] in, Random rnd, List<String> applied) {
        switch (rnd.nextInt(12)) {
            case 0 -> {
                if (in.length == 0) break;
                byte[] out = in.clone();
                int at = rnd.nextInt(in.length);
                out[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : INTERESTING[rnd.nextInt(INTERESTING.length)];
                applied.add("byte " + at + " set to " + (out[at] & 0xff));
                return out;
            }
            case 1 -> {
                int len = in.length == 0 ? 0 : rnd.nextInt(in.length);
                applied.add("truncated to " + len);
                return java.util.Arrays.copyOf(in, len);
            }
            case 2 -> {
                var lines = lines(in);
                Collections.shuffle(lines, rnd);
                applied.add("lines shuffled");
                return join(lines);
            }
            case 3 -> {
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    lines.add(rnd.nextInt(lines.size() + 1), lines.get(at));
                    applied.add("line " + (at + 1) + " duplicated");
                    return join(lines);
                }
            }
            case 4 -> {
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    lines.remove(at);
                    applied.add("line " + (at + 1) + " dropped");
                    return join(lines);
                }
            }
            case 5 -> {
                if (in.length == 0) break;
                int at = rnd.nextInt(in.length + 1);
                byte[] ins = rnd.nextBoolean()
                        ? INTERESTING
                        : WORDS[rnd.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
                int from = rnd.nextInt(ins.length);
                int len = 1 + rnd.nextInt(Math.min(ins == INTERESTING ? 4 : ins.length, ins.length - from));
                applied.add("inserted " + len + " bytes at " + at);
                return insert(in, at, java.util.Arrays.copyOfRange(ins, from, from + len));
            }
            case 6 -> {
                var lines = lines(in);
                if (lines.size() > 1) {
                    int a = rnd.nextInt(lines.size());
                    int b = rnd.nextInt(lines.size());
                    Collections.swap(lines, a, b);
                    applied.add("lines " + (a + 1) + " and " + (b + 1) + " swapped");
                    return join(lines);
                }
            }
            case 7 -> {
                // random Unicode: astral, bidi, line separators, noncharacters, BOM, combining marks
                var sb = new StringBuilder();
                int n = 1 + rnd.nextInt(4);
                int[] odd = {0x85, 0x2028, 0x2029, 0x202E, 0xFEFF, 0xFFFE, 0xFFFF, 0xFDD0, 0x1F600, 0x10FFFF, 0x301};
                for (int i = 0; i < n; i++) {
                    int cp = rnd.nextBoolean() ? odd[rnd.nextInt(odd.length)] : rnd.nextInt(0x110000);
                    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xE000;
                    sb.appendCodePoint(cp);
                }
                int at = utf8Boundary(in, rnd.nextInt(in.length + 1));
                applied.add("inserted Unicode "
                        + sb.codePoints().mapToObj(Integer::toHexString).toList() + " at " + at);
                return insert(in, at, sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            case 8 -> {
                // deep nesting: a value of many nested flow sequences or mappings
                var lines = lines(in);
                int depth = rnd.nextBoolean() ? 30 + rnd.nextInt(40) : 100 + rnd.nextInt(5000);
                boolean map = rnd.nextBoolean();
                String open = map ? "{a: " : "[";
                String close = map ? "}" : "]";
                String value = open.repeat(depth) + "x" + close.repeat(depth);
                int at = rnd.nextInt(lines.size() + 1);
                String line = rnd.nextBoolean() ? "nested: " + value : "  " + value;
                lines.add(at, line);
                applied.add("nesting of depth " + depth + " inserted as line " + (at + 1));
                return join(lines);
            }
            case 9 -> {
                // a huge value in place of one: the string length limit or the file size limit
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    String l = lines.get(at);
                    int colon = l.indexOf(": ");
                    int size = rnd.nextBoolean() ? 1000 + rnd.nextInt(100_000) : 1024 * 1024 + 1;
                    String huge = String.valueOf((char) ('a' + rnd.nextInt(26))).repeat(size);
                    lines.set(at, colon < 0 ? l + huge : l.substring(0, colon + 2) + huge);
                    applied.add("line " + (at + 1) + " given a value of " + size + " characters");
                    return join(lines);
                }
            }
            case 10 -> {
                // many copies of one line: lots of keys, list entries or duplicates
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    int copies = 2 + rnd.nextInt(300);
                    for (int i = 0; i < copies; i++) lines.add(at, lines.get(at));
                    applied.add("line " + (at + 1) + " repeated " + copies + " times");
                    return join(lines);
                }
            }
            default -> {
                // indentation is structure in YAML: move one line left or right
                var lines = lines(in);
                if (!lines.isEmpty()) {
                    int at = rnd.nextInt(lines.size());
                    String l = lines.get(at);
                    lines.set(at, rnd.nextBoolean() ? "  " + l : l.replaceFirst("^ {1,2}", ""));
                    applied.add("line " + (at + 1) + " re-indented");
                    return join(lines);
                }
            }
        }
        applied.add("unchanged");
        return in;
    }

    private static int utf8Boundary(byte[] in, int at) {
        while (at > 0 && at < in.length && (in[at] & 0xC0) == 0x80) at--;
        return at;
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    private static List<String> lines(byte[] in) {
        return new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }
}
