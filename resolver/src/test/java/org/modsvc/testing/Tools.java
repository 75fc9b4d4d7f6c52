package org.modsvc.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs and privileges a test needs. What is missing skips the test with a message,
 * unless the system property {@code modsvc.requireTools} is "true" (CI sets it): then the test
 * fails, so CI cannot pass by skipping.
 */
public final class Tools {
    private Tools() {}

    /** Directories searched after PATH: systemd's helpers and sbin are often not on a user's PATH. */
    private static final String EXTRA = "/usr/sbin:/sbin:/usr/lib/systemd:/lib/systemd";

    /**
     * The absolute path of {@code program} (a name looked up on PATH, or an absolute path); skips
     * or fails the test when it is missing.
     */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        check(found.isPresent(), program + " is not installed (not on PATH); this test needs it");
        return found.get();
    }

    /** Skips or fails the test unless it runs as root. */
    public static void requireRoot() {
        check("root".equals(System.getProperty("user.name")), "this test needs root");
    }

    /** Skips (or, under modsvc.requireTools, fails) the test with {@code why} unless {@code ok}. */
    public static void check(boolean ok, String why) {
        if (ok) return;
        if (Boolean.getBoolean("modsvc.requireTools")) Assertions.fail(why + " (modsvc.requireTools=true)");
        Assumptions.assumeTrue(false, why + "; skipped (-Dmodsvc.requireTools=true makes this fail)");
    }

    /** The absolute path of {@code program}, if any. */
    public static Optional<Path> find(String program) {
        if (program.startsWith("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + File.pathSeparator + EXTRA).split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toAbsolutePath());
        }
        return Optional.empty();
    }
}
