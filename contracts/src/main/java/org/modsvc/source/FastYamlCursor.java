package org.modsvc.source;

/**
 * The reading position of {@link FastYaml} in its text: the character at hand, the current line
 * and its start, moving from one line of content to the next, and sending plain scalars to the
 * sink. The first of the fast reader's three layers (this one, {@link FastYamlFlow} for what
 * stays on one line, {@link FastYaml} for block structure); they are one object, so the scanner's
 * inner loops read their fields directly.
 *
 * <p>Not thread-safe; one instance reads one text.
 */
abstract class FastYamlCursor {
    /** Thrown to give up; carries no stack trace, so giving up costs little. */
    static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();

    /**
     * Deepest nesting read here. The scanner recurses per level while SnakeYAML does not; deeper
     * files (only possible with a raised depth limit) go to SnakeYAML instead of the stack's end.
     */
    static final int MAX_DEPTH = 128;

    /** Longest key read here; SnakeYAML only looks 1024 characters ahead for a simple key. */
    static final int MAX_KEY = 200;

    final String s;
    final int n;
    final FastYaml.Sink out;
    int pos;
    /** 1-based line of {@code pos} and the offset where that line starts. */
    int line = 1;

    int lineStart;
    /** After {@link #skipToContent}: the column (0-based) of the next content, or -1 at the end. */
    int indent;
    /** Collections open at {@link #pos}. */
    int depth;

    FastYamlCursor(String s, FastYaml.Sink out) {
        this.s = s;
        this.n = s.length();
        this.out = out;
    }

    static Bail bail() {
        return BAIL;
    }

    /** The character at {@code p}, or NUL past the end (the text holds no NUL). */
    final char ch(int p) {
        return p < n ? s.charAt(p) : '\0';
    }

    final int column(int p) {
        return p - lineStart + 1;
    }

    /**
     * Moves from the start of a line to the first character of the next line that holds more than
     * spaces and a comment, and sets {@link #indent} to its column, or -1 at the end of the text.
     */
    final void skipToContent() {
        while (true) {
            int p = pos;
            while (ch(p) == ' ') p++;
            char c = ch(p);
            if (c == '\0') {
                pos = p;
                indent = -1;
                return;
            }
            if (c == '#') {
                while (ch(p) != '\n' && ch(p) != '\0') p++;
                c = ch(p);
                if (c == '\0') {
                    pos = p;
                    indent = -1;
                    return;
                }
            }
            if (c == '\n') {
                pos = p + 1;
                line++;
                lineStart = pos;
                continue;
            }
            pos = p;
            indent = p - lineStart;
            if (indent == 0 && (s.startsWith("---", p) || s.startsWith("...", p))) throw bail();
            return;
        }
    }

    /**
     * After a complete value on the current line: allows spaces and a comment after at least one
     * space, then the end of the line, and moves to the next content.
     */
    final void finishLine() {
        int p = pos;
        while (ch(p) == ' ') p++;
        char c = ch(p);
        if (c == '#') {
            if (p == pos) throw bail(); // '#' right after a value is not a comment
            while (ch(p) != '\n' && ch(p) != '\0') p++;
            c = ch(p);
        }
        if (c == '\n') {
            p++;
            line++;
            lineStart = p;
        } else if (c != '\0') {
            throw bail();
        }
        pos = p;
        skipToContent();
    }

    /** True when {@code p} holds a '-' that starts a block sequence entry. */
    final boolean entryAt(int p) {
        if (ch(p) != '-') return false;
        char next = ch(p + 1);
        return next == ' ' || next == '\n' || next == '\0';
    }

    /** True when a plain scalar may start at {@code p}; '?' and ':' starts are left out. */
    final boolean plainStart(int p, boolean flow) {
        char c = ch(p);
        if (c == '-') {
            char next = ch(p + 1);
            return flow ? flowWordChar(next) : next != ' ' && next != '\n' && next != '\0';
        }
        return c != '\0' && " \n#,[]{}&*!|>'\"%@`?:".indexOf(c) < 0;
    }

    /** Characters taken into a plain scalar in flow context here; stops and doubtful ones are not. */
    static boolean flowWordChar(char c) {
        return c != '\0' && " \n,[]{}:?#".indexOf(c) < 0;
    }

    final void emitPlain(int start, int end) {
        String text = s.substring(start, end);
        out.scalarAt(text, PlainScalars.plainKind(text), line, column(start));
        if (out.isStopped()) throw bail();
    }
}
