package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.model.Hardening;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.TestPlans;
import org.modsvc.testing.Tools;

/**
 * Real systemd as the judge: {@code systemd-analyze verify} must print nothing at all for emitted
 * trees (unknown keys only warn, with exit 0), and {@code systemd-analyze security --offline} must
 * rate every unit of the default profile at most 2.0.
 */
class SystemdAnalyzeTest {
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for (\\S+): ([0-9.]+)");
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    Path tmp;

    private static Path analyze() {
        return Tools.require("systemd-analyze");
    }

    private void verifyClean(Plan plan) throws Exception {
        Path analyze = analyze();
        Path out = tmp.resolve("out");
        EmittedTree.write(plan, out);
        for (PlanNode n : plan.nodes()) {
            Path root = out.resolve(n.name());
            EmittedTree.prepareForAnalyze(plan, root, n.name());
            var cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--root=" + root));
            cmd.addAll(EmittedTree.units(root));
            var r = Processes.run(cmd, Map.of("SYSTEMD_LOG_COLOR", "0"), 60);
            assertThat(r.all())
                    .as("systemd-analyze verify output for node %s", n.name())
                    .isEmpty();
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void verifyPrintsNothingForTheSampleSetup() throws Exception {
        verifyClean(SamplePlans.shop());
    }

    @Test
    void verifyPrintsNothingForRandomArgvAndEnvironment() throws Exception {
        var r = new RandomStrings(42);
        var plan = TestPlans.setup("random").node("n1", "10.0.0.1", Target.SYSTEMD);
        for (int u = 0; u < 4; u++) {
            var b = TestPlans.instance("n1", "r" + u).argv(r.executable());
            for (int i = 0; i < 50; i++) b.argv(r.next());
            for (int i = 0; i < 30; i++) b.env("V_" + i, r.next());
            b.hardening(Hardening.values()[u % 3]);
            plan.instance(b.build());
        }
        verifyClean(plan.build());
    }

    /**
     * Keys of a newer systemd (W062) are written as given; systemd 252 must say of them exactly that
     * it ignores them, one line each, and nothing else: verify is not skipped for them, its output
     * is what is checked.
     */
    @Test
    void verifyIgnoresExactlyTheKeysOfNewerSystemd() throws Exception {
        Path analyze = analyze();
        var plan = SamplePlans.single(SamplePlans.daemon("newer")
                .systemd("Service", "ReloadSignal", "SIGUSR1")
                .systemd("Service", "PrivatePIDs", "yes")
                .systemd("Service", "Type", "notify-reload"));
        Path out = tmp.resolve("out");
        EmittedTree.write(plan, out);
        Path root = out.resolve("n1");
        EmittedTree.prepareForAnalyze(plan, root, "n1");
        var cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--root=" + root));
        cmd.addAll(EmittedTree.units(root));
        var r = Processes.run(cmd, Map.of("SYSTEMD_LOG_COLOR", "0"), 60);
        assertThat(r.exit()).isZero();
        var said = r.all().lines().filter(l -> !l.isBlank()).toList();
        assertThat(said).hasSize(3);
        assertThat(said).anyMatch(l -> l.endsWith("Unknown key 'ReloadSignal' in section [Service], ignoring."));
        assertThat(said).anyMatch(l -> l.endsWith("Unknown key 'PrivatePIDs' in section [Service], ignoring."));
        assertThat(said).anyMatch(l -> l.endsWith("Failed to parse service type, ignoring: notify-reload"));
    }

    @Test
    void verifyIsAStrictJudge() throws Exception {
        // Control: without the stub executables verify must complain, or the tests above prove nothing.
        Path analyze = analyze();
        Path out = tmp.resolve("out");
        EmittedTree.write(SamplePlans.single(SamplePlans.daemon("lonely")), out);
        var r = Processes.run(
                List.of(
                        analyze.toString(),
                        "verify",
                        "--man=no",
                        "--root=" + out.resolve("n1"),
                        "modsvc-lonely.service"),
                Map.of(),
                60);
        assertThat(r.all()).isNotEmpty();
    }

    @Test
    void defaultProfileExposureIsAtMostTwo() throws Exception {
        var scores = exposures(SamplePlans.shop(), tmp.resolve("shop"));
        // A daemon on a privileged port keeps CAP_NET_BIND_SERVICE and loses PrivateUsers=; STRICT adds more.
        var edge = TestPlans.setup("edge")
                .node("n1", "10.0.0.1", Target.SYSTEMD)
                .instance(SamplePlans.daemon("https").port(443).build())
                .instance(
                        SamplePlans.daemon("strict").hardening(Hardening.STRICT).build())
                .build();
        scores.putAll(exposures(edge, tmp.resolve("edge")));
        System.out.println("systemd-analyze security exposure: " + scores);
        assertThat(scores).hasSize(7);
        assertThat(scores.values()).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(MAX_EXPOSURE));
        assertThat(scores.get("n1/modsvc-strict.service")).isLessThanOrEqualTo(scores.get("web1/modsvc-redis.service"));
    }

    private static TreeMap<String, Double> exposures(Plan plan, Path out) throws Exception {
        Path analyze = analyze();
        EmittedTree.write(plan, out);
        var scores = new TreeMap<String, Double>();
        for (PlanNode n : plan.nodes()) {
            Path root = out.resolve(n.name());
            EmittedTree.prepareForAnalyze(plan, root, n.name());
            for (String unit : EmittedTree.units(root)) {
                if (!unit.endsWith(".service")) continue;
                var r = Processes.run(
                        List.of(analyze.toString(), "security", "--offline=true", "--no-pager", "--root=" + root, unit),
                        Map.of("SYSTEMD_COLORS", "0"),
                        60);
                var m = EXPOSURE.matcher(r.all());
                assertThat(m.find())
                        .as("security output for %s: %s", unit, r.all())
                        .isTrue();
                scores.put(n.name() + "/" + unit, Double.parseDouble(m.group(2)));
            }
        }
        return scores;
    }
}
