package org.modsvc.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of the report commands, declared once: text (the default) or json. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }
}
