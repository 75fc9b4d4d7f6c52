package org.modsvc.model;

/** What a node's instances are emitted as. */
public enum Target {
    SYSTEMD("systemd"),
    WRAPPER("wrapper");

    private final String word;

    Target(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Target parse(String word) {
        for (Target t : values()) if (t.word.equals(word)) return t;
        return null;
    }
}
