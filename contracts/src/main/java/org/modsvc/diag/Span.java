package org.modsvc.diag;

/**
 * A place in a source file: 1-based line and column of the first character, and the length in
 * characters of what is pointed at (at least 1 for display).
 *
 * <p>{@code file} is the path as shown to the user (relative to the setup root where possible),
 * never null; {@link #NONE} stands for "no source position" (for example a command-line argument).
 */
public record Span(String file, int line, int column, int length) implements Comparable<Span> {

    public static final Span NONE = new Span("", 0, 0, 0);

    public Span {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (line < 0 || column < 0 || length < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }

    public static Span of(String file, int line, int column, int length) {
        return new Span(file, line, column, Math.max(length, 1));
    }

    /** A span covering a whole file, pointing at its first line. */
    public static Span file(String file) {
        return new Span(file, 1, 1, 1);
    }

    public boolean isNone() {
        return line == 0;
    }

    /** {@code file:line:col}, or just the file when there is no line. */
    public String location() {
        if (file.isEmpty()) {
            return "<command line>";
        }
        return line == 0 ? file : file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(Span o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        if (c != 0) return c;
        return Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return location();
    }
}
