package org.modsvc.source;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not a test: times {@link SourceReader#read} per file with SnakeYAML only and with the fast
 * reader, and counts the bytes each allocates. Run by hand on a generated setup:
 *
 * <pre>
 * java -cp contracts/target/classes:contracts/target/test-classes:DEPS org.modsvc.source.YamlReadBench DIR [ROUNDS [PATH]]
 * </pre>
 */
public final class YamlReadBench {
    private YamlReadBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var paths = args.length > 2
                ? new SourceReader.YamlPath[] {SourceReader.YamlPath.valueOf(args[2])}
                : new SourceReader.YamlPath[] {SourceReader.YamlPath.SNAKE, SourceReader.YamlPath.AUTO};
        List<Path> modules;
        try (Stream<Path> s = Files.walk(dir.resolve("services"))) {
            modules = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        var moduleBytes = new ArrayList<byte[]>();
        for (Path p : modules) moduleBytes.add(Files.readAllBytes(p));
        byte[] setup = Files.readAllBytes(dir.resolve("setup.yaml"));
        System.out.println("fast reader keeps setup.yaml: "
                + (new SourceReader(Limits.DEFAULT).read("setup.yaml", setup, false, SourceReader.YamlPath.FAST)
                        != null));
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int r = 0; r < rounds; r++) {
            for (var path : paths) {
                // a fresh reader per round, as each run of the tool has
                var reader = new SourceReader(Limits.DEFAULT);
                long a0 = bean.getThreadAllocatedBytes(tid);
                long t0 = System.nanoTime();
                int roots = 0;
                for (byte[] b : moduleBytes) {
                    if (reader.read("m.yaml", b, false, path).root() != null) roots++;
                }
                long t1 = System.nanoTime();
                long a1 = bean.getThreadAllocatedBytes(tid);
                reader.read("setup.yaml", setup, false, path);
                long t2 = System.nanoTime();
                long a2 = bean.getThreadAllocatedBytes(tid);
                System.out.printf(
                        "round %d %-5s modules: %d files %.2f us/file %.0f B/file (%d roots) | setup.yaml: %.1f ms %.1f MB%n",
                        r,
                        path,
                        moduleBytes.size(),
                        (t1 - t0) / 1e3 / moduleBytes.size(),
                        (double) (a1 - a0) / moduleBytes.size(),
                        roots,
                        (t2 - t1) / 1e6,
                        (a2 - a1) / 1e6);
            }
        }
    }
}
