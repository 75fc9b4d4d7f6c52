package org.modsvc.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * A collector that a single load or resolve run writes into. Not thread-safe and never shared
 * between runs: each phase creates its own and hands out the immutable {@link #toList()}.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    private int errors;

    public Diagnostic add(Diagnostic d) {
        items.add(d);
        if (d.isError()) errors++;
        return d;
    }

    public Diagnostic add(Code code, Span span, String message, String... hints) {
        return add(Diagnostic.of(code, span, message, hints));
    }

    public void addAll(Iterable<Diagnostic> ds) {
        for (Diagnostic d : ds) add(d);
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The collected diagnostics in deterministic order (see {@link Diagnostic#ORDER}); immutable. */
    public List<Diagnostic> toList() {
        var copy = new ArrayList<>(items);
        copy.sort(Diagnostic.ORDER);
        return List.copyOf(copy);
    }
}
