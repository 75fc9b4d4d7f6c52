package org.modsvc.source;

/**
 * The parts of {@link FastYaml}'s subset that stay on one line: single-line flow mappings and
 * sequences, and single-quoted and double-quoted (without escapes) scalars. Gives up (throws
 * {@link FastYamlCursor#bail()}) on anything else, as the whole reader does.
 *
 * <p>Not thread-safe; one instance reads one text.
 */
abstract class FastYamlFlow extends FastYamlCursor {

    FastYamlFlow(String s, FastYaml.Sink out) {
        super(s, out);
    }

    /** A quoted scalar on one line; double-quoted ones without escapes. */
    final void quoted() {
        int start = pos;
        char q = ch(start);
        int p = start + 1;
        StringBuilder unquoted = null;
        int from = p;
        while (true) {
            char c = ch(p);
            if (c == '\n' || c == '\0') throw bail();
            if (q == '"' && c == '\\') throw bail();
            if (c == q) {
                if (q == '\'' && ch(p + 1) == '\'') {
                    if (unquoted == null) unquoted = new StringBuilder();
                    unquoted.append(s, from, p + 1);
                    p += 2;
                    from = p;
                    continue;
                }
                break;
            }
            p++;
        }
        String text = unquoted == null
                ? s.substring(from, p)
                : unquoted.append(s, from, p).toString();
        pos = p + 1;
        out.scalarAt(text, SrcScalar.Kind.STRING, line, column(start));
        if (out.isStopped()) throw bail();
        // a quoted key is left to SnakeYAML
        int after = pos;
        while (ch(after) == ' ') after++;
        if (ch(after) == ':') throw bail();
    }

    private void skipFlowSpaces() {
        while (ch(pos) == ' ') pos++;
    }

    /** A flow mapping or sequence that closes on the same line, starting at {@link #pos}. */
    final void flow() {
        if (++depth > MAX_DEPTH) throw bail();
        boolean isMap = ch(pos) == '{';
        char close = isMap ? '}' : ']';
        out.startAt(isMap, line, column(pos));
        if (out.isStopped()) throw bail();
        pos++;
        skipFlowSpaces();
        if (ch(pos) == close) {
            pos++;
            depth--;
            out.end();
            return;
        }
        while (true) {
            if (isMap) {
                int keyStart = pos;
                if (!plainStart(keyStart, true)) throw bail();
                int keyEnd = flowPlainEnd();
                if (ch(keyEnd) != ':' || ch(keyEnd + 1) != ' ' || keyEnd - keyStart > MAX_KEY) throw bail();
                emitPlain(keyStart, keyEnd);
                pos = keyEnd + 1;
                skipFlowSpaces();
            }
            flowValue();
            skipFlowSpaces();
            char c = ch(pos);
            if (c == ',') {
                pos++;
                skipFlowSpaces();
                char next = ch(pos);
                if (next == ']' || next == '}') throw bail(); // a trailing comma
            } else if (c == close) {
                pos++;
                break;
            } else {
                throw bail();
            }
        }
        depth--;
        out.end();
    }

    private void flowValue() {
        char c = ch(pos);
        if (c == '[' || c == '{') {
            flow();
        } else if (c == '"' || c == '\'') {
            quoted();
        } else {
            int start = pos;
            if (!plainStart(start, true)) throw bail();
            int end = flowPlainEnd();
            emitPlain(start, end);
            pos = end;
        }
    }

    /**
     * The end of a plain scalar in flow context starting at {@link #pos}: words of {@link
     * #flowWordChar} characters separated by spaces.
     */
    private int flowPlainEnd() {
        int p = pos;
        int end = p;
        while (true) {
            char c = ch(p);
            if (flowWordChar(c)) {
                p++;
                end = p;
            } else if (c == ' ') {
                int q = p;
                while (ch(q) == ' ') q++;
                if (!flowWordChar(ch(q))) return end;
                p = q;
            } else {
                return end;
            }
        }
    }
}
