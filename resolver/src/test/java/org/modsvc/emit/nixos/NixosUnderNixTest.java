package org.modsvc.emit.nixos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.PlanNode;
import org.modsvc.plan.Reload;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.UnitNames;
import org.modsvc.plan.Value;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import org.modsvc.testing.SeedReporter;

/**
 * The NixOS modules of every sample, and of plans full of hostile values, parse under real Nix and
 * evaluate to the plan's argv, environment and config data text, byte for byte. Replay a random
 * case with {@code -Dmodsvc.seed=N}.
 */
@ExtendWith(SeedReporter.class)
class NixosUnderNixTest {
    private static final Path SAMPLES = Path.of("../samples");
    private static final int CASES = 12;

    static List<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("setup.yaml")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static Stream<Long> seeds() {
        String replay = System.getProperty("modsvc.seed");
        if (replay != null && !replay.isBlank()) return Stream.of(Long.parseLong(replay.trim()));
        return Stream.of(20261203L, new Random().nextLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleModuleParsesAndEvaluatesToThePlan(String sample, @TempDir Path tmp) throws Exception {
        var nix = NixEval.require(tmp.resolve("nix"));
        Path dir = SAMPLES.resolve(sample);
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, dir.toString());
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        judge(plan, nix, tmp.resolve("out"), sample);
    }

    /** Setups of the resolver's fixtures that exercise the nixos target beyond the samples. */
    static List<String> fixtures() {
        return List.of(
                "compact-run-instances", "process-flags", "socket-units", "nixpkgs-ghostunnel", "nixpkgs-easytier");
    }

    /** Two instances of one module from compact run: entries: system.services.modsvc-api-eu and -us. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureModulesEvaluateToThePlan(String fixture, @TempDir Path tmp) throws Exception {
        var nix = NixEval.require(tmp.resolve("nix"));
        Path dir = Path.of("src/test/resources/resolve").resolve(fixture);
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, dir.toString());
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        judge(plan, nix, tmp.resolve("out"), fixture);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hostileValuesReachTheModuleByteForByte(long seed, @TempDir Path tmp) throws Exception {
        var nix = NixEval.require(tmp.resolve("nix"));
        var gen = new HostileValues(new Random(seed));
        var setup = TestPlans.setup("hostile").node("n1", "10.0.0.1", Target.SYSTEMD);
        for (int c = 0; c < CASES; c++) {
            // A '$' in the executable is one of the argv nixpkgs' own escaping gets wrong.
            var b = TestPlans.instance("n1", "svc" + c).argv(c % 4 == 3 ? "/opt/a$b/printf" : "/usr/bin/printf");
            int n = 1 + gen.random().nextInt(6);
            for (int k = 0; k < n; k++) b.argvValue(Value.of(gen.value()));
            if (gen.random().nextInt(4) == 0) {
                b.argvValue(new Value(List.of(
                        new Part.Literal(gen.value()), new Part.SecretFile("s-file", "/var/lib/secrets/s" + c))));
            }
            for (int k = 0; k < 3; k++) b.env("V" + k, gen.value());
            b.config("c" + c, gen.value() + "\n" + gen.value());
            switch (gen.random().nextInt(3)) {
                case 0 -> b.reload(new Reload.Signal("HUP"));
                case 1 -> b.reload(new Reload.Command(List.of(Value.of("/usr/bin/kill"), Value.of(gen.nonEmpty()))));
                // nixpkgs' form: systemd syntax, $MAINPID for systemd to expand.
                default ->
                    b.reload(new Reload.Line(Value.of("/bin/kill -HUP $MAINPID " + oneLine(gen.value()) + " end")));
            }
            if (gen.random().nextBoolean()) b.notify(NotificationProtocol.SYSTEMD);
            setup.instance(b.build());
        }
        // A sub-service with its own hostile argv, nested under its owner in the module.
        setup.instance(TestPlans.instance("n1", "svc0-child")
                .owner("n1/svc0")
                .argv("/usr/bin/printf", gen.value(), gen.value())
                .build());
        judge(setup.build(), nix, tmp.resolve("out"), "seed " + seed);
    }

    /** A value without line breaks, as a systemd command line must be. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\n\\r\\u0085\\u2028\\u2029]", " ");
    }

    private static void judge(Plan plan, NixEval nix, Path out, String what) throws Exception {
        Emission emission = new NixosEmitter().emit(plan, null);
        assertThat(emission.diagnostics())
                .as(what)
                .filteredOn(Diagnostic::isError)
                .isEmpty();
        new TreeWriter().write(out, emission.files(), false);
        for (PlanNode node : plan.nodes()) {
            Path module = out.resolve(node.name()).resolve("modsvc.nix");
            assertThat(nix.parse(module))
                    .as("%s: nix-instantiate --parse %s", what, module)
                    .isEqualTo("exit 0");
            JsonNode value = nix.eval(module);
            var services = NixEval.services(value);
            var expected = new ArrayList<String>();
            for (Instance i : plan.index().onNode(node.name())) {
                if (i.kind() == ModuleKind.TOOL) continue;
                String stem = UnitNames.PREFIX + i.name();
                expected.add(stem);
                assertThat(services.get(stem)).as("%s: %s", what, i.id()).isEqualTo(NixEval.expected(i));
                if (i.owner() == null) {
                    // nixpkgs' own ExecStart= doubles a '$' of the executable: modsvc's line replaces it.
                    JsonNode start = value.path("system")
                            .path("services")
                            .path(stem)
                            .path("systemd")
                            .path("service")
                            .path("serviceConfig")
                            .path("ExecStart");
                    boolean dollar = i.argv().get(0).plain().contains("$");
                    assertThat(start.isMissingNode())
                            .as("%s: %s has no ExecStart override", what, i.id())
                            .isEqualTo(!dollar);
                    if (dollar)
                        assertThat(start.get(0).asText())
                                .as("%s: %s", what, i.id())
                                .startsWith("@");
                }
            }
            for (Instance i : plan.index().onNode(node.name())) sockets(value, i, what);
            assertThat(services.keySet())
                    .as("%s: the services of %s", what, node.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * Each key of {@code i}'s extra units reaches systemd.sockets / systemd.services
     * ."modsvc-<instance>-<x>" as the plan has it, tied to the instance's unit.
     */
    private static void sockets(JsonNode value, Instance i, String what) {
        for (var sec : i.systemd().entrySet()) {
            String[] p = sec.getKey().split("\\.");
            if (p.length != 3) continue;
            boolean socket = p[0].equals("sockets");
            String option =
                    switch (p[2]) {
                        case "Socket" -> "socketConfig";
                        case "Service" -> "serviceConfig";
                        default -> "unitConfig";
                    };
            String stem = UnitNames.PREFIX + i.name() + "-" + p[1];
            JsonNode unit = value.path("systemd").path(p[0]).path(stem);
            if (socket)
                assertThat(unit.path("socketConfig").path("Service").asText())
                        .as("%s: %s", what, stem)
                        .isEqualTo(UnitNames.service(i));
            else
                assertThat(unit.path("partOf").get(0).asText())
                        .as("%s: %s", what, stem)
                        .isEqualTo(UnitNames.service(i));
            for (var kv : sec.getValue().entrySet()) {
                var got = new ArrayList<String>();
                unit.path(option).path(kv.getKey()).forEach(n -> got.add(n.asText()));
                assertThat(got).as("%s: %s %s", what, stem, kv.getKey()).isEqualTo(kv.getValue());
            }
        }
    }
}
