package org.modsvc.diag;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a phase that collects problems: a value (possibly partial, absent only when the
 * phase could not produce anything usable) and every diagnostic found.
 */
public record Result<T>(Optional<T> value, List<Diagnostic> diagnostics) {
    public Result {
        diagnostics = List.copyOf(diagnostics);
    }

    public static <T> Result<T> of(T value, List<Diagnostic> diagnostics) {
        return new Result<>(Optional.ofNullable(value), diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
