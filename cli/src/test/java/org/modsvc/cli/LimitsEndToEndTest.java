package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every input limit is enforced from the command line: exceeding it is a located E004 that names
 * the limit and says how to raise it, and raising it with {@code --limit NAME=N} lets the same
 * setup through.
 */
class LimitsEndToEndTest {
    @TempDir
    Path tmp;

    /** A small setup of its own (samples change): two instances, references, a catalogue provider. */
    private String sample() throws IOException {
        Path dir = tmp.resolve("small");
        if (Files.isDirectory(dir)) return dir.toString();
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: small\nnodes:\n  web1: { address: 10.0.0.11, target: systemd, run: [shop] }\n");
        Files.writeString(
                dir.resolve("services/shop.yaml"),
                """
                name: shop
                process:
                  argv: [/usr/bin/shop-server, --listen, "0.0.0.0:${provides.web.port}"]
                  environment:
                    DB_HOST: "${requires.db.host}"
                    DB_PORT: "${requires.db.port}"
                provides:
                  web: { contract: http.backend, version: "1.0", result: { host: "${node.address}", port: 8080 } }
                requires:
                  db:
                    contract: database.postgresql
                    version: ">=15 <17"
                    request: { database: shop, user: shop }
                """);
        return dir.toString();
    }

    private static void assertLimit(Run r, String name) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err())
                .containsPattern("(?m)^\\S+:\\d+:\\d+: error\\[E004\\]: ")
                .contains("--limit " + name + "=N")
                .doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "--limit {0}={1} stops the sample, {2} lets it through")
    @CsvSource({
        "file-bytes, 100, 100000",
        "depth, 2, 64",
        "string-length, 5, 1000",
        "files, 1, 10",
        "nodes, 10, 100000",
        "instances, 1, 2",
        "expansion, 5, 10000",
    })
    void eachLimitIsEnforcedAndCanBeRaised(String name, long low, long enough) throws IOException {
        String sample = sample();
        for (String command : new String[] {"validate", "plan"}) {
            assertLimit(Run.in(tmp, command, sample, "--limit", name + "=" + low), name);
            var ok = Run.in(tmp, command, sample, "--limit", name + "=" + enough);
            assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
        }
        assertLimit(
                Run.in(
                        tmp,
                        "emit",
                        sample,
                        "--limit",
                        name + "=" + low,
                        "--out",
                        tmp.resolve("out").toString()),
                name);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    private Path write(Map<String, String> files) throws IOException {
        Path dir = tmp.resolve("setup");
        for (var e : new TreeMap<>(files).entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return dir;
    }

    private static final String BIG_CONTRACT =
            "name: big\nreach: local\nshared: true\ndefaultProvider: p\nrequest: {}\nresult:\n  x: { type: string }\n";

    @Test
    void aLongValueReferencedFromManyPlacesHitsTheExpansionBudget() throws IOException {
        // Each value stays under the limit; together they pass 16 × the limit (here 16 × 1000).
        var argv = new StringBuilder();
        for (int i = 0; i < 40; i++)
            argv.append("    - \"${requires.b.x}-").append(i).append("\"\n");
        Path s = write(Map.of(
                "setup.yaml",
                "nodes: { n1: { address: 10.0.0.1, target: systemd, run: [app, p] } }\n",
                "contracts/big.yaml",
                BIG_CONTRACT,
                "services/p.yaml",
                "name: p\nprocess: { argv: [/bin/p] }\nprovides:\n  main: { contract: big, version: \"1\", result: { x: "
                        + "y".repeat(900) + " } }\n",
                "services/app.yaml",
                "name: app\nrequires: { b: { contract: big, policy: shared } }\nprocess:\n  argv:\n    - /bin/app\n"
                        + argv));
        var r = Run.in(tmp, "validate", s.toString(), "--limit", "expansion=1000");
        assertLimit(r, "expansion");
        assertThat(r.err()).contains("in all");
        assertThat(Run.in(tmp, "validate", s.toString(), "--limit", "expansion=3000")
                        .code())
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void aChainOfDoublingReferencesStopsAtTheLimit() throws IOException {
        // p0 has 100 characters, each p(k) doubles p(k-1) through a dedicated sub-service, and app
        // refers to the last one a thousand times: without the limits, 2^12 × 100 × 1000 characters.
        var files = new TreeMap<String, String>();
        files.put("setup.yaml", "nodes: { n1: { address: 10.0.0.1, target: systemd, run: [app] } }\n");
        files.put("contracts/big.yaml", BIG_CONTRACT.replace("defaultProvider: p", "defaultProvider: p0"));
        files.put(
                "services/p0.yaml",
                "name: p0\nprocess: { argv: [/bin/p] }\nprovides: { main: { contract: big, version: \"1\", result: { x: "
                        + "y".repeat(100) + " } } }\n");
        for (int k = 1; k <= 12; k++) {
            files.put(
                    "services/p" + k + ".yaml",
                    "name: p" + k + "\nprocess: { argv: [/bin/p] }\nrequires: { a: { contract: big, provider: p"
                            + (k - 1)
                            + " } }\nprovides: { main: { contract: big, version: \"1\", result: { x: "
                            + "\"${requires.a.x}${requires.a.x}\" } } }\n");
        }
        var argv = new StringBuilder();
        for (int i = 0; i < 1000; i++) argv.append("    - \"-${requires.b.x}\"\n");
        files.put(
                "services/app.yaml",
                "name: app\nrequires: { b: { contract: big, provider: p12 } }\nprocess:\n  argv:\n    - /bin/app\n"
                        + argv);
        Path s = write(files);
        var r = Run.in(tmp, "validate", s.toString(), "--limit", "expansion=100000");
        assertLimit(r, "expansion");
        long start = System.nanoTime();
        var json = Run.in(tmp, "plan", s.toString(), "--format", "json");
        assertThat(json.code()).isEqualTo(ExitCode.INVALID);
        assertThat(json.out()).contains("\"E004\"").contains("--limit expansion=N");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds").isLessThan(30);
    }

    @Test
    void aLongValueMultipliedOverManyInstancesHitsTheOutputBudget() throws IOException {
        // One 5,000-character argument in a provider that every one of 100 nodes gets a dedicated
        // copy of: a small setup asking for half a megabyte of units.
        var nodes = new StringBuilder("nodes:\n");
        for (int i = 0; i < 100; i++) nodes.append("  n").append(i).append(": { address: h, run: [app] }\n");
        Path s = write(Map.of(
                "setup.yaml",
                nodes.toString(),
                "contracts/big.yaml",
                BIG_CONTRACT.replace("  x: { type: string }\n", "  x: { type: string, optional: true }\n"),
                "services/p.yaml",
                "name: p\nprocess: { argv: [/bin/p, " + "y".repeat(5000) + "] }\nprovides:\n  main: { contract: big, "
                        + "version: \"1\", result: {} }\n",
                "services/app.yaml",
                "name: app\nrequires: { b: { contract: big } }\nprocess: { argv: [/bin/app] }\n"));
        Path out = tmp.resolve("out");
        var r = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-bytes=300000");
        assertLimit(r, "output-bytes");
        // Refused on the plan's values, before any text was made.
        assertThat(r.err()).contains("would hold at least ");
        assertThat(out).doesNotExist();
        var ok = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-bytes=2000000");
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
    }

    /** Many instances of a small module: 1.6 KB of input made 797 162 units (issue 17). */
    private Path manySmallInstances(int nodes) throws IOException {
        var setup = new StringBuilder("nodes:\n");
        for (int i = 0; i < nodes; i++) setup.append("  n").append(i).append(": { address: h, run: [app] }\n");
        return write(Map.of(
                "setup.yaml", setup.toString(), "services/app.yaml", "name: app\nprocess: { argv: [/bin/app] }\n"));
    }

    @Test
    void theOutputBudgetCountsTheFilesWritten() throws IOException {
        Path s = manySmallInstances(200);
        Path out = tmp.resolve("out");
        // 200 units and 200 targets: the count before emitting knows of the units only.
        var before = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-files=150");
        assertLimit(before, "output-files");
        assertThat(before.err()).contains("at least 200 files");
        var after = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-files=300");
        assertLimit(after, "output-files");
        assertThat(after.err()).contains("would hold 400 files, more than 300");
        assertThat(out).doesNotExist();
        var ok = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-files=400");
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
        assertThat(ok.out()).contains("wrote 400 file(s)");
    }

    @Test
    void theOutputBudgetCountsTheBytesWrittenNotOnlyTheValues() throws IOException {
        // Each unit carries a kilobyte of hardening that no value accounts for.
        Path s = manySmallInstances(100);
        Path out = tmp.resolve("out");
        var r = Run.in(tmp, "emit", s.toString(), "--out", out.toString(), "--limit", "output-bytes=60000");
        assertLimit(r, "output-bytes");
        assertThat(r.err()).doesNotContain("at least").contains("bytes, more than 60000");
        assertThat(out).doesNotExist();
    }

    @Test
    void staticSubServicesThatFanOutAreCountedBeforeAnyIsBuilt() throws IOException {
        // m0 has two sub-services importing m1, which has two importing m2, …: 2^25 instances from
        // 25 small files. Refused by counting, in well under a second of resolving.
        var files = new java.util.HashMap<String, String>();
        int depth = 25;
        for (int i = 0; i < depth; i++) {
            String subs = i == depth - 1
                    ? ""
                    : "services:\n  l: { imports: [m" + (i + 1) + "] }\n  r: { imports: [m" + (i + 1) + "] }\n";
            files.put("services/m" + i + ".yaml", "process: { argv: [/bin/true] }\n" + subs);
        }
        files.put("setup.yaml", "nodes:\n  n1: { address: h, run: [m0] }\n");
        Path s = write(files);
        long start = System.nanoTime();
        var r = Run.in(tmp, "validate", s.toString());
        assertLimit(r, "instances");
        assertThat(r.err()).contains("more than 2000000 instances").containsOnlyOnce("error[");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds").isLessThan(20);
        var small = Run.in(tmp, "validate", s.toString(), "--limit", "instances=100");
        assertLimit(small, "instances");
    }

    @Test
    void dedicatedProvidersThatFanOutAreCountedBeforeAnyIsBuilt() throws IOException {
        // p0 needs two dedicated providers of c1, each of which needs two of c2, …: 2^25 instances.
        var files = new java.util.HashMap<String, String>();
        int depth = 25;
        for (int i = 0; i < depth; i++) {
            files.put(
                    "contracts/c" + i + ".yaml",
                    "shared: false\ndefaultProvider: p" + i + "\nresult: { v: { type: string } }\n");
            String req = i == depth - 1
                    ? ""
                    : "requires:\n  x: { contract: c" + (i + 1) + " }\n  y: { contract: c" + (i + 1) + " }\n";
            files.put(
                    "services/p" + i + ".yaml",
                    "process: { argv: [/bin/true] }\nprovides:\n  main: { contract: c" + i + ", result: { v: a } }\n"
                            + req);
        }
        files.put("setup.yaml", "nodes:\n  n1: { address: h, run: [p0] }\n");
        Path s = write(files);
        for (String command : new String[] {"validate", "compare"}) {
            long start = System.nanoTime();
            var r = Run.in(tmp, command, s.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID);
            assertThat(r.out() + r.err())
                    .containsPattern("error\\[E004\\]:? the plan would have more than 2000000 instances");
            assertThat((System.nanoTime() - start) / 1_000_000_000.0)
                    .as(command + " seconds")
                    .isLessThan(20);
        }
        // Within the limit the same shape plans: the count is a lower bound, never a false refusal.
        files.put(
                "services/p" + 5 + ".yaml",
                "process: { argv: [/bin/true] }\nprovides:\n  main: { contract: c5, result: { v: a } }\n");
        var ok = Run.in(tmp, "validate", write(files).toString());
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aBadLimitIsAUsageError() throws IOException {
        String sample = sample();
        for (String bad : new String[] {"nosuch=1", "depth=0", "depth=x", "depth"}) {
            var r = Run.in(tmp, "validate", sample, "--limit", bad);
            assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("modsvc: --limit " + bad);
        }
    }
}
