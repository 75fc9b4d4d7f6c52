package org.modsvc.resolve.values;

import java.util.SortedMap;
import org.modsvc.plan.Value;
import org.modsvc.resolve.policy.Bound;

/**
 * What differs from one consumer of a provision to the next: each binding's request values, the
 * result as that consumer sees it when the provision's result reads {@code ${request.F}} or
 * {@code ${consumer.*}}, and the binding being expanded for right now.
 */
final class PerConsumer {
    private final SortedMap<String, String>[] requests;
    private final SortedMap<String, Value>[] results;
    private final SortedMap<String, String>[] plain;
    /** The binding whose request and consumer references stand for; null outside such values. */
    private Bound context;

    @SuppressWarnings("unchecked")
    PerConsumer(int bindings) {
        requests = new SortedMap[bindings];
        results = new SortedMap[bindings];
        plain = new SortedMap[bindings];
    }

    /** Null until the consumer's requests are resolved (they are, before its other values). */
    SortedMap<String, String> request(Bound b) {
        return requests[b.index()];
    }

    void request(Bound b, SortedMap<String, String> values) {
        requests[b.index()] = values;
    }

    /** The consumer's own result, or null when it has none (the provision's is shared). */
    SortedMap<String, Value> result(Bound b) {
        return results[b.index()];
    }

    SortedMap<String, String> plainResult(Bound b) {
        return plain[b.index()];
    }

    void result(Bound b, SortedMap<String, Value> values, SortedMap<String, String> plainValues) {
        results[b.index()] = values;
        plain[b.index()] = plainValues;
    }

    Bound context() {
        return context;
    }

    /** Sets the binding to expand for and returns the one before, to put back after. */
    Bound enter(Bound b) {
        Bound before = context;
        context = b;
        return before;
    }

    void leave(Bound before) {
        context = before;
    }

    /** The request values as the values phase leaves them: a copy of the array, never changed. */
    SortedMap<String, String>[] requests() {
        return requests.clone();
    }
}
