package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that are accepted in form but mean something else downstream: octal-looking ports and
 * integers, credential paths systemd ignores, and characters that end or reorder a line for
 * whoever reads a diagnostic.
 */
class HostileValuesTest {
    @TempDir
    Path tmp;

    private static final String CONTRACT =
            """
            name: x.svc
            reach: local
            shared: true
            defaultProvider: prov
            request:
              keyFile: { type: path, secret: true, optional: true }
              count: { type: int, optional: true }
            result:
              port: { type: port }
              tokenFile: { type: path, secret: true }
            """;

    private Path setup(String port, String tokenFile, String keyFile, String count) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: hv\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app] }\n");
        Files.writeString(dir.resolve("contracts/x.svc.yaml"), CONTRACT);
        Files.writeString(
                dir.resolve("services/prov.yaml"),
                "name: prov\nprocess: { argv: [/usr/bin/prov] }\nprovides:\n"
                        + "  main: { contract: x.svc, version: \"1.0\", result: { port: " + port + ", tokenFile: "
                        + tokenFile + " } }\n");
        Files.writeString(
                dir.resolve("services/app.yaml"),
                "name: app\nprocess: { argv: [/usr/bin/app] }\nrequires:\n"
                        + "  s: { contract: x.svc, request: { keyFile: " + keyFile + ", count: " + count + " } }\n");
        return dir;
    }

    @Test
    void octalLookingPortsAndIntegersAreRefusedWhereWritten() throws IOException {
        for (String port : new String[] {"0755", "010", "080", "\"0755\""}) {
            Run r = Run.in(
                    tmp,
                    "validate",
                    setup(port, "/run/keys/t", "/run/keys/k", "1").toString());
            assertThat(r.code()).as(port).isEqualTo(ExitCode.INVALID);
            assertThat(r.err())
                    .as(port)
                    .containsPattern("prov\\.yaml:4:\\d+: error\\[E034\\]: result field 'port'.*leading zero");
        }
        Run r = Run.in(
                tmp,
                "validate",
                setup("8080", "/run/keys/t", "/run/keys/k", "010").toString());
        assertThat(r.err()).containsPattern("app\\.yaml:4:\\d+: error\\[E034\\]: request field 'count'.*leading zero");
        Run ok = Run.in(
                tmp,
                "validate",
                setup("8080", "/run/keys/t", "/run/keys/k", "0").toString());
        assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCode.OK);
    }

    @Test
    void secretPathsThatAreNotNormalisedAreRefusedWhereWritten() throws IOException {
        for (var e : Map.of(
                        "/run//keys/t", "/run/keys/t",
                        "/run/./keys/t", "/run/keys/t",
                        "/run/x/../keys/t", "/run/keys/t",
                        "/run/keys/t/", "/run/keys/t")
                .entrySet()) {
            Run r = Run.in(
                    tmp,
                    "validate",
                    setup("8080", e.getKey(), "/run/keys/k", "1").toString());
            assertThat(r.code()).as(e.getKey()).isEqualTo(ExitCode.INVALID);
            assertThat(r.err())
                    .as(e.getKey())
                    .containsPattern("prov\\.yaml:4:\\d+: error\\[E034\\]: secret result field 'tokenFile'.*normalised")
                    .contains("help: write the path in its plain form, such as " + e.getValue());
            Run k = Run.in(
                    tmp,
                    "validate",
                    setup("8080", "/run/keys/t", e.getKey(), "1").toString());
            assertThat(k.err()).containsPattern("app\\.yaml:4:\\d+: error\\[E034\\]: secret request field 'keyFile'");
        }
    }

    /** A name with U+2028, U+2029 or a bidirectional control cannot start or reorder a line. */
    @Test
    void lineSeparatorsAndBidiControlsNeverReachADiagnosticAsThemselves() throws IOException {
        for (String c : new String[] {"\u2028", "\u2029", "\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\u0085"}) {
            Path dir = tmp.resolve("u" + Integer.toHexString(c.codePointAt(0)));
            Files.createDirectories(dir.resolve("services"));
            Files.writeString(
                    dir.resolve("setup.yaml"),
                    "name: u\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app] }\n");
            String forged = "x" + c + "ok: setup 'u' is valid" + c;
            Files.writeString(
                    dir.resolve("services/app" + c + "ok.yaml"),
                    "name: app\nprocess: { argv: [/usr/bin/app] }\nbogus" + forged + ": 1\n");
            Files.writeString(
                    dir.resolve("services/app.yaml"),
                    "name: app\nprocess: { argv: [/usr/bin/app] }\n\"" + forged + "\": 1\n");
            for (String format : new String[] {"text"}) {
                Run r = Run.in(tmp, "validate", dir.toString(), "--format", format);
                assertThat(r.code()).isEqualTo(ExitCode.INVALID);
                assertThat(r.out() + r.err())
                        .as(Integer.toHexString(c.codePointAt(0)))
                        .doesNotContain(c);
                assertThat(r.err()).containsPattern("error\\[E0(01|10|17)\\]");
            }
        }
    }
}
