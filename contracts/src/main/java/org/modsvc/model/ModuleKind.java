package org.modsvc.model;

/** Whether a module is a long-running service or a wrapped command-line tool. */
public enum ModuleKind {
    SERVICE("service"),
    /** Not a daemon: emitted only as a wrapper, never as a unit; cannot provide contracts. */
    TOOL("tool");

    private final String word;

    ModuleKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static ModuleKind parse(String word) {
        for (ModuleKind k : values()) if (k.word.equals(word)) return k;
        return null;
    }
}
