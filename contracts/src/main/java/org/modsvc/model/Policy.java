package org.modsvc.model;

/** How a requirement without a {@code bind:} entry is resolved. */
public enum Policy {
    /** Instantiate the contract's default provider as a dedicated sub-service of the consumer. */
    SUB_SERVICE("sub-service"),
    /** Bind to a running provision; ambiguity is an error. */
    SHARED("shared"),
    /** Shared when exactly one reachable candidate exists, else a sub-service. */
    AUTO("auto");

    private final String word;

    Policy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The policy spelled {@code word}, or null. */
    public static Policy parse(String word) {
        for (Policy p : values()) if (p.word.equals(word)) return p;
        return null;
    }
}
