package org.modsvc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON as Jackson's generator does with its default pretty printer, byte for byte, but
 * several times faster: a plan of 100 000 services is about 300 MB of JSON, and Jackson spent most
 * of its time in the pretty printer's indentation and in per-call state checks. The layout: an
 * object's entries each on a new line indented two spaces per open object, {@code "key" : value};
 * arrays on one line, {@code [ a, b ]}; empty containers {@code { }} and {@code [ ]}; root values
 * separated by a space. Strings are UTF-8 with Jackson's escapes: {@code \" \\ \b \t \n \f \r},
 * other characters below U+0020 and every surrogate code unit (paired or not) as {@code \}{@code
 * uXXXX} with upper-case hex digits; everything else, '/' and U+007F included, as is.
 *
 * <p>Not thread-safe. Output is collected in a 1 MiB buffer and passed on when it fills and on
 * {@link #flush()}; the caller must flush at the end. The calls are not checked for structure (a
 * value where a field name belongs gives invalid JSON), unlike Jackson's; callers write fixed shapes.
 */
public final class PrettyJson implements JsonOut {
    private static final int SIZE = 1 << 20;
    /** Strings are escaped in runs of at most this many chars, each of which takes at most 6 bytes. */
    private static final int RUN = SIZE / 8;
    /** Deep enough for every document here; deeper objects are indented in several copies. */
    private static final int INDENT_LEVELS = 32;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INDENT = new byte[1 + 2 * INDENT_LEVELS];
    /** Per ASCII char: 0 as is, -1 as a six-character unicode escape, else the letter after a backslash. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        Arrays.fill(INDENT, (byte) ' ');
        INDENT[0] = '\n';
        for (int c = 0; c < 0x20; c++) ESCAPE[c] = -1;
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] FIELD_SEPARATOR = {' ', ':', ' '};

    private final OutputStream out;
    private final byte[] buf;
    /** The chars of the string being written. */
    private char[] scratch = new char[256];

    private int pos;
    /** Bytes passed on to {@link #out} so far. */
    private long passed;
    /** Open containers; level 0 is the root. */
    private int depth;
    /** Per level: whether it is an object (else an array or the root). */
    private boolean[] object = new boolean[16];
    /** Per level: entries or values written so far. */
    private int[] count = new int[16];

    private static final int NAME_SLOTS = 256;
    /** A small cache of field names, by identity, and their quoted form followed by " : ". */
    private final String[] nameKeys = new String[NAME_SLOTS];

    private final byte[][] names = new byte[NAME_SLOTS][];
    /** Open objects: the indentation level (arrays do not indent). */
    private int nesting;

    /** @param out receives the bytes; not closed here */
    public PrettyJson(OutputStream out) {
        this(out, new byte[SIZE]);
    }

    /** @param buf of {@link #SIZE} bytes, this writer's own until it is dropped */
    private PrettyJson(OutputStream out, byte[] buf) {
        this.out = out;
        this.buf = buf;
    }

    /** A buffer for {@link #continuing}. */
    static byte[] buffer() {
        return new byte[SIZE];
    }

    /**
     * A writer over {@code out} (and {@code buf}, see {@link #buffer()}) in this one's state, as
     * if {@code before} more values had been written into the array now open: what it writes is
     * what this writer would write next. For {@link ParallelElements}.
     */
    PrettyJson continuing(OutputStream out, byte[] buf, int before) {
        var w = new PrettyJson(out, buf);
        w.depth = depth;
        w.nesting = nesting;
        w.object = object.clone();
        w.count = count.clone();
        w.count[depth] += before;
        return w;
    }

    /** The values written so far into the array now open. */
    int written() {
        return count[depth];
    }

    /**
     * Passes on what {@code part} (made by {@link #continuing}) wrote, after what this writer
     * holds: {@code overflow}, what {@code part} passed on to its stream, then its buffer; the
     * array now open counts {@code values} more.
     */
    void append(byte[] overflow, int overflowLength, PrettyJson part, int values) throws IOException {
        drain();
        if (overflowLength > 0) out.write(overflow, 0, overflowLength);
        out.write(part.buf, 0, part.pos);
        passed += overflowLength + part.pos;
        count[depth] += values;
    }

    @Override
    public <T> void writeElements(java.util.List<T> items, Element<T> element) throws IOException {
        if (items.size() >= ParallelElements.FROM) ParallelElements.write(this, items, element);
        else JsonOut.super.writeElements(items, element);
    }

    @Override
    public void writeStartObject() throws IOException {
        beforeValue();
        ensure(1);
        buf[pos++] = '{';
        push(true);
        nesting++;
    }

