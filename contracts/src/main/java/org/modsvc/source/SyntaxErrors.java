package org.modsvc.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;

/** The syntax errors (E001) of a file that neither parser could read, located where the parser stopped. */
final class SyntaxErrors {
    /** The help line of a JSON syntax error (E001): what JSON is strict about. */
    static final String JSON_HINT = "JSON needs double-quoted keys and strings, a comma between items and none"
            + " after the last; the mistake may be just before this point";

    /** The help line of a YAML syntax error (E001): the usual causes. */
    static final String YAML_HINT = "indent with spaces (never tabs), put a space after ':' and '- ', and close"
            + " every quote and bracket; the mistake may be on an earlier line";

    private SyntaxErrors() {}

    /** Jackson's syntax error, at its location. */
    static Diagnostic json(String file, JsonProcessingException e) {
        return Diagnostic.of(Code.SYNTAX, spanOf(file, e.getLocation()), syntaxMessage(e), JSON_HINT);
    }

    /** Jackson failed to read the text without locating the failure. */
    static Diagnostic json(String file, IOException e) {
        return Diagnostic.of(
                Code.SYNTAX, Span.file(file), "cannot parse: " + firstLine(String.valueOf(e.getMessage())), JSON_HINT);
    }

    /**
     * SnakeYAML's report of malformed input (its own unchecked exceptions), at the problem's mark,
     * with the context's mark as related position when it has one.
     */
    static Diagnostic yaml(String file, RuntimeException e) {
        var d = Diagnostic.of(Code.SYNTAX, markSpan(file, e), yamlProblem(e), YAML_HINT);
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
                && m.getContextMark() != null
                && m.getContext() != null) {
            d = d.withRelated(List.of(new Diagnostic.Related(
                    firstLine(m.getContext()),
                    Span.of(
                            file,
                            m.getContextMark().getLine() + 1,
                            m.getContextMark().getColumn() + 1,
                            1))));
        }
        return d;
    }

    private static String syntaxMessage(JsonProcessingException e) {
        Throwable c = e.getCause();
        if (c != null && c.getClass().getName().startsWith("org.yaml.snakeyaml")) return yamlProblem(c);
        return firstLine(String.valueOf(e.getOriginalMessage()));
    }

    private static String yamlProblem(Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
            String problem = m.getProblem() == null ? "" : m.getProblem();
            return firstLine(problem.isEmpty() ? String.valueOf(m.getContext()) : problem);
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static Span markSpan(String file, Throwable e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return Span.of(
                    file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1, 1);
        }
        return Span.file(file);
    }

    private static Span spanOf(String file, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return Span.file(file);
        return Span.of(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()), 1);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
