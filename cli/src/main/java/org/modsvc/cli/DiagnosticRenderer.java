package org.modsvc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Severity;
import org.modsvc.diag.Span;
import org.modsvc.source.SecretLines;
import org.modsvc.source.SourceFile;

/**
 * Renders diagnostics like a compiler: {@code FILE:LINE:COL: error[CODE]: message}, the source line
 * with a caret under the span, then {@code help:} and {@code note:} lines.
 */
public final class DiagnosticRenderer {
    private final Map<String, SourceFile> sources;
    private final Set<String> secretFields;
    private final boolean colour;
    /** Most diagnostics {@link #text} prints; the rest are counted. */
    private final int shown;
    /** Secret lines by file, found once per file that a diagnostic points into. */
    private final Map<String, BitSet> secretLines = new HashMap<>();
    /**
     * Where each line starts, by file, indexed once per file a diagnostic points into: finding a
     * line by scanning from the start made 200 000 diagnostics in one file quadratic.
     */
    private final Map<String, int[]> lineStarts = new HashMap<>();

    /** How many diagnostics text output shows unless {@code --all-diagnostics} is given. */
    public static final int DEFAULT_SHOWN = 200;

    /** Without the loaded contracts: only the text's own signs of secrets hide a line. */
    public DiagnosticRenderer(Map<String, SourceFile> sources, boolean colour) {
        this(sources, Set.of(), colour);
    }

    /**
     * @param secretFields field names the loaded contracts declare secret ({@link
     *     org.modsvc.load.LoadResult#secretFields()}); never null
     */
    public DiagnosticRenderer(Map<String, SourceFile> sources, Set<String> secretFields, boolean colour) {
        this(sources, secretFields, colour, Integer.MAX_VALUE);
    }

    /** @param shown most diagnostics printed (at least 1); the summary line still counts all */
    public DiagnosticRenderer(Map<String, SourceFile> sources, Set<String> secretFields, boolean colour, int shown) {
        this.sources = sources;
        this.secretFields = Set.copyOf(secretFields);
        this.colour = colour;
        this.shown = Math.max(1, shown);
    }

    public void text(List<Diagnostic> diagnostics, PrintStream err) {
        var b = new StringBuilder();
        // A line that may hold secret material is never shown, whichever diagnostic points at it:
        // the excerpt would echo the secret. SecretLines decides from the text and the declared
        // secret fields; an E037 (secret material where a path belongs) hides its line as well,
        // for a value the text alone does not give away.
        var e037 = new HashSet<String>();
        for (Diagnostic d : diagnostics)
            if (d.code() == org.modsvc.diag.Code.SECRET_INLINE && !d.span().isNone())
                e037.add(d.span().file() + ":" + d.span().line());
        int n = 0;
        for (Diagnostic d : diagnostics) {
            if (n++ == shown) break;
            boolean hidden = e037.contains(d.span().file() + ":" + d.span().line()) || secret(d.span());
            render(d, b, !hidden);
            // Written as it goes: the text of every diagnostic at once can be tens of megabytes.
            if (b.length() > 1 << 16) {
                err.print(b);
                b.setLength(0);
            }
        }
        if (diagnostics.size() > shown) {
            b.append(diagnostics.size() - shown)
                    .append(" more diagnostic(s) not shown; --all-diagnostics shows them (--format json lists all)\n");
        }
        long errors =
                diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = diagnostics.stream()
                .filter(d -> d.severity() == Severity.WARNING)
                .count();
        if (errors + warnings > 0) {
            b.append(paint(errors > 0 ? "1;31" : "1;33", plural(errors, "error") + ", " + plural(warnings, "warning")))
                    .append('\n');
        }
        err.print(b);
        err.flush();
    }

    void render(Diagnostic d, StringBuilder b) {
        render(d, b, !secret(d.span()));
    }

    private boolean secret(Span span) {
        if (span.isNone()) return false;
        SourceFile f = sources.get(span.file());
        if (f == null) return false;
        return secretLines
                .computeIfAbsent(span.file(), k -> SecretLines.of(f.text(), secretFields))
                .get(span.line());
    }

    private void render(Diagnostic d, StringBuilder b, boolean showSource) {
        String sev = d.severity().label();
        String colourCode =
                switch (d.severity()) {
                    case ERROR -> "1;31";
                    case WARNING -> "1;33";
                    case NOTE -> "1;36";
                };
        b.append(paint("1", oneLine(d.span().location())))
                .append(": ")
                .append(paint(colourCode, sev + "[" + d.code().id() + "]"))
                .append(": ")
                .append(oneLine(d.message()))
                .append('\n');
        if (showSource) excerpt(d.span(), b);
        for (String h : d.hints())
            b.append("  ")
                    .append(paint("1;32", "help:"))
                    .append(' ')
                    .append(oneLine(h))
                    .append('\n');
        for (Diagnostic.Related r : d.related()) {
            b.append("  ").append(paint("1;36", "note:")).append(' ').append(oneLine(r.label()));
            if (!r.span().isNone()) b.append(": ").append(oneLine(r.span().location()));
            b.append('\n');
        }
    }

