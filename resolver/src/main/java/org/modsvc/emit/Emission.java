package org.modsvc.emit;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostic;

/**
 * What an emitter produced: files by relative path ({@code node/etc/systemd/system/app.service}),
 * and diagnostics. When there are errors the files must not be written.
 *
 * @param files relative paths with '/' separators, each checked by {@link TreeWriter}; sorted
 */
public record Emission(SortedMap<String, OutputFile> files, List<Diagnostic> diagnostics) {
    public Emission {
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
