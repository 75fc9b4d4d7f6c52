package org.modsvc.model;

/** Whether a contract can be used across nodes. */
public enum Reach {
    /** TCP and the like: usable from any node. */
    NETWORK("network"),
    /** Unix sockets and files: same node only. */
    LOCAL("local");

    private final String word;

    Reach(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Reach parse(String word) {
        for (Reach r : values()) if (r.word.equals(word)) return r;
        return null;
    }
}
