package org.modsvc.compare;

import java.util.ArrayList;
import java.util.List;
import org.modsvc.diag.Diagnostic;

/** Diagnostics as {@code compare} tells them apart across strategies. */
final class DiagnosticKeys {
    private DiagnosticKeys() {}

    /** Diagnostics compared by what they say and where, not by their hints. */
    record Key(String code, String message, String file, int line, int column) {}

    static List<Key> keys(List<Diagnostic> ds) {
        var out = new ArrayList<Key>();
        for (Diagnostic d : ds) {
            if (!d.isError() && d.severity() != org.modsvc.diag.Severity.WARNING) continue;
            out.add(new Key(
                    d.code().id(),
                    d.message(),
                    d.span().file(),
                    d.span().line(),
                    d.span().column()));
        }
        return out;
    }
}
