package org.modsvc.load;

import java.util.List;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Setup;
import org.modsvc.source.SourceFile;

/**
 * What loading produced.
 *
 * @param setup the setup, or null when the input could not be read far enough to make one; when
 *     there are errors it may be partial (bad declarations left out)
 * @param diagnostics every problem found, in deterministic order
 * @param sources every file read, for rendering
 */
public record LoadResult(Setup setup, List<Diagnostic> diagnostics, SortedMap<String, SourceFile> sources) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
