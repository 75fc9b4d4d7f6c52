package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.Emission;
import org.modsvc.emit.TreeWriter;
import org.modsvc.emit.wrapper.WrapperEmitter;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;
import org.modsvc.testing.Tools;

/**
 * Values built to break out of a unit file or a wrapper, written in a YAML setup and taken through
 * the whole pipeline (load, resolve, emit): each reaches the program exactly (argv, environment,
 * config data) or is a located error. In a unit no value adds a line, a key or a section: the
 * emitted units have exactly the keys of the same setup with harmless values, and ExecStart= and
 * Environment= parse back, through the model of systemd's parser, to the values written. The
 * wrappers are run under dash, bash and busybox sh with printf and env as the program.
 */
class HostileValuesTest {
    /** Each value as the program must receive it. */
    static final List<String> VALUES = List.of(
            "\n[Service]\nExecStartPre=/bin/sh -c evil",
            "x\n[Install]\nWantedBy=evil.target\n",
            "'; rm -rf /; '",
            "\"; rm -rf /; \"",
            "$(touch /tmp/modsvc-pwned)",
            "`touch /tmp/modsvc-pwned`",
            "%n %i %% % %",
            "..",
            "../../etc/passwd",
            "a\rb",
            "\r\nExecStartPre=/bin/evil",
            "trailing backslash\\",
            "\\",
            "\\\n[Service]",
            "$HOME $MAINPID",
            "${HOME}", // written $${HOME} in the setup: a literal, not a reference
            ";",
            "&& evil",
            "|",
            "#comment",
            " leading and trailing ",
            "",
            "\t",
            "-",
            "--",
            "é ☃ \uD83D\uDE00",
            "a\u0085b\u2028c");

    @TempDir
    Path tmp;

