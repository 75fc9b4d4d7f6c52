package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hints that are right: for each code with an actionable hint, a setup that raises it, the hint
 * as printed, and the same setup with the hint applied, which must then be free of the code.
 */
class HintsApplyTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    /**
     * @param files path → text of the broken setup
     * @param hint a part of the printed {@code help:} line that the fix follows
     * @param file the file the fix edits
     * @param from text replaced in it
     * @param to what replaces it: the hint applied
     */
    record Case(String code, Map<String, String> files, String hint, String file, String from, String to) {
        @Override
        public String toString() {
            return code + ": " + hint;
        }
    }

    private static final String X_API = "name: x.api\nreach: local\nshared: true\nresult:\n  port: { type: port }\n";
    private static final String Y_API = X_API.replace("x.api", "y.api");

    static Stream<Case> cases() {
        String node = "nodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [";
        return Stream.of(
                new Case(
                        "E040",
                        Map.of(
                                "setup.yaml", "name: h\npolicy: shared\n" + node + "app] }\n",
                                "services/app.yaml",
                                        "name: app\nprocess: { argv: [/usr/bin/app] }\nrequires:\n"
                                                + "  cache: { contract: kv.redis, version: \">=6\" }\n"),
                        "set policy: sub-service on requirement 'cache' of module 'app'",
                        "services/app.yaml",
                        "version: \">=6\" }",
                        "version: \">=6\", policy: sub-service }"),
                new Case(
                        "E040",
                        Map.of(
                                "setup.yaml", "name: h\npolicy: shared\n" + node + "app] }\n",
                                "services/app.yaml",
                                        "name: app\nprocess: { argv: [/usr/bin/app] }\nrequires:\n"
                                                + "  cache: { contract: kv.redis, version: \">=8\" }\n",
                                "services/kv8.yaml",
                                        "name: kv8\nprocess: { argv: [/usr/bin/kv8] }\nprovides:\n  main:\n"
                                                + "    contract: kv.redis\n    version: \"8.0\"\n"
                                                + "    result: { host: 127.0.0.1, port: 6390, socket: /run/kv8.sock,"
                                                + " user: u, passwordFile: /etc/kv8/pw }\n"),
                        "give requirement 'cache' of module 'app' provider: kv8 and policy: sub-service",
                        "services/app.yaml",
                        "version: \">=8\" }",
                        "version: \">=8\", provider: kv8, policy: sub-service }"),
                new Case(
                        "E046",
                        Map.of(
                                "setup.yaml",
                                        "name: h\npolicy: shared\n" + node + "a, b, c] }\nbind:\n  n1/a.y: n1/b.main\n",
                                "contracts/x.api.yaml", X_API,
                                "contracts/y.api.yaml", Y_API,
                                "services/a.yaml",
                                        "name: a\nprocess: { argv: [/usr/bin/a] }\nprovides:\n"
                                                + "  main: { contract: x.api, result: { port: 1001 } }\n"
                                                + "requires:\n  y: { contract: y.api }\n",
                                "services/b.yaml",
                                        "name: b\nprocess: { argv: [/usr/bin/b] }\nprovides:\n"
                                                + "  main: { contract: y.api, result: { port: 1002 } }\n"
                                                + "requires:\n  x: { contract: x.api }\n",
                                "services/c.yaml",
                                        "name: c\nprocess: { argv: [/usr/bin/c] }\nprovides:\n"
                                                + "  main: { contract: y.api, result: { port: 1003 } }\n"),
                        "break it with  bind: { n1/a.y: n1/c.main }",
                        "setup.yaml",
                        "n1/a.y: n1/b.main",
                        "n1/a.y: n1/c.main"),
                new Case(
                        "E045",
                        Map.of(
                                "setup.yaml", "name: h\n" + node + "a, b] }\n",
                                "contracts/x.api.yaml", X_API,
                                "services/a.yaml",
                                        "name: a\nprocess: { argv: [/usr/bin/a] }\nprovides:\n"
                                                + "  main: { contract: x.api, result: { port: 8080 } }\n",
                                "services/b.yaml",
                                        "name: b\nprocess: { argv: [/usr/bin/b] }\nprovides:\n"
                                                + "  main: { contract: x.api, result: { port: 8080 } }\n"),
                        "write port: \"auto:8080\"",
                        "services/b.yaml",
                        "port: 8080",
                        "port: \"auto:8080\""),
                new Case(
                        "E062",
                        Map.of(
                                "setup.yaml", "name: h\n" + node + "app] }\n",
                                "services/app.yaml",
                                        "name: app\nprocess: { argv: [/usr/bin/app] }\nsystemd:\n  Service:\n"
                                                + "    LimtNOFILE: \"1024\"\n"),
                        "did you mean 'LimitNOFILE'?",
                        "services/app.yaml",
                        "LimtNOFILE",
                        "LimitNOFILE"),
                new Case(
                        "E061",
                        Map.of(
                                "setup.yaml",
                                "name: h\n" + node.replace("systemd", "wrapper") + "app] }\n",
                                "services/app.yaml",
                                "name: app\nprocess:\n  argv: [/usr/bin/app, \"a\\0b\"]\nhardening: none\n"),
                        "remove the character",
                        "services/app.yaml",
                        "\"a\\0b\"",
                        "\"ab\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theHintAppliedMakesTheErrorGo(Case c) throws IOException {
        Path dir = tmp.resolve("s");
        for (var f : c.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Run broken = Run.in(tmp, "validate", "s");
        assertThat(broken.code()).isEqualTo(ExitCode.INVALID);
        assertThat(broken.err())
                .contains("[" + c.code() + "]")
                .contains("help: ")
                .contains(c.hint());

        Path edited = dir.resolve(c.file());
        String text = Files.readString(edited);
        assertThat(text).contains(c.from());
        Files.writeString(edited, text.replace(c.from(), c.to()));
        Run fixed = Run.in(tmp, "validate", "s");
        assertThat(fixed.err()).as("after applying the hint").doesNotContain("[" + c.code() + "]");
        assertThat(fixed.code()).as("after applying the hint:\n%s", fixed.err()).isZero();
    }
}
