package org.modsvc.diag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A collector that a single load or resolve run writes into. Not thread-safe and never shared
 * between runs: each phase creates its own and hands out the immutable {@link #toList()}.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    /** The diagnostics kept so far, when repeats are dropped; null otherwise. */
    private final Set<Diagnostic> distinct;

    private int errors;

    public Diagnostics() {
        this.distinct = null;
    }

    private Diagnostics(Set<Diagnostic> distinct) {
        this.distinct = distinct;
    }

    /**
     * A collector that keeps one of equal diagnostics, for checks that run once per instance on
     * values several instances share (the same literal on two nodes gives the same finding): it
     * stands in for a de-duplication pass over the finished list.
     */
    public static Diagnostics distinct() {
        return new Diagnostics(new HashSet<>());
    }

    /** Adds {@code d}, unless this collector drops repeats and holds an equal one already. */
    public Diagnostic add(Diagnostic d) {
        if (distinct != null && !distinct.add(d)) return d;
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