    @Override
    public void writeEndObject() throws IOException {
        nesting--;
        if (count[depth] > 0) {
            indent(nesting);
        } else {
            ensure(1);
            buf[pos++] = ' ';
        }
        ensure(1);
        buf[pos++] = '}';
        depth--;
    }

    @Override
    public void writeStartArray() throws IOException {
        beforeValue();
        ensure(1);
        buf[pos++] = '[';
        push(false);
    }

    @Override
    public void writeEndArray() throws IOException {
        ensure(2);
        buf[pos++] = ' ';
        buf[pos++] = ']';
        depth--;
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (count[depth]++ > 0) {
            ensure(1);
            buf[pos++] = ',';
        }
        indent(nesting);
        // Field names are mostly the same few constants: their encoded form is kept, by identity.
        int slot = System.identityHashCode(name) & (NAME_SLOTS - 1);
        byte[] encoded = names[slot];
        if (nameKeys[slot] != name) {
            long before = passed;
            int start = pos;
            quoted(name);
            raw(FIELD_SEPARATOR);
            if (passed != before || pos - start > 64) return; // passed on midway, or long: not kept
            encoded = Arrays.copyOfRange(buf, start, pos);
            names[slot] = encoded;
            nameKeys[slot] = name;
            return;
        }
        raw(encoded);
    }

    @Override
    public void writeString(String value) throws IOException {
        beforeValue();
        quoted(value);
    }

    @Override
    public void writeNumber(long value) throws IOException {
        beforeValue();
        if (value == Long.MIN_VALUE) {
            raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) digits++;
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        } while (value != 0);
    }

    @Override
    public void writeBoolean(boolean value) throws IOException {
        beforeValue();
        raw(value ? TRUE : FALSE);
    }

    @Override
    public void writeNull() throws IOException {
        beforeValue();
        raw(NULL);
    }

    /** Passes on everything written so far and flushes the stream. */
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** The separator before a value in an array or at the root; in an object the field name wrote it. */
    private void beforeValue() throws IOException {
        if (object[depth]) return;
        ensure(2);
        if (depth == 0) {
            if (count[0]++ > 0) buf[pos++] = ' ';
        } else {
            if (count[depth]++ > 0) buf[pos++] = ',';
            buf[pos++] = ' ';
        }
    }

    private void push(boolean isObject) {
        if (++depth == count.length) {
            count = Arrays.copyOf(count, depth * 2);
            object = Arrays.copyOf(object, depth * 2);
        }
        object[depth] = isObject;
        count[depth] = 0;
    }

    private void indent(int level) throws IOException {
        int left = level;
        int n = Math.min(left, INDENT_LEVELS);
        ensure(1 + 2 * n);
        System.arraycopy(INDENT, 0, buf, pos, 1 + 2 * n);
        pos += 1 + 2 * n;
        for (left -= n; left > 0; left -= n) {
            n = Math.min(left, INDENT_LEVELS);
            ensure(2 * n);
            System.arraycopy(INDENT, 1, buf, pos, 2 * n);
            pos += 2 * n;
        }
    }

    private void quoted(String s) throws IOException {
        int n = s.length();
        ensure(1);
        buf[pos++] = '"';
        for (int from = 0; from < n; from += RUN) {
            int to = Math.min(n, from + RUN);
            ensure(6 * (to - from));
            if (scratch.length < to - from) scratch = new char[Math.max(to - from, 2 * scratch.length)];
            // A bulk copy and a loop over the array: several times faster than charAt per char.
            s.getChars(from, to, scratch, 0);
            pos = chars(scratch, to - from, buf, pos);
        }
        ensure(1);
        buf[pos++] = '"';
    }

    /** Writes {@code c[0, n)} escaped and encoded at {@code p}; room has been made. Returns the new end. */
    private static int chars(char[] cs, int n, byte[] b, int p) {
        int i = 0;
        // Most strings are plain ASCII: copied in a tight loop until the first char that is not.
        for (; i < n; i++) {
            char c = cs[i];
            if (c >= 0x80 || ESCAPE[c] != 0) break;
            b[p + i] = (byte) c;
        }
        p += i;
        for (; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else if (e > 0) {
                    b[p++] = '\\';
                    b[p++] = e;
                } else {
                    p = unicodeEscape(c, b, p);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(c, b, p);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    private static int unicodeEscape(char c, byte[] b, int p) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    private void raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Makes room for {@code n <= SIZE} more bytes. */
    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) drain();
    }

    private void drain() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        passed += pos;
        pos = 0;
    }
}
