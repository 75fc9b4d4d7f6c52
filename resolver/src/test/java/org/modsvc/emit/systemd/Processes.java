package org.modsvc.emit.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program with a time limit; the whole process tree is killed when it is exceeded. */
final class Processes {
    private Processes() {}

    record Outcome(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Outcome run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("modsvc-out", ".txt");
        Path err = Files.createTempFile("modsvc-err", ".txt");
        try {
            pb.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(command.get(0) + " did not finish within " + timeoutSeconds + " s: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Outcome(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
