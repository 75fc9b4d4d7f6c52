package org.modsvc.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.modsvc.diag.Span;

/** From a file's bytes to its text, and positions in either. */
final class SourceText {
    private SourceText() {}

    /**
     * The text of UTF-8 {@code bytes}, a BOM included.
     *
     * @throws CharacterCodingException when the bytes are not valid UTF-8
     */
    static String decode(byte[] bytes) throws CharacterCodingException {
        // ASCII is valid UTF-8 that decodes to the same characters (and holds no BOM): one
        // copy, without a decoder and its buffer per file
        return isAscii(bytes)
                ? new String(bytes, StandardCharsets.ISO_8859_1)
                : StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    /** The position of character {@code offset} of {@code text}, one character long. */
    static Span spanAtOffset(String file, String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return Span.of(file, line, col, 1);
    }

    /**
     * Where the first byte that is not part of a valid UTF-8 sequence sits: its line, and its
     * column counted in characters of the valid text before it on that line (as the parsers count).
     */
    static Span firstBadByte(String file, byte[] bytes) {
        var dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = dec.decode(in, out, true);
        if (!result.isError()) return Span.file(file);
        int offset = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int from = lineStart;
        if (line == 1
                && offset >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            from = 3; // the BOM is dropped before parsing, so it takes no column
        }
        String before = new String(bytes, from, offset - from, StandardCharsets.UTF_8);
        return Span.of(file, line, before.length() + 1, 1);
    }
}
