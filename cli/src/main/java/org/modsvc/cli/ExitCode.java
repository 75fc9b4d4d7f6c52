package org.modsvc.cli;

/** The process exit codes; each means one thing (see the README). */
public final class ExitCode {
    private ExitCode() {}

    /** Success (warnings and notes allowed). */
    public static final int OK = 0;
    /** The setup has errors. */
    public static final int INVALID = 1;
    /** Usage error: bad flag, missing file, unusable output directory. */
    public static final int USAGE = 2;
    /** A bug in modsvc. */
    public static final int INTERNAL = 3;
}