    /** Longest excerpt shown, in chars; a longer line is cut to this window around the column. */
    static final int EXCERPT_WIDTH = 200;

    private void excerpt(Span span, StringBuilder b) {
        if (span.isNone()) return;
        SourceFile f = sources.get(span.file());
        if (f == null) return;
        String line = line(span.file(), f, span.line());
        if (line.isEmpty() && span.line() > 1) return;
        String num = Integer.toString(span.line());
        String pad = " ".repeat(num.length());
        int col = Math.max(1, span.column());
        if (line.length() > EXCERPT_WIDTH) {
            // A long line (a megabyte-long word, an 8 MB nesting) is shown as a window around the
            // column, so that each diagnostic costs a line of output, not a copy of the line.
            int from = Math.max(0, Math.min(col - 1 - EXCERPT_WIDTH / 3, line.length() - EXCERPT_WIDTH));
            int to = Math.min(line.length(), from + EXCERPT_WIDTH);
            if (from > 0 && Character.isLowSurrogate(line.charAt(from))) from++;
            if (to < line.length() && Character.isLowSurrogate(line.charAt(to))) to--;
            String head = from > 0 ? "\u2026" : "";
            line = head + line.substring(from, to) + (to < line.length() ? "\u2026" : "");
            col = col - from + head.length();
        }
        String shown = visible(line);
        b.append(' ')
                .append(paint("1;34", num + " |"))
                .append(' ')
                .append(shown)
                .append('\n');
        var caret = new StringBuilder();
        for (int i = 0; i < col - 1 && i < line.length(); i++) caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        int len = Math.max(1, Math.min(span.length(), Math.max(1, line.length() - (col - 1))));
        caret.append("^".repeat(len));
        b.append(' ')
                .append(paint("1;34", pad + " |"))
                .append(' ')
                .append(paint("1;31", caret.toString()))
                .append('\n');
    }

    /** Line {@code n} of {@code f} without its line end, "" when out of range; as {@link SourceFile#line}. */
    private String line(String file, SourceFile f, int n) {
        int[] starts = lineStarts.computeIfAbsent(file, k -> starts(f.text()));
        if (n < 1 || n > starts.length) return "";
        String text = f.text();
        int start = starts[n - 1];
        int end = n < starts.length ? starts[n] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, end);
    }

    /** The offset of each line's first character (a text ending in a newline has an empty last line). */
    private static int[] starts(String text) {
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
        int[] out = new int[count];
        int k = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
        return out;
    }

    /**
     * Control characters other than tab shown as '?', so a hostile line cannot move the cursor;
     * so are the Unicode line and paragraph separators (a tool that splits lines the Unicode way
     * would start a new line there, and could read a forged {@code ok:} line) and the
     * bidirectional controls (which reorder what the terminal shows).
     */
    static String visible(String line) {
        var b = new StringBuilder(line.length());
        line.codePoints().forEach(c -> b.appendCodePoint(hidden(c) ? '?' : c));
        return b.toString();
    }

    /** Whether code point {@code c} (other than tab) must not reach a terminal as it is. */
    static boolean hidden(int c) {
        return (c < 0x20 && c != '\t')
                || c == 0x7f
                || (c >= 0x80 && c < 0xa0)
                || c == 0x2028
                || c == 0x2029
                || c == 0x061c
                || c == 0x200e
                || c == 0x200f
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    private static String oneLine(String s) {
        return visible(s.replace("\n", "\\n").replace("\r", "\\r"));
    }

    private String paint(String sgr, String s) {
        return colour ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Writes {@code "diagnostics": [...]} fields into an open JSON object. */
    public static void json(List<Diagnostic> diagnostics, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : diagnostics) {
            g.writeStartObject();
            g.writeStringField("code", d.code().id());
            g.writeStringField("severity", d.severity().label());
            g.writeStringField("message", d.message());
            spanFields(d.span(), g);
            g.writeArrayFieldStart("hints");
            for (String h : d.hints()) g.writeString(h);
            g.writeEndArray();
            g.writeArrayFieldStart("related");
            for (Diagnostic.Related r : d.related()) {
                g.writeStartObject();
                g.writeStringField("label", r.label());
                spanFields(r.span(), g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField(
                "errors", diagnostics.stream().filter(Diagnostic::isError).count());
        g.writeNumberField(
                "warnings",
                diagnostics.stream()
                        .filter(d -> d.severity() == Severity.WARNING)
                        .count());
    }

    private static void spanFields(Span s, JsonGenerator g) throws IOException {
        if (s.isNone() && s.file().isEmpty()) {
            g.writeNullField("file");
        } else {
            g.writeStringField("file", s.file());
        }
        g.writeNumberField("line", s.line());
        g.writeNumberField("column", s.column());
        g.writeNumberField("length", s.length());
    }
}
