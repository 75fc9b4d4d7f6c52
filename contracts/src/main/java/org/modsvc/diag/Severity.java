package org.modsvc.diag;

/** How bad a diagnostic is. Only {@link #ERROR} makes a setup invalid (exit code 1). */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The lower-case word used in rendered diagnostics and JSON, never null. */
    public String label() {
        return label;
    }
}
