package org.modsvc.plan;

/** How a requirement is served. */
public enum BindingKind {
    /** A dedicated provider instance owned by the consumer, on its node. */
    SUB_SERVICE("sub-service"),
    /** A shared provider on the same node. */
    LOCAL("local"),
    /** A shared provider on another node; only reach: network contracts. */
    REMOTE("remote");

    private final String word;

    BindingKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
