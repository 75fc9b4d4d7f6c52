package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.boot.BootReport.Status;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import org.modsvc.testing.Tools;

/**
 * Boots setups in containers with a real systemd and probes every binding ({@link BootCheck}).
 * Needs root, systemd-nspawn and (the first time) debootstrap and the network to a Debian mirror;
 * skips with a message without them unless -Dmodsvc.requireTools=true, which makes it fail.
 */
class BootCheckTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OWN = Path.of("src/test/resources/setups").toAbsolutePath();

    /**
     * Samples allowed to fail, with the reason; they still boot and are probed and their reports
     * printed, and one that passes is reported so the entry is removed. Empty: every sample must
     * pass on its target.
     */
    static final Map<String, String> EXPECTED_TO_FAIL = Map.of();

    private static void requireTools() {
        Tools.requireRoot();
        Tools.require("systemd-nspawn");
        Tools.require("debootstrap");
        Tools.require("zstd");
        Tools.require("ip");
    }

    private static Plan plan(Path setup) throws Exception {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(setup, setup.toString());
        assertThat(loaded.hasErrors()).as("%s loads", setup).isFalse();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.hasErrors()).as("%s resolves", setup).isFalse();
        return plan;
    }

    private static BootReport check(Path setup, BootCheck.Target target) throws Exception {
        requireTools();
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(setup, setup.toString());
        Plan plan = plan(setup);
        var report = new BootCheck(
                        plan,
                        loaded.setup().contracts(),
                        target,
                        RootFs.standard(System.getenv()),
                        line -> System.err.println("boot check: " + line))
                .run();
        System.out.println("== " + setup.getFileName() + " on " + target + "\n" + report.text());
        report.timings().forEach(t -> System.out.println("   " + t));
        return report;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("own")
    void ownSetupsPassToday(String setup, BootCheck.Target target) throws Exception {
        var report = check(OWN.resolve(setup), target);
        assertThat(report.bindings()).isNotEmpty();
        assertThat(report.bindings()).allSatisfy(b -> assertThat(b.status())
                .as(b.binding() + "\n" + String.join("\n", b.output()) + "\n" + String.join("\n", b.journal()))
                .isEqualTo(Status.OK));
        assertThat(report.ok()).as(report.text()).isTrue();
    }

    static Stream<Arguments> own() {
        return Stream.of(
                Arguments.of("basics", BootCheck.Target.SYSTEMD),
                Arguments.of("two-nodes", BootCheck.Target.SYSTEMD),
                Arguments.of("mariadb", BootCheck.Target.SYSTEMD),
                Arguments.of("rabbitmq", BootCheck.Target.SYSTEMD),
                Arguments.of("postfix", BootCheck.Target.SYSTEMD),
                Arguments.of("wrapper-basics", BootCheck.Target.WRAPPER));
    }

    @Test
    void aBrokenProviderIsNamedWithItsJournal() throws Exception {
        var report = check(OWN.resolve("broken-provider"), BootCheck.Target.SYSTEMD);
        assertThat(report.ok()).isFalse();
        var failed = report.bindings().stream()
                .filter(b -> b.status() == Status.FAIL)
                .toList();
        assertThat(failed).singleElement().satisfies(b -> {
            assertThat(b.binding()).isEqualTo("n1/client.web -> n1/flaky.main (http.backend)");
            assertThat(String.join("\n", b.journal()))
                    .contains("journal of modsvc-flaky.service on n1:")
                    .contains("flaky: cannot read /etc/flaky.conf");
        });
        assertThat(report.text()).contains("FAIL n1/client.web -> n1/flaky.main (http.backend)");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("samples")
    void samples(String sample, BootCheck.Target target) throws Exception {
        var report = check(ROOT.resolve("samples").resolve(sample), target);
        String key = sample + "/" + target.name().toLowerCase(java.util.Locale.ROOT);
        String expected = EXPECTED_TO_FAIL.get(key);
        if (expected != null) {
            System.out.println(
                    report.ok()
                            ? "NOTE " + key + " passes now: remove it from BootCheckTest.EXPECTED_TO_FAIL"
                            : "EXPECTED FAILURE " + key + " (until contract fulfilment lands): " + expected);
            return;
        }
        assertThat(report.ok()).as(report.text()).isTrue();
    }

    /**
     * three-nodes with every cross-node secret delivered the way a deployment would: the same random
     * file under the same path on the provider's and the consumer's node ({@code --node-files}).
     * The remote PostgreSQL and Redis bindings then pass over the bridge.
     */
    @Test
    void crossNodeBindingsPassWithDeliveredSecrets(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        requireTools();
        Path setup = ROOT.resolve("samples/three-nodes");
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(setup, setup.toString());
        Plan plan = plan(setup);
        var random = new java.security.SecureRandom();
        int delivered = 0;
        var values = new java.util.HashMap<String, String>();
        for (var b : plan.bindings()) {
            String consumerNode = b.consumer().split("/")[0];
            String providerNode = b.provider().split("/")[0];
            if (consumerNode.equals(providerNode)) continue;
            var contract = loaded.setup().contracts().get(b.contract());
            for (var f : contract.result().values()) {
                if (!f.secret()) continue;
                String path = b.result().get(f.name());
                // One value per provider file: two consumers of one role share its password.
                String text = values.computeIfAbsent(providerNode + path, k -> {
                    byte[] secret = new byte[18];
                    random.nextBytes(secret);
                    return java.util.Base64.getEncoder().encodeToString(secret) + "\n";
                });
                for (String node : new String[] {consumerNode, providerNode}) {
                    Path file = tmp.resolve(node + path);
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, text);
                    Files.setPosixFilePermissions(
                            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
                delivered++;
            }
        }
        assertThat(delivered).as("secrets to deliver").isGreaterThan(0);
        var report = new BootCheck(
                        plan,
                        loaded.setup().contracts(),
                        BootCheck.Target.SYSTEMD,
                        RootFs.standard(System.getenv()),
                        line -> System.err.println("boot check: " + line))
                .withNodeFiles(tmp)
                .run();
        System.out.println("== three-nodes with delivered secrets\n" + report.text());
        assertThat(report.bindings())
                .filteredOn(b -> !b.consumer().split("/")[0].equals(b.provider().split("/")[0]))
                .hasSize(4)
                .allSatisfy(b -> assertThat(b.status())
                        .as(b.binding() + "\n" + String.join("\n", b.output()) + "\n" + String.join("\n", b.journal()))
                        .isEqualTo(Status.OK));
        // The delivered passwords are secret: the report (text, probe output, journals, from
        // which --format json is made too) never holds one.
        for (String v : values.values()) {
            String secret = v.strip();
            assertThat(report.text()).as("boot check report").doesNotContain(secret);
            for (var b : report.bindings()) {
                assertThat(String.join("\n", b.output()))
                        .as(b.binding() + " output")
                        .doesNotContain(secret);
                assertThat(String.join("\n", b.journal()))
                        .as(b.binding() + " journal")
                        .doesNotContain(secret);
            }
        }
    }

    /**
     * Every sample, found in {@code samples/} so that a new one cannot be left out: each under the
     * systemd target, but devbox, whose node is a wrapper machine; and each under its wrapper
     * launcher, run unprivileged (three-nodes gets its cross-node passwords inside each relocated
     * tree, owned by the launcher's user). {@code broken/} holds setups that must not resolve.
     */
    static Stream<Arguments> samples() throws java.io.IOException {
        List<String> all;
        try (var dirs = Files.list(ROOT.resolve("samples"))) {
            all = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("broken"))
                    .sorted()
                    .toList();
        }
        var out = Stream.<Arguments>builder();
        for (String s : all) {
            if (!s.equals("devbox")) out.add(Arguments.of(s, BootCheck.Target.SYSTEMD));
        }
        for (String s : all) out.add(Arguments.of(s, BootCheck.Target.WRAPPER));
        return out.build();
    }
}
