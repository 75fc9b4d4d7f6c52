package org.modsvc.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs a test needs. A missing program skips the test with a message, unless the
 * system property {@code modsvc.requireTools} is "true" (CI sets it): then the test fails.
 */
public final class Tools {
    private Tools() {}

    /** The absolute path of {@code program} on PATH; skips or fails the test when it is missing. */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String message = program + " is not installed (not on PATH); this test needs it";
            if (Boolean.getBoolean("modsvc.requireTools")) {
                Assertions.fail(message + " and modsvc.requireTools=true");
            }
            Assumptions.assumeTrue(false, message + "; skipped");
        }
        return found.get();
    }

    /** The absolute path of {@code program} on PATH, if any. */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toAbsolutePath());
        }
        return Optional.empty();
    }
}
