package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Setups of a few small files that multiply (issue 17, items 4 and 7): static sub-services that
 * import the next module, dedicated providers of the next contract, import diamonds, each
 * {@code width} wide and {@code depth} deep. The depth is either small, so the plan is built, or far
 * past the limits (2^21 instances and more), so the count must refuse it before anything is built:
 * never in between, where the fuzzer's in-process runs would spend seconds and gigabytes building
 * a million instances that are allowed.
 */
final class FanOutShapes {
    private FanOutShapes() {}

    /** Replaces the setup in {@code dir} by a shape chosen by {@code rnd}. */
    static HostileCases.Applied write(Path dir, Random rnd) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) if (!p.equals(dir)) Files.delete(p);
        }
        Files.createDirectories(dir.resolve("services"));
        int width = 2 + rnd.nextInt(2);
        boolean large = rnd.nextBoolean();
        // width^depth: at most 512 instances when small, at least 2^21 (over the 2 000 000 limit) when large
        int depth = width == 2
                ? (large ? 21 + rnd.nextInt(20) : 1 + rnd.nextInt(9))
                : (large ? 14 + rnd.nextInt(10) : 1 + rnd.nextInt(5));
        int shape = rnd.nextInt(3);
        if (shape == 2) depth = 1 + rnd.nextInt(large ? 70 : 20); // past 64 links: import-depth
        switch (shape) {
            case 0 -> subServices(dir, width, depth);
            case 1 -> dedicatedProviders(dir, width, depth);
            default -> diamonds(dir, width, depth);
        }
        Files.writeString(dir.resolve("setup.yaml"), "name: fan\nnodes:\n  n1: { address: 10.0.0.1, run: [m0] }\n");
        String what = new String[] {"static sub-services", "dedicated providers", "import diamonds"}[shape] + ", "
                + width + " wide, " + depth + " deep";
        HostileCases.Expectation e = (args, r, out) -> {
            // success, or the limit said as such: never another end (exit 2 is an out-of-memory)
            assertThat(r.code()).as("exit code").isIn(ExitCode.OK, ExitCode.INVALID);
            if (r.code() == ExitCode.INVALID) assertThat(r.err() + r.out()).contains("E004");
        };
        return new HostileCases.Applied("fan-out: " + what, e, false);
    }

    /** m(i) has {@code width} static sub-services, each importing m(i+1). */
    private static void subServices(Path dir, int width, int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            var m = new StringBuilder("process: { argv: [/bin/true] }\n");
            if (i < depth - 1) {
                m.append("services:\n");
                for (int w = 0; w < width; w++)
                    m.append("  s")
                            .append(w)
                            .append(": { imports: [m")
                            .append(i + 1)
                            .append("] }\n");
            }
            Files.writeString(dir.resolve("services/m" + i + ".yaml"), m.toString());
        }
    }

    /** m(i) requires {@code width} dedicated providers of c(i+1), whose default provider is m(i+1). */
    private static void dedicatedProviders(Path dir, int width, int depth) throws IOException {
        Files.createDirectories(dir.resolve("contracts"));
        for (int i = 0; i < depth; i++) {
            Files.writeString(
                    dir.resolve("contracts/c" + i + ".yaml"),
                    "shared: false\ndefaultProvider: m" + i + "\nresult: { v: { type: string } }\n");
            var m = new StringBuilder(
                    "process: { argv: [/bin/true] }\nprovides:\n  main: { contract: c" + i + ", result: { v: a } }\n");
            if (i < depth - 1) {
                m.append("requires:\n");
                for (int w = 0; w < width; w++)
                    m.append("  r")
                            .append(w)
                            .append(": { contract: c")
                            .append(i + 1)
                            .append(" }\n");
            }
            Files.writeString(dir.resolve("services/m" + i + ".yaml"), m.toString());
        }
    }

    /** m(i) imports {@code width} modules, each of which imports m(i+1): shared merges, long chains. */
    private static void diamonds(Path dir, int width, int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            var imports = new StringBuilder();
            for (int w = 0; w < width && i < depth - 1; w++) {
                String side = "d" + i + "x" + w;
                imports.append(w == 0 ? "" : ", ").append(side);
                Files.writeString(
                        dir.resolve("services/" + side + ".yaml"),
                        "imports: [m" + (i + 1) + "]\nprocess: { environment: { V" + i + "_" + w + ": x } }\n");
            }
            String head = imports.isEmpty() ? "" : "imports: [" + imports + "]\n";
            Files.writeString(
                    dir.resolve("services/m" + i + ".yaml"),
                    head + "process: { argv: [/usr/bin/m" + i + "], environment: { M" + i + ": x } }\n");
        }
    }
}
