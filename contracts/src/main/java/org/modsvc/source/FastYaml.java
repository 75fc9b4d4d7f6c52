package org.modsvc.source;

/**
 * A scanner for a small, common subset of YAML that produces the same collection and scalar
 * events, at the same positions, as SnakeYAML's parser would, without its token and event objects.
 *
 * <p>The subset: block mappings with plain single-word keys, block sequences (also indentless ones
 * under a key), single-line flow mappings and sequences, and single-line plain, single-quoted and
 * double-quoted (without escapes) scalars, with comments and blank lines; spaces only, no tabs, no
 * carriage returns, only characters SnakeYAML accepts. Anything else (anchors, aliases, tags, block
 * scalars, multi-line scalars or flow collections, '?' keys, document markers, directives, quoted
 * keys, trailing commas, unusual indentation, any syntax error) makes {@link #parse} give up and
 * return false before it can be trusted; the caller then reads the text again with SnakeYAML. The
 * rules below are deliberately narrower than YAML: a case left out costs only time, a case read
 * differently would change a result.
 *
 * <p>This class reads the block structure (mappings, sequences, plain scalars on their lines);
 * {@link FastYamlFlow} reads what stays on one line and {@link FastYamlCursor} moves through the
 * text.
 *
 * <p>Not thread-safe; one instance reads one text.
 */
final class FastYaml extends FastYamlFlow {

    /** Receives the events; positions are 1-based line and column of the event's start mark. */
    interface Sink {
        void startAt(boolean isMap, int line, int column);

        void end();

        void scalarAt(String text, SrcScalar.Kind kind, int line, int column);

        /** True once the receiver stopped reading (a limit was hit); the fast path then gives up. */
        boolean isStopped();
    }

    private FastYaml(String s, Sink out) {
        super(s, out);
    }

    /**
     * Sends the events of {@code text} to {@code out}, or returns false as soon as the text leaves
     * the subset (events sent until then must be discarded). Never throws for any input.
     */
    static boolean parse(String text, Sink out) {
        if (!plainCharacters(text)) return false;
        try {
            new FastYaml(text, out).document();
            return !out.isStopped();
        } catch (Bail b) {
            return false;
        }
    }

    /**
     * True when every character is one this scanner can count columns for and SnakeYAML reads as
     * printable and not as a line break: line feed, printable ASCII and the printable BMP range,
     * without the Unicode line and paragraph separators and the byte order mark.
     */
    static boolean plainCharacters(String text) {
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e || c == '\n') continue;
            if (c < 0xa0 || c >= 0xd800 && c < 0xe000 || c > 0xfffd || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                return false;
            }
        }
        return true;
    }

    private void document() {
        skipToContent();
        if (indent < 0) return; // comments only: no document
        node(true, true);
        if (indent >= 0) throw bail(); // a second node or document
    }

    /**
     * Reads the node whose first character is at {@link #pos}. {@code atLineStart}: the node starts
     * its line, so it may be a block sequence or mapping; {@code mapAllowed}: it may be a block
     * mapping (also right after '- '; not after a key's ':', where SnakeYAML refuses one). The
     * caller checks that the next content is not indented deeper than its own collection, which
     * also rules out a multi-line plain scalar.
     */
    private void node(boolean atLineStart, boolean mapAllowed) {
        char c = ch(pos);
        if (entryAt(pos)) {
            if (!atLineStart) throw bail();
            sequence(pos - lineStart);
        } else if (c == '[' || c == '{') {
            flow();
            finishLine();
        } else if (c == '"' || c == '\'') {
            quoted();
            finishLine();
        } else {
            int start = pos;
            int end = blockPlain();
            if (ch(end) == ':') {
                if (!mapAllowed) throw bail();
                mapping(start);
            } else {
                emitPlain(start, end);
                pos = end;
                finishLine();
            }
        }
    }

    /**
     * Scans a plain scalar in block context from {@link #pos}. Returns the end of its text; the
     * character there is ':' when the scalar is a key followed by ': ' or ':' at the end of a line.
     * Gives up where SnakeYAML would not start a plain scalar, or on ': ' in a value.
     */
    private int blockPlain() {
        int start = pos;
        if (!plainStart(start, false)) throw bail();
        int end = start;
        int p = start;
        while (true) {
            char c = ch(p);
            if (c == '\n' || c == '\0') return end;
            if (c == ' ') {
                p++;
                continue;
            }
            if (c == '#' && ch(p - 1) == ' ') return end;
            if (c == ':') {
                char next = ch(p + 1);
                if (next == ' ' || next == '\n' || next == '\0') {
                    // a key: a single word right before the ':'
                    if (p != end || end - start > MAX_KEY) throw bail();
                    for (int i = start; i < end; i++) {
                        if (s.charAt(i) == ' ') throw bail();
                    }
                    return end;
                }
            }
            p++;
            end = p;
        }
    }

    /** A block mapping whose first key starts at {@code start} on the current line. */
    private void mapping(int start) {
        if (++depth > MAX_DEPTH) throw bail();
        int m = start - lineStart;
        out.startAt(true, line, m + 1);
        if (out.isStopped()) throw bail();
        while (true) {
            int keyStart = pos;
            int keyEnd = blockPlain();
            if (ch(keyEnd) != ':') throw bail();
            emitPlain(keyStart, keyEnd);
            pos = keyEnd + 1;
            entryValue(m, true);
            if (indent < m) break;
            if (indent > m) throw bail();
        }
        depth--;
        out.end();
    }

    /**
     * The value after a key's ':' or an item's '-' ({@code pos} just past it): on the same line, or
     * (nothing but blanks or a comment follows) on the lines below.
     *
     * @param column the column of the enclosing mapping's keys or sequence's dashes
     */
    private void entryValue(int column, boolean inMapping) {
        int emptyLine = line;
        int emptyColumn = column(pos);
        int p = pos;
        while (ch(p) == ' ') p++;
        char c = ch(p);
        if (c == '\n' || c == '\0' || c == '#') {
            finishLine();
            blockValue(column, inMapping, emptyLine, emptyColumn);
        } else {
            pos = p;
            node(false, !inMapping);
        }
    }

    /** A block sequence whose first '-' is at column {@code q} of the current line. */
    private void sequence(int q) {
        if (++depth > MAX_DEPTH) throw bail();
        out.startAt(false, line, q + 1);
        if (out.isStopped()) throw bail();
        while (true) {
            pos++; // the '-'
            entryValue(q, false);
            if (indent < q) break;
            if (indent > q) throw bail();
            if (!entryAt(pos)) break; // the enclosing mapping's next key, checked there
        }
        depth--;
        out.end();
    }

    /**
     * The value of a key or entry whose line ended after the ':' or '-': a node on the following
     * lines, indented deeper than {@code parent} (or an indentless sequence under a key), or else an
     * empty (null) scalar at the end of the indicator, where SnakeYAML puts it.
     */
    private void blockValue(int parent, boolean underKey, int emptyLine, int emptyColumn) {
        if (indent > parent) {
            node(true, true);
        } else if (underKey && indent == parent && entryAt(pos)) {
            sequence(indent);
        } else {
            out.scalarAt("", PlainScalars.plainKind(""), emptyLine, emptyColumn);
            if (out.isStopped()) throw bail();
        }
    }
}
