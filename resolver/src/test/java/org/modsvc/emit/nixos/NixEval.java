package org.modsvc.emit.nixos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.modsvc.emit.systemd.UnitSyntax;
import org.modsvc.plan.ConfigFile;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Reload;
import org.modsvc.plan.UnitNames;
import org.modsvc.plan.Value;
import org.modsvc.testing.Tools;

/**
 * Real Nix as the judge of the NixOS target: {@code nix-instantiate --parse} of an emitted module,
 * and its evaluation with {@code --eval --strict --json} against a stub {@code lib} whose {@code
 * mkDefault}, {@code mkForce}, {@code mkOverride}, {@code mkIf}, {@code mkMerge} return their value
 * (the module's values, not the NixOS module system, are under test). It runs offline with
 * {@code --store dummy://} (no store is read or written) and with {@code NIX_STATE_DIR},
 * {@code NIX_CONF_DIR} and {@code HOME} in a scratch directory.
 */
final class NixEval {
    /** What a stub {@code pkgs.bash} evaluates to. */
    static final String BASH = "/nix/store/00000000000000000000000000000000-bash-stub";

    private final Path nix;
    private final Path scratch;

    private NixEval(Path nix, Path scratch) {
        this.nix = nix;
        this.scratch = scratch;
    }

    /** Skips (or, under modsvc.requireTools, fails) the test when nix-instantiate is missing. */
    static NixEval require(Path scratch) throws IOException {
        Path nix = Tools.require("nix-instantiate");
        Files.createDirectories(scratch.resolve("state"));
        return new NixEval(nix, scratch);
    }

    /** {@code nix-instantiate --parse FILE}: the exit code and what it said, "exit 0" alone when fine. */
    String parse(Path module) throws Exception {
        var r = run(List.of("--parse", module.toString()));
        return r.code == 0 ? "exit 0" : "exit " + r.code + "\n" + r.err;
    }

    /** The module applied to {@code { config = { }; lib = stub; pkgs = stub; }}, as JSON. */
    JsonNode eval(Path module) throws Exception {
        Path expr = scratch.resolve("eval-" + Math.abs(module.toString().hashCode()) + ".nix");
        Files.writeString(
                expr,
                "let\n"
                        + "  id = x: x;\n"
                        + "  lib = { mkDefault = id; mkForce = id; mkOverride = p: id; mkIf = c: id;"
                        + " mkMerge = id; mkBefore = id; mkAfter = id; mkOptionDefault = id; };\n"
                        + "  pkgs = { bash = \"" + BASH + "\"; };\n"
                        + "in import " + module.toAbsolutePath() + " { config = { }; inherit lib pkgs; }\n",
                StandardCharsets.UTF_8);
        var r = run(List.of("--eval", "--strict", "--json", expr.toString()));
        assertThat(r.code)
                .as("nix-instantiate --eval of %s:%n%s", module, r.err)
                .isZero();
        return new ObjectMapper().readTree(r.out);
    }

    private record Result(int code, String out, String err) {}

    private Result run(List<String> args) throws Exception {
        var cmd = new ArrayList<String>(List.of(nix.toString(), "--store", "dummy://"));
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("NIX_STATE_DIR", scratch.resolve("state").toString());
        pb.environment().put("NIX_CONF_DIR", scratch.toString());
        pb.environment().put("HOME", scratch.toString());
        Path out = Files.createTempFile(scratch, "out", ".json");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nix-instantiate did not finish in 120 s: " + cmd);
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** One evaluated service: its unit stem and the values compared with the plan. */
    record Service(List<String> argv, Map<String, String> environment, Map<String, String> config, String reload) {}

    /**
     * Every service of an evaluated module by unit stem, sub-services included (a child's stem is
     * its owner's, a dash and its own name, as nixpkgs names the unit).
     */
    static Map<String, Service> services(JsonNode module) {
        var out = new TreeMap<String, Service>();
        JsonNode top = module.path("system").path("services");
        top.fields().forEachRemaining(e -> collect(e.getKey(), e.getValue(), out));
        return out;
    }

    private static void collect(String stem, JsonNode s, Map<String, Service> out) {
        var argv = new ArrayList<String>();
        s.path("process").path("argv").forEach(a -> argv.add(a.asText()));
        var env = new TreeMap<String, String>();
        s.path("systemd")
                .path("service")
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        var config = new TreeMap<String, String>();
        s.path("configData")
                .fields()
                .forEachRemaining(
                        e -> config.put(e.getKey(), e.getValue().path("text").asText()));
        JsonNode p = s.path("process");
        String reload = p.has("reloadSignal")
                ? "signal " + p.path("reloadSignal").asText()
                : p.has("reloadCommand") ? "line " + p.path("reloadCommand").asText() : null;
        out.put(stem, new Service(argv, env, config, reload));
        s.path("services").fields().forEachRemaining(e -> collect(stem + "-" + e.getKey(), e.getValue(), out));
    }

    /** What the module must hold for {@code i}, derived from the plan as docs/nixos-target.md says. */
    static Service expected(Instance i) {
        String unit = UnitNames.service(i);
        var argv = new ArrayList<String>();
        for (Value v : i.argv()) argv.add(text(v, "/run/credentials/" + unit + "/", false));
        var env = new LinkedHashMap<String, String>();
        for (var e : i.environment().entrySet()) env.put(e.getKey(), text(e.getValue(), "%d/", true));
        var config = new TreeMap<String, String>();
        for (ConfigFile c : i.configData())
            config.put(c.name(), text(c.text(), "/run/credentials/" + unit + "/", false));
        String reload = null;
        if (i.reload() instanceof Reload.Signal sig) reload = "signal " + sig.name();
        else if (i.reload() instanceof Reload.Line l) reload = "line " + text(l.line(), "%d/", false);
        else if (i.reload() instanceof Reload.Command c) {
            var words = new ArrayList<String>();
            for (Value v : c.argv()) words.add(v.plain());
            try {
                reload = "line " + UnitSyntax.execLine(words);
            } catch (UnitSyntax.Unrepresentable e) {
                throw new AssertionError(e);
            }
        }
        return new Service(argv, new TreeMap<>(env), config, reload);
    }

    private static String text(Value v, String secretDir, boolean specifiers) {
        var b = new StringBuilder();
        for (Part p : v.parts()) {
            if (p instanceof Part.Literal l) b.append(specifiers ? l.text().replace("%", "%%") : l.text());
            else if (p instanceof Part.SecretFile s) b.append(secretDir).append(s.credential());
        }
        return b.toString();
    }
}
