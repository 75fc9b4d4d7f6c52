package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;

/** The README's table of diagnostic codes lists every code with its severity and title. */
class ReadmeCodesTest {
    @Test
    void readmeTableListsEveryDiagnosticCode() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("<!-- section:diagnostics -->");
        int end = readme.indexOf("<!-- /section:diagnostics -->");
        assertThat(start).isNotNegative();
        assertThat(end).isGreaterThan(start);
        String section = readme.substring(start, end);
        for (Code c : Code.values()) {
            String row = "| " + c.id() + " | " + c.severity().label() + " | ";
            assertThat(section).as("README row for %s (%s)", c.id(), c.name()).contains(row);
        }
    }
}
