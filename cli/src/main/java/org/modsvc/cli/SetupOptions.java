package org.modsvc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The SETUP argument and the options that go with reading one, shared by every setup command. */
final class SetupOptions {
    @Parameters(
            index = "0",
            paramLabel = "SETUP",
            description = "a setup directory (with setup.yaml) or a single setup file")
    String path;

    @Option(
            names = "--limit",
            paramLabel = "NAME=N",
            description = "raise an input limit: file-bytes, depth, string-length, files, nodes, instances, expansion,"
                    + " imports, import-depth")
    List<String> limitArgs = new ArrayList<>();

    @Option(
            names = "--all-diagnostics",
            description = "print every diagnostic; text output stops after the first "
                    + DiagnosticRenderer.DEFAULT_SHOWN + " and counts the rest (JSON output always lists all)")
    boolean allDiagnostics;

    @Option(
            names = {"-q", "--quiet"},
            description = "show no progress on stderr (it is shown only on a terminal, for runs over about a second)")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces of internal errors")
    boolean debug;
}
