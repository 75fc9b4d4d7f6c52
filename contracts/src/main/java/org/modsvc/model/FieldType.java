package org.modsvc.model;

/** The type of a contract's request or result field. */
public enum FieldType {
    STRING("string"),
    INT("int"),
    PORT("port"),
    HOST("host"),
    PATH("path"),
    URL("url"),
    BOOL("bool");

    private final String word;

    FieldType(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static FieldType parse(String word) {
        for (FieldType t : values()) if (t.word.equals(word)) return t;
        return null;
    }
}
