package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports are bounded by two named limits, with a located E004 and the flag that raises each. */
class ImportLimitsTest {
    @TempDir
    Path tmp;

    /** A chain m0 imports m1 imports … m(n-1); each sets one variable of its own. */
    private void chain(int n) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: c\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [m0] }\n");
        for (int i = 0; i < n; i++) {
            String imports = i + 1 < n ? "imports: [m" + (i + 1) + "]\n" : "";
            Files.writeString(
                    dir.resolve("services/m" + i + ".yaml"),
                    "name: m" + i + "\n" + imports + "process: { argv: [/usr/bin/m], environment: { V" + i
                            + ": x } }\n");
        }
    }

    @Test
    void aChainDeeperThanTheLimitIsOneLocatedError() throws IOException {
        chain(100);
        Run r = Run.in(tmp, "validate", "s", "--limit", "import-depth=40");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err())
                .contains("s/services/m58.yaml:2:11: error[E004]: module 'm58' imports a chain of 41 modules, more than"
                        + " the limit of 40")
                .contains("--limit import-depth=N")
                .endsWith("1 error, 0 warnings\n");
        Run raised = Run.in(tmp, "validate", "s", "--limit", "import-depth=100");
        assertThat(raised.code()).as(raised.err()).isZero();
    }

    @Test
    void aChainWithinTheDefaultMergesEveryValue() throws IOException {
        chain(60);
        Run r = Run.in(tmp, "plan", "s", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"V0\"").contains("\"V59\"");
    }

    @Test
    void moreImportsThanTheLimitAreOneError() throws IOException {
        chain(30);
        Run r = Run.in(tmp, "validate", "s", "--limit", "imports=10");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err())
                .contains("error[E004]: the setup has more than 10 imports")
                .contains("--limit imports=N");
    }
}
