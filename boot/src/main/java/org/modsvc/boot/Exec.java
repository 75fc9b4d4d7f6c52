package org.modsvc.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands with a time limit and captures their output (stdout and stderr together). */
final class Exec {
    private Exec() {}

    /**
     * What a command did.
     *
     * @param code the exit status; -1 when it ran out of time (it was killed)
     * @param output stdout and stderr interleaved, never null
     */
    record Result(List<String> argv, int code, String output) {
        boolean ok() {
            return code == 0;
        }

        /** The output's last {@code n} lines. */
        List<String> tail(int n) {
            var lines = output.isEmpty() ? List.<String>of() : List.of(output.split("\n", -1));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines = lines.subList(0, lines.size() - 1);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        }

        /** A one-line account for an error message. */
        String describe() {
            String last = String.join(" / ", tail(3));
            return String.join(" ", argv)
                    + (code < 0 ? ": timed out" : ": exit " + code)
                    + (last.isEmpty() ? "" : ": " + last);
        }
    }

    static Result run(Duration limit, List<String> argv) throws IOException {
        return run(limit, null, argv);
    }

    /** Runs {@code argv}; the whole process tree is killed when it outlives {@code limit}. */
    static Result run(Duration limit, Path log, List<String> argv) throws IOException {
        var pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (log != null) pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        var out = new StringBuilder();
        Thread reader = null;
        if (log == null) {
            reader = new Thread(() -> {
                try (var in = p.getInputStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (out) {
                        out.append(text);
                    }
                } catch (IOException e) {
                    // the process was killed; keep what was read
                }
            });
            reader.setDaemon(true);
            reader.start();
        }
        boolean done;
        try {
            done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            if (reader != null) reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", argv), e);
        }
        String text;
        synchronized (out) {
            text = out.toString();
        }
        return new Result(List.copyOf(argv), done ? p.exitValue() : -1, text);
    }

    /** Runs {@code argv} and fails with its output unless it exits 0. */
    static Result check(Duration limit, List<String> argv) throws IOException {
        Result r = run(limit, argv);
        if (!r.ok()) throw new IOException(r.describe());
        return r;
    }

    static List<String> argv(String... words) {
        return new ArrayList<>(List.of(words));
    }
}
