package org.modsvc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an outside program: they skip when it is missing, unless the system property
 * {@code modsvc.requireTools} is "true" (as in CI), where they fail instead.
 */
final class RequiredTool {
    private RequiredTool() {}

    /** The program's path on PATH; skips or fails the test when there is none. */
    static Path require(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        String why = program + " is not installed; this test needs it";
        if ("true".equals(System.getProperty("modsvc.requireTools"))) Assertions.fail(why);
        Assumptions.assumeTrue(false, why);
        return null;
    }
}
