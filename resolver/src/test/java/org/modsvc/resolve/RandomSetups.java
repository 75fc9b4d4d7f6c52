package org.modsvc.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Random setups for property tests, written as YAML files. The structure comes from one seed; the
 * order in which keys, nodes and {@code run:} entries are written comes from another, so two
 * writings of one setup differ only in order. Public so that the CLI's tests can use it.
 */
public final class RandomSetups {
    private RandomSetups() {}

    /** The seeds a property test runs: just {@code -Dmodsvc.seed} when set, else {@code 0..count-1}. */
    public static Stream<Long> seeds(int count) {
        String fixed = System.getProperty("modsvc.seed");
        if (fixed != null && !fixed.isBlank()) return Stream.of(Long.parseLong(fixed.strip()));
        return LongStream.range(0, count).boxed();
    }

    /** The message to wrap a failure in, so that it names the seed and how to replay it. */
    public static String replay(long seed) {
        return "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + ")";
    }

    private static final String[] RANGES = {null, "*", ">=2", "^1", "~2.3", "3", ">=1 <3"};
    private static final String[] VERSIONS = {"1.0", "1.4", "2.3", "2.3.1", "3"};

    /**
     * Writes setup {@code seed} under {@code dir} (setup.yaml, services/, contracts/).
     *
     * @param policy the setup's policy word
     * @param orderSeed how keys and lists are ordered in the files
     */
    public static void write(Path dir, long seed, String policy, long orderSeed) throws IOException {
        var rnd = new Random(seed);
        var order = new Random(orderSeed);
        int contracts = 2 + rnd.nextInt(3);
        int services = 2 + rnd.nextInt(9);
        int nodes = 1 + rnd.nextInt(3);
        Files.createDirectories(dir.resolve("services"));
        Files.createDirectories(dir.resolve("contracts"));
        for (int k = 0; k < contracts; k++) {
            var c = new LinkedHashMap<String, Object>();
            c.put("name", "k" + k + ".api");
            c.put("reach", rnd.nextInt(4) == 0 ? "local" : "network");
            c.put("shared", rnd.nextInt(10) != 0);
            c.put("defaultProvider", "pv" + k);
            c.put("result", Map.of("host", Map.of("type", "host")));
            write(dir.resolve("contracts/k" + k + ".api.yaml"), c, order);
        }
        var moduleNames = new ArrayList<String>();
        for (int k = 0; k < contracts; k++) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", "pv" + k);
            m.put("process", Map.of("argv", List.of("/usr/bin/pv" + k)));
            m.put("provides", Map.of("main", provision(k, rnd)));
            if (rnd.nextInt(6) == 0) {
                // Providers with needs of their own make recursive sub-services (and, rarely, E049).
                m.put("requires", Map.of("dep", requirement(rnd, contracts)));
            }
            write(dir.resolve("services/pv" + k + ".yaml"), m, order);
            moduleNames.add("pv" + k);
        }
        for (int s = 0; s < services; s++) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", "s" + s);
            m.put(
                    "process",
                    Map.of(
                            "argv", List.of("/usr/bin/s" + s),
                            "environment", Map.of("SELF", "${self.name}@${node.address}")));
            if (rnd.nextInt(5) < 2) m.put("provides", Map.of("api", provision(rnd.nextInt(contracts), rnd)));
            int reqs = rnd.nextInt(4);
            var rs = new LinkedHashMap<String, Object>();
            for (int r = 0; r < reqs; r++) rs.put("r" + r, requirement(rnd, contracts));
            if (!rs.isEmpty()) m.put("requires", rs);
            write(dir.resolve("services/s" + s + ".yaml"), m, order);
            moduleNames.add("s" + s);
        }
        var nodeMap = new LinkedHashMap<String, Object>();
        for (int n = 0; n < nodes; n++) {
            var run = new ArrayList<String>();
            for (String name : moduleNames) {
                int odds = name.startsWith("pv") ? 3 : 2;
                if (rnd.nextInt(odds) == 0) run.add(name);
            }
            var node = new LinkedHashMap<String, Object>();
            node.put("address", "10.0.0." + (n + 1));
            node.put("target", "systemd");
            node.put("run", run);
            nodeMap.put("n" + n, node);
        }
        var setup = new LinkedHashMap<String, Object>();
        setup.put("name", "random" + seed);
        setup.put("policy", policy);
        setup.put("nodes", nodeMap);
        write(dir.resolve("setup.yaml"), setup, order);
    }

    private static Map<String, Object> provision(int contract, Random rnd) {
        var p = new LinkedHashMap<String, Object>();
        p.put("contract", "k" + contract + ".api");
        p.put("version", VERSIONS[rnd.nextInt(VERSIONS.length)]);
        if (rnd.nextInt(5) == 0) p.put("capacity", 1 + rnd.nextInt(3));
        p.put("result", Map.of("host", "${node.address}"));
        return p;
    }

    private static Map<String, Object> requirement(Random rnd, int contracts) {
        var r = new LinkedHashMap<String, Object>();
        r.put("contract", "k" + rnd.nextInt(contracts) + ".api");
        String range = RANGES[rnd.nextInt(RANGES.length)];
        if (range != null) r.put("version", range);
        if (rnd.nextInt(5) == 0) r.put("optional", true);
        return r;
    }

    private static void write(Path file, Map<String, Object> tree, Random order) throws IOException {
        var b = new StringBuilder();
        emit(tree, b, 0, order);
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** Block-style YAML with keys (and run: lists) in shuffled order; scalars double-quoted. */
    @SuppressWarnings("unchecked")
    private static void emit(Map<String, Object> m, StringBuilder b, int indent, Random order) {
        var keys = new ArrayList<>(m.keySet());
        Collections.shuffle(keys, order);
        for (String k : keys) {
            Object v = m.get(k);
            b.append(" ".repeat(indent)).append(k).append(':');
            if (v instanceof Map<?, ?> sub && sub.containsKey("contract")) {
                // Requirements and provisions on one line, so every diagnostic about one points there.
                b.append(' ').append(flow((Map<String, Object>) sub, order)).append('\n');
            } else if (v instanceof Map<?, ?> sub) {
                if (sub.isEmpty()) {
                    b.append(" {}\n");
                } else {
                    b.append('\n');
                    emit((Map<String, Object>) sub, b, indent + 2, order);
                }
            } else if (v instanceof List<?> list) {
                var items = new ArrayList<Object>(list);
                if (k.equals("run")) Collections.shuffle(items, order);
                b.append(" [");
                for (int i = 0; i < items.size(); i++)
                    b.append(i == 0 ? "" : ", ").append(scalar(items.get(i)));
                b.append("]\n");
            } else {
                b.append(' ').append(scalar(v)).append('\n');
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String flow(Map<String, Object> m, Random order) {
        var keys = new ArrayList<>(m.keySet());
        Collections.shuffle(keys, order);
        var parts = new ArrayList<String>();
        for (String k : keys) {
            Object v = m.get(k);
            parts.add(k + ": " + (v instanceof Map<?, ?> sub ? flow((Map<String, Object>) sub, order) : scalar(v)));
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    private static String scalar(Object v) {
        if (v instanceof Boolean || v instanceof Integer) return v.toString();
        return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
