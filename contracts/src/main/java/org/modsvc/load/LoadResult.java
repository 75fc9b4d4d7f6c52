package org.modsvc.load;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Setup;
import org.modsvc.source.SecretLines;
import org.modsvc.source.SourceFile;

/**
 * What loading produced.
 *
 * @param setup the setup, or null when the input could not be read far enough to make one; when
 *     there are errors it may be partial (bad declarations left out)
 * @param diagnostics every problem found, in deterministic order
 * @param sources every file read, for rendering
 * @param secretFields the names of the fields that the loaded contracts (catalogue and setup)
 *     declare {@code secret: true}: with {@link SecretLines} they decide, for every file, which
 *     lines no diagnostic may show; never null
 */
public record LoadResult(
        Setup setup, List<Diagnostic> diagnostics, SortedMap<String, SourceFile> sources, Set<String> secretFields) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
        secretFields = Set.copyOf(secretFields);
    }

    /** A result read before any contract was: only the text's own signs of secrets count. */
    public LoadResult(Setup setup, List<Diagnostic> diagnostics, SortedMap<String, SourceFile> sources) {
        this(setup, diagnostics, sources, Set.of());
    }

    /** The lines of {@code file} that may hold secret material (1-based); empty when unknown. */
    public BitSet secretLines(String file) {
        SourceFile f = sources.get(file);
        return f == null ? new BitSet() : SecretLines.of(f.text(), secretFields);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
