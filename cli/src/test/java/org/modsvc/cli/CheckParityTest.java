package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One check path: for every diagnostic code an emitter can raise (found by reading the emitters'
 * sources), a setup that makes it, and proof that {@code validate} reports it at the same
 * {@code file:line:col} as {@code emit}, and that {@code emit} reports nothing {@code validate}
 * did not.
 */
class CheckParityTest {
    @TempDir
    Path tmp;

    /**
     * A setup of one module {@code app} on one node of {@code target}, and where the finding must
     * be ({@code app.yaml:L:C}).
     *
     * @param run the module the node runs, when not {@code app} (its file is {@code run.yaml})
     */
    record Case(String name, String code, String target, String module, String at, String run) {
        Case(String name, String code, String target, String module, String at) {
            this(name, code, target, module, at, "app");
        }

        @Override
        public String toString() {
            return code + " " + name;
        }
    }

    /** Under Linux's limit for one argument; ten of them make a line over systemd's limit. */
    private static final String LONG = "x".repeat(110_000);

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "NUL in an argv word",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app, \"a\\0b\"]\n",
                        "app.yaml:3:24"),
                new Case(
                        "unpaired surrogate in an argv word",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app, \"a\\ud800b\"]\n",
                        "app.yaml:3:24"),
                new Case(
                        "NUL in an environment value",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\n  environment:\n    FOO: \"x\\0y\"\n",
                        "app.yaml:5:10"),
                new Case(
                        "relative executable",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [\"/usr/bin/a'pp\", x]\n",
                        "app.yaml:3:10"),
                new Case(
                        "NUL in a reload command",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadCommand: [/usr/bin/kill, \"\\0\"]\n",
                        "app.yaml:4:34"),
                new Case(
                        "NUL in lifecycle.init",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nlifecycle:\n  init: [/usr/bin/init, \"\\0\"]\n",
                        "app.yaml:5:25"),
                new Case(
                        "line break in a passthrough value",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  Service:\n"
                                + "    LimitNOFILE: \"1\\n2\"\n",
                        "app.yaml:6:18"),
                new Case(
                        "an exec line over systemd's line limit",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app" + (", " + LONG).repeat(10) + "]\n",
                        "app.yaml:3:10"),
                new Case(
                        "an argument over Linux's argument limit",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app, " + "y".repeat(200_000) + "]\n",
                        "app.yaml:3:24"),
                new Case(
                        "unknown passthrough key",
                        "E062",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  Service:\n    LimtNOFILE: \"1024\"\n",
                        "app.yaml:6:5"),
                new Case(
                        "unknown key of a socket unit",
                        "E062",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  sockets:\n    http:\n"
                                + "      Socket:\n        ListenStreem: \"8080\"\n",
                        "app.yaml:8:9"),
                new Case(
                        "line break in a socket unit value",
                        "E061",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  sockets:\n    http:\n"
                                + "      Socket:\n        ListenStream: [\"8080\", \"1\\n2\"]\n",
                        "app.yaml:8:32"),
                new Case(
                        "unknown key of an extra service unit",
                        "E062",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  services:\n    rotate:\n"
                                + "      Service:\n        ExecStrat: /usr/bin/rotate\n",
                        "app.yaml:8:9"),
                new Case(
                        "a socket unit on a wrapper node",
                        "W060",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  sockets:\n    http:\n"
                                + "      Socket:\n        ListenStream: \"8080\"\n",
                        "app.yaml:8:9"),
                new Case(
                        "a passthrough key of systemd 253",
                        "W062",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nsystemd:\n  Service:\n    ReloadSignal: SIGUSR1\n",
                        "app.yaml:6:5"),
                new Case(
                        "s6 readiness on systemd",
                        "W060",
                        "systemd",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nnotificationProtocol: s6\n",
                        "app.yaml:1:1"),
                new Case(
                        "a tool on a systemd node",
                        "N060",
                        "systemd",
                        "name: app\nkind: tool\nprocess:\n  argv: [/usr/bin/app]\n",
                        "app.yaml:1:1"),
                new Case(
                        "a unit name over 255 bytes",
                        "E019",
                        "systemd",
                        "name: " + "a".repeat(60) + "\nprocess: { argv: [/usr/bin/a] }\nservices:\n  " + "b".repeat(60)
                                + ":\n    process: { argv: [/usr/bin/b] }\n    services:\n      " + "c".repeat(60)
                                + ":\n        process: { argv: [/usr/bin/c] }\n        services:\n          "
                                + "d".repeat(60) + ":\n            process: { argv: [/usr/bin/d] }\n",
                        "app.yaml:10:11",
                        "a".repeat(60)),
                new Case(
                        "NUL in an argv word, wrapper",
                        "E061",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app, \"a\\0b\"]\n",
                        "app.yaml:3:24"),
                new Case(
                        "NUL in a wrapper default",
                        "E061",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nwrapper:\n  setDefault:\n    FOO: \"\\0\"\n",
                        "app.yaml:6:10"),
                new Case(
                        "invalid UTF-8 in config data, wrapper",
                        "E061",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nconfigData:\n  c:\n    text: \"\\ud800\"\n",
                        "app.yaml:6:11"),
                new Case(
                        "reload signal on a wrapper node",
                        "W060",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\n  reloadSignal: HUP\n",
                        "app.yaml:4:17"),
                new Case(
                        "passthrough keys on a wrapper node",
                        "W060",
                        "wrapper",
                        "name: app\nprocess:\n  argv: [/usr/bin/app]\nhardening: none\nsystemd:\n  Service:\n"
                                + "    LimitNOFILE: \"1024\"\n",
                        "app.yaml:7:5"));
    }

    private Path setup(Case c) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: cp\nnodes:\n  n1: { address: 10.0.0.1, target: " + c.target() + ", run: [" + c.run() + "] }\n");
        Files.writeString(dir.resolve("services/" + c.run() + ".yaml"), c.module());
        return dir;
    }

    private static final Pattern HEADER =
            Pattern.compile("(?m)^(\\S+:\\d+:\\d+): (error|warning|note)\\[([A-Z]\\d{3})\\]");

    /** Each diagnostic's {@code location severity[code]}. */
    private static TreeSet<String> found(String text) {
        var out = new TreeSet<String>();
        Matcher m = HEADER.matcher(text);
        while (m.find()) out.add(m.group(1) + " " + m.group(2) + "[" + m.group(3) + "]");
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateReportsWhatEmitReportsWhereEmitDoes(Case c) throws IOException {
        setup(c);
        Run validate = Run.in(tmp, "validate", "s");
        Run emit = Run.in(tmp, "emit", "s", "--out", "out");
        var v = found(validate.err());
        var e = found(emit.err());
        String file = "s/services/" + c.run() + ".yaml";
        String at = file + c.at().substring("app.yaml".length());
        assertThat(e)
                .as("emit raises %s at %s:\n%s", c.code(), at, brief(emit.err()))
                .anyMatch(d -> d.startsWith(at + " ") && d.endsWith("[" + c.code() + "]"));
        assertThat(v)
                .as("validate reports all emit does:\n%s", brief(validate.err()))
                .containsAll(e);
        if (c.code().startsWith("E")) {
            assertThat(validate.code()).isEqualTo(ExitCode.INVALID);
            assertThat(emit.code()).isEqualTo(ExitCode.INVALID);
            assertThat(tmp.resolve("out")).doesNotExist();
        }
    }

    /** The diagnostic lines only, each cut short: some cases hold megabytes of one value. */
    private static String brief(String text) {
        var b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (HEADER.matcher(line).find())
                b.append(line, 0, Math.min(line.length(), 240)).append('\n');
        }
        return b.toString();
    }

    /** The codes the emitters' sources name: each must have a case above. */
    @Test
    void everyCodeAnEmitterCanRaiseHasACase() throws IOException {
        var codes = new TreeSet<String>();
        Path emit = Run.ROOT.resolve("resolver/src/main/java/org/modsvc/emit");
        Pattern ref = Pattern.compile("Code\\.([A-Z_]+)");
        try (var files = Files.walk(emit)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = ref.matcher(Files.readString(p));
                while (m.find())
                    codes.add(org.modsvc.diag.Code.valueOf(m.group(1)).id());
            }
        }
        var covered = new TreeSet<>(cases().map(Case::code).toList());
        covered.addAll(DEPLOY_CODES);
        assertThat(covered).containsAll(codes);
    }

    /** Codes only {@code emit --deploy} raises, which {@code validate --deploy} checks too (below). */
    private static final List<String> DEPLOY_CODES = List.of("E070");

    /** The playbook's checks: {@code validate --deploy ansible} reports what {@code emit --deploy ansible} does. */
    @Test
    void validateDeployReportsWhatEmitDeployDoes() throws IOException {
        Path setup = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(
                setup.resolve("setup.yaml"),
                "name: fleet\nnodes:\n  a: { target: systemd, run: [redis] }\n"
                        + "  b: { address: \"10.0.0.2:22\", run: [redis] }\n"
                        + "  c: { address: 10.0.0.3, target: wrapper, run: [redis] }\n");
        Run emit = Run.in(tmp, "emit", "d", "--out", "out", "--deploy", "ansible");
        Run validate = Run.in(tmp, "validate", "d", "--deploy", "ansible");
        var e = found(emit.err());
        assertThat(e.stream().filter(d -> d.endsWith("[E070]"))).hasSize(3);
        assertThat(found(validate.err())).containsAll(e);
        assertThat(validate.code()).isEqualTo(ExitCode.INVALID);
        assertThat(Run.in(tmp, "validate", "d").code())
                .as("without --deploy, no playbook is asked for")
                .isZero();
    }

    /** A setup whose check finds nothing: validate and emit agree that all is well. */
    @Test
    void aCleanSetupStaysClean() throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put("setup.yaml", "name: ok\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app] }\n");
        files.put("services/app.yaml", "name: app\nprocess:\n  argv: [/usr/bin/app]\n");
        for (var f : files.entrySet()) {
            Path p = tmp.resolve("ok").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        assertThat(Run.in(tmp, "validate", "ok").code()).isZero();
        assertThat(Run.in(tmp, "emit", "ok", "--out", "o").code()).isZero();
    }
}
