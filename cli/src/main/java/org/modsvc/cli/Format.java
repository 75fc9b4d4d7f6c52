package org.modsvc.cli;

/** Output formats of report commands. */
public enum Format {
    text,
    json
}
