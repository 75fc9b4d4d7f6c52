package org.modsvc.model;

/** The sandboxing profile the systemd emitter applies; individual keys are relaxed via {@code systemd:}. */
public enum Hardening {
    DEFAULT("default"),
    STRICT("strict"),
    NONE("none");

    private final String word;

    Hardening(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Hardening parse(String word) {
        for (Hardening h : values()) if (h.word.equals(word)) return h;
        return null;
    }
}
