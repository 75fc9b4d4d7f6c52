package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round trip setup → {@code emit --target nixos} → real Nix → JSON of {@code system.services}
 * → {@code import nix} → plan: every service comes back with the module's argv, environment,
 * config text, reload and readiness protocol (and NixosUnderNixTest shows the module holds the
 * first plan's values). Nix evaluates each module against a stub {@code lib}, offline
 * ({@code --store dummy://}).
 */
class NixImportRoundTripTest {
    @TempDir
    Path tmp;

    static List<String> working() throws java.io.IOException {
        return SamplesTest.working();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void everySampleComesBackThroughNix(String sample) throws Exception {
        Path nix = RequiredTool.require("nix-instantiate");
        Path out = tmp.resolve("nixos");
        var emit = Run.of("emit", "samples/" + sample, "--target", "nixos", "--out", out.toString());
        assertThat(emit.code()).as(emit.err()).isZero();
        try (Stream<Path> nodes = Files.list(out)) {
            for (Path node : nodes.sorted().toList()) {
                JsonNode services = eval(nix, node.resolve("modsvc.nix"));
                Path json = tmp.resolve(node.getFileName() + ".json");
                Files.writeString(json, services.toString(), StandardCharsets.UTF_8);
                Path setup = tmp.resolve("imported-" + node.getFileName());
                var imp = Run.of(
                        "import",
                        "nix",
                        json.toString(),
                        "--out",
                        setup.toString(),
                        "--node",
                        node.getFileName().toString());
                assertThat(imp.code()).as(imp.err()).isZero();
                var plan = Run.of("plan", setup.toString(), "--format", "json");
                assertThat(plan.code()).as(plan.err()).isZero();
                var got = new TreeMap<String, String>();
                for (JsonNode i : new ObjectMapper().readTree(plan.out()).path("instances"))
                    got.put(i.path("name").asText(), summary(i));
                var want = new TreeMap<String, String>();
                services.fields()
                        .forEachRemaining(e -> expect(e.getKey().substring("modsvc-".length()), e.getValue(), want));
                assertThat(got).as("%s, node %s", sample, node.getFileName()).isEqualTo(want);
            }
        }
    }

    @Test
    void importRefusesJsonThatHoldsNoServices() throws Exception {
        Path json = tmp.resolve("x.json");
        Files.writeString(json, "[1, 2]");
        var r = Run.of(
                "import", "nix", json.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("not an object of services");
        Files.writeString(json, "{ \"a\": { \"process\": { } } }");
        var s = Run.of(
                "import", "nix", json.toString(), "--out", tmp.resolve("o").toString());
        assertThat(s.code()).isEqualTo(ExitCode.INVALID);
        assertThat(s.err()).contains("system.services.a.process.argv is missing");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /** An instance of the imported plan, as one comparable string. */
    private static String summary(JsonNode i) {
        var config = new TreeMap<String, String>();
        for (JsonNode c : i.path("configData"))
            config.put(c.path("name").asText(), c.path("text").asText());
        String reload = i.path("reload").isNull()
                ? null
                : i.path("reload").has("signal")
                        ? "signal " + i.path("reload").path("signal").asText()
                        : "line " + i.path("reload").path("commandLine").asText();
        return "argv=" + i.path("argv") + " env=" + new TreeMap<>(Map.copyOf(fields(i.path("environment"))))
                + " config=" + config + " reload=" + reload + " notify="
                + i.path("notify").asText();
    }

    /** What the module says of a service and its sub-services, in the same form. */
    private static void expect(String name, JsonNode s, Map<String, String> out) {
        var env = new TreeMap<String, String>();
        s.path("systemd")
                .path("service")
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText().replace("%%", "%")));
        var config = new TreeMap<String, String>();
        s.path("configData")
                .fields()
                .forEachRemaining(
                        e -> config.put(e.getKey(), e.getValue().path("text").asText()));
        JsonNode p = s.path("process");
        String reload = p.has("reloadSignal")
                ? "signal " + p.path("reloadSignal").asText()
                : p.has("reloadCommand") ? "line " + p.path("reloadCommand").asText() : null;
        JsonNode np = s.path("notificationProtocol");
        String notify =
                np.path("systemd").asBoolean() ? "systemd" : np.path("s6").asBoolean() ? "s6" : "none";
        out.put(
                name,
                "argv=" + p.path("argv") + " env=" + env + " config=" + config + " reload=" + reload + " notify="
                        + notify);
        s.path("services").fields().forEachRemaining(e -> expect(name + "-" + e.getKey(), e.getValue(), out));
    }

    private static Map<String, String> fields(JsonNode o) {
        var m = new TreeMap<String, String>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** {@code (import module { … stubs … }).system.services}, evaluated by Nix, as JSON. */
    private JsonNode eval(Path nix, Path module) throws Exception {
        Path expr = tmp.resolve("eval.nix");
        Files.writeString(
                expr,
                "let id = x: x;\n"
                        + "  lib = { mkDefault = id; mkForce = id; mkOverride = p: id; mkIf = c: id; mkMerge = id; };\n"
                        + "  pkgs = { bash = \"/nix/store/00000000000000000000000000000000-bash-stub\"; };\n"
                        + "in (import " + module.toAbsolutePath()
                        + " { config = { }; inherit lib pkgs; }).system.services\n",
                StandardCharsets.UTF_8);
        Files.createDirectories(tmp.resolve("state"));
        var pb = new ProcessBuilder(
                nix.toString(), "--store", "dummy://", "--eval", "--strict", "--json", expr.toString());
        pb.environment().put("NIX_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("NIX_CONF_DIR", tmp.toString());
        pb.environment().put("HOME", tmp.toString());
        Path o = tmp.resolve("eval.out");
        Path e = tmp.resolve("eval.err");
        Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(e)).isZero();
        return new ObjectMapper().readTree(Files.readString(o, StandardCharsets.UTF_8));
    }
}
