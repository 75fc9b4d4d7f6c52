package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;

/** The table of diagnostic codes in docs/diagnostics.md lists every code with its severity. */
class ReadmeCodesTest {
    @Test
    void docsTableListsEveryDiagnosticCode() throws IOException {
        String doc = Files.readString(Run.ROOT.resolve("docs/diagnostics.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("| code | severity | title |");
        assertThat(start).as("the code table of docs/diagnostics.md").isNotNegative();
        String table = doc.substring(start);
        for (Code c : Code.values()) {
            String row = "| " + c.id() + " | " + c.severity().label() + " | ";
            assertThat(table)
                    .as("docs/diagnostics.md row for %s (%s)", c.id(), c.name())
                    .contains(row);
        }
    }
}
