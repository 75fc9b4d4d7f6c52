package org.modsvc.emit.systemd;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program or root: they skip with a message when it is missing, unless the system
 * property {@code modsvc.requireTools} is "true" (CI), where they fail instead.
 */
final class Tools {
    private Tools() {}

    /** Requires an executable on PATH (or an absolute path); returns its path. */
    static Path require(String program) {
        Path found = find(program);
        check(found != null, program + " is not installed");
        return found;
    }

    static void requireRoot() {
        check("root".equals(System.getProperty("user.name")), "the test needs root");
    }

    static void check(boolean ok, String why) {
        if (ok) return;
        if (Boolean.getBoolean("modsvc.requireTools")) fail(why + " (modsvc.requireTools=true)");
        Assumptions.assumeTrue(false, why + "; skipped (set -Dmodsvc.requireTools=true to make this fail)");
    }

    private static Path find(String program) {
        if (program.startsWith("/")) return Files.isExecutable(Path.of(program)) ? Path.of(program) : null;
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin:/usr/lib/systemd:/lib/systemd").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