    /** A YAML double-quoted scalar that loads as {@code s}; "${" is escaped as modsvc's "$${". */
    static String yaml(String s) {
        var b = new StringBuilder("\"");
        s.replace("${", "$${").codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028)
                b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }

    /** Writes the setup: module "args" prints its argv, "envs" its environment, both carry config data. */
    private Path setup(String name, List<String> values, String target) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: hostile\nnodes: { n1: { address: 10.0.0.1, target: " + target + ", run: [args, envs] } }\n");
        var args = new StringBuilder("name: args\nprocess:\n  argv:\n    - /usr/bin/printf\n    - \"%s\\\\0\"\n");
        var env = new StringBuilder("name: envs\nprocess:\n  argv: [/usr/bin/env, \"-0\"]\n  environment:\n");
        var config = new StringBuilder("configData:\n");
        for (int i = 0; i < values.size(); i++) {
            args.append("    - ").append(yaml(values.get(i))).append('\n');
            env.append("    V")
                    .append(i)
                    .append(": ")
                    .append(yaml(values.get(i)))
                    .append('\n');
            config.append("  c")
                    .append(i)
                    .append(": { text: ")
                    .append(yaml(values.get(i)))
                    .append(" }\n");
        }
        Files.writeString(dir.resolve("services/args.yaml"), args.toString() + config);
        Files.writeString(dir.resolve("services/envs.yaml"), env.toString());
        return dir;
    }

    private static Plan plan(Path dir) throws IOException {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, dir.toString());
        assertThat(loaded.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        return plan;
    }

    /** (section, key) of every assignment, as systemd's unit-file reader sees the lines. */
    static List<String> keys(String unit) {
        var out = new ArrayList<String>();
        String section = null;
        boolean continued = false;
        for (String line : unit.split("\n", -1)) {
            if (continued) {
                continued = line.endsWith("\\");
                continue;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
            if (t.startsWith("[")) {
                section = t;
                out.add(section);
                continue;
            }
            int eq = t.indexOf('=');
            out.add(section + " "
                    + (eq < 0 ? "(no key) " + t : t.substring(0, eq).strip()));
            continued = line.endsWith("\\");
        }
        return out;
    }

    private static List<String> values(String unit, String key) {
        var out = new ArrayList<String>();
        for (String line : unit.split("\n", -1))
            if (line.startsWith(key + "=")) out.add(line.substring(key.length() + 1));
        return out;
    }

    @Test
    void unitsHaveExactlyTheKeysOfHarmlessValuesAndCarryTheValuesExactly() throws IOException {
        var harmless = new ArrayList<String>();
        for (int i = 0; i < VALUES.size(); i++) harmless.add("v" + i);
        Emission plain = new SystemdEmitter().emit(plan(setup("plain", harmless, "systemd")), "n1");
        Emission hostile = new SystemdEmitter().emit(plan(setup("hostile", VALUES, "systemd")), "n1");
        assertThat(hostile.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(hostile.files().keySet()).isEqualTo(plain.files().keySet());
        for (String unit : List.of("modsvc-args.service", "modsvc-envs.service", "modsvc-hostile.target")) {
            String path = "n1/etc/systemd/system/" + unit;
            String text = new String(hostile.files().get(path).content(), StandardCharsets.UTF_8);
            String harmlessText = new String(plain.files().get(path).content(), StandardCharsets.UTF_8);
            assertThat(keys(text)).as(text).isEqualTo(keys(harmlessText));
        }
        var specifiers = Map.of('n', "modsvc-args.service", 'i', "", 'd', "/run/credentials/modsvc-args.service");
        String args = new String(
                hostile.files().get("n1/etc/systemd/system/modsvc-args.service").content(), StandardCharsets.UTF_8);
        var exec = SystemdParser.parseExec(values(args, "ExecStart").get(0), specifiers);
        assertThat(exec.error()).isFalse();
        assertThat(exec.warnings()).isEmpty();
        assertThat(exec.commands()).hasSize(1);
        var argv =
                SystemdParser.expandArgv(exec.commands().get(0).argv(), Map.of("HOME", "/root", "MAINPID", "1"))
                        .stream()
                        .map(SystemdParser::string)
                        .toList();
        var expected = new ArrayList<String>(List.of("/usr/bin/printf", "%s\\0"));
        expected.addAll(VALUES);
        assertThat(argv).isEqualTo(expected);
        String envs = new String(
                hostile.files().get("n1/etc/systemd/system/modsvc-envs.service").content(), StandardCharsets.UTF_8);
        var env = new LinkedHashMap<String, String>();
        for (String line : values(envs, "Environment"))
            for (byte[] a : SystemdParser.parseEnvironment(line, specifiers)) {
                String s = SystemdParser.string(a);
                env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            }
        for (int i = 0; i < VALUES.size(); i++) assertThat(env).containsEntry("V" + i, VALUES.get(i));
        assertThat(env).hasSize(VALUES.size());
        for (int i = 0; i < VALUES.size(); i++) {
            assertThat(hostile.files().get("n1/etc/system-services/args/c" + i).content())
                    .isEqualTo(VALUES.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void wrappersPassTheValuesExactlyUnderEveryShell() throws Exception {
        Path printf = Tools.require("printf");
        Tools.require("env");
        assertThat(printf.toString()).isEqualTo("/usr/bin/printf");
        Emission e = new WrapperEmitter().emit(plan(setup("wrapped", VALUES, "wrapper")), "n1");
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Path tree = tmp.resolve("tree");
        new TreeWriter().write(tree, e.files(), false);
        for (int i = 0; i < VALUES.size(); i++) {
            assertThat(Files.readAllBytes(tree.resolve("n1/etc/system-services/args/c" + i)))
                    .isEqualTo(VALUES.get(i).getBytes(StandardCharsets.UTF_8));
        }
        for (List<String> shell :
                List.of(List.of("dash"), List.of("bash"), List.of("bash", "--posix"), List.of("busybox", "sh"))) {
            var cmd = new ArrayList<String>();
            cmd.add(Tools.require(shell.get(0)).toString());
            cmd.addAll(shell.subList(1, shell.size()));
            var argsCmd = new ArrayList<>(cmd);
            argsCmd.add(tree.resolve("n1/bin/args").toString());
            var expected = new ArrayList<String>(VALUES);
            assertThat(run(argsCmd, tmp)).as(String.join(" ", shell)).isEqualTo(expected);
            var envCmd = new ArrayList<>(cmd);
            envCmd.add(tree.resolve("n1/bin/envs").toString());
            var env = new LinkedHashMap<String, String>();
            for (String a : run(envCmd, tmp)) {
                int eq = a.indexOf('=');
                if (a.startsWith("V")) env.put(a.substring(0, eq), a.substring(eq + 1));
            }
            for (int i = 0; i < VALUES.size(); i++)
                assertThat(env).as(String.join(" ", shell)).containsEntry("V" + i, VALUES.get(i));
        }
        assertThat(Path.of("/tmp/modsvc-pwned")).doesNotExist();
    }

    /** The NUL-separated words a program printed. */
    private static List<String> run(List<String> cmd, Path dir) throws Exception {
        var pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        var words = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                words.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return words;
    }

    @Test
    void aNulInAValueIsALocatedErrorAndNothingIsEmitted() throws IOException {
        for (String target : List.of("systemd", "wrapper")) {
            Path dir = setup("nul-" + target, List.of("a\u0000b"), target);
            LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, dir.toString());
            var problems = new ArrayList<>(loaded.diagnostics());
            if (!loaded.hasErrors()) {
                Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
                problems.addAll(plan.diagnostics());
                if (!plan.hasErrors()) {
                    Emission e = target.equals("systemd")
                            ? new SystemdEmitter().emit(plan, "n1")
                            : new WrapperEmitter().emit(plan, "n1");
                    problems.addAll(e.diagnostics());
                    if (e.diagnostics().stream().anyMatch(Diagnostic::isError))
                        assertThat(e.files()).as("nothing is emitted").isEmpty();
                }
            }
            assertThat(problems)
                    .as(target)
                    .filteredOn(Diagnostic::isError)
                    .isNotEmpty()
                    .allSatisfy(
                            d -> assertThat(d.span().isNone()).as(d.toString()).isFalse());
        }
    }
}
