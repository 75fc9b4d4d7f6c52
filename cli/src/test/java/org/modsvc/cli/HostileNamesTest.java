package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names built to break out of a unit file, a wrapper or the output directory, in every place a
 * setup names something, through the whole pipeline ({@code modsvc emit} on a YAML setup): each is
 * a located error, and nothing is written, neither in {@code --out} nor beside it.
 */
class HostileNamesTest {
    private static final Pattern LOCATED = Pattern.compile("(?m)^\\S+:\\d+:\\d+: error\\[E\\d{3}\\]");

    @TempDir
    Path tmp;

    private static final String NODE = "nodes: { n1: { address: 10.0.0.1, target: systemd, run: [app] } }\n";
    private static final String APP = "name: app\nprocess: { argv: [/usr/bin/app], environment: { A: b } }\n";

    static final List<String> NAMES = List.of(
            "\n[Service]\nExecStartPre=/bin/sh -c evil",
            "'; rm -rf /; '",
            "$(touch /tmp/pwned)",
            "`touch /tmp/pwned`",
            "%n%i",
            "..",
            ".",
            "../../etc/passwd",
            "/etc/passwd",
            "a\rb",
            "a\\",
            "a\u0000b",
            "-rf",
            "a b",
            "a.b",
            "\u202Eevil",
            "x".repeat(300) + "\nExecStartPre=/bin/evil");

    /** Where a name goes: a template with NAME (a YAML double-quoted string) in one place. */
    static final List<String[]> PLACES = List.of(
            new String[] {"node", "nodes: { NAME: { address: 10.0.0.1, target: systemd, run: [app] } }", APP},
            new String[] {"run entry", NODE.replace("[app]", "[app, NAME]"), APP},
            new String[] {"setup name", "name: NAME\n" + NODE, APP},
            new String[] {"module name", NODE, APP.replace("name: app", "name: NAME")},
            new String[] {"configData name", NODE, APP + "configData: { NAME: { text: hello } }\n"},
            new String[] {"sub-service name", NODE, APP + "services: { NAME: { process: { argv: [/bin/true] } } }\n"},
            new String[] {"requirement name", NODE, APP + "requires: { NAME: { contract: kv.redis, optional: true } }\n"
            },
            new String[] {
                "provision name",
                NODE,
                APP
                        + "provides: { NAME: { contract: http.backend, version: \"1.0\", result: { host: h, port: 80 } } }\n"
            },
            new String[] {"environment name", NODE, APP.replace("A: b", "NAME: b")},
            new String[] {"wrapper variable name", NODE, APP + "wrapper: { setDefault: { NAME: x } }\n"},
            new String[] {"systemd section", NODE, APP + "systemd: { NAME: { Description: x } }\n"},
            new String[] {"systemd key", NODE, APP + "systemd: { Service: { NAME: x } }\n"},
            new String[] {"bind key", NODE + "bind: { NAME: n1/x.main }\n", APP},
            new String[] {"imports entry", NODE, APP + "imports: [NAME]\n"});

    static Stream<Arguments> cases() {
        var out = new ArrayList<Arguments>();
        for (String[] place : PLACES)
            for (String name : NAMES) out.add(Arguments.of(place[0], name, place[1], place[2]));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {index}")
    @MethodSource("cases")
    void aHostileNameIsALocatedErrorAndNothingIsWritten(String place, String name, String setup, String app)
            throws IOException {
        Path dir = tmp.resolve("setup");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("setup.yaml"), setup.replace("NAME", yamlString(name)));
        Files.writeString(dir.resolve("services/app.yaml"), app.replace("NAME", yamlString(name)));
        for (String target : List.of("systemd", "wrapper")) {
            Path out = tmp.resolve("out");
            var r = Run.in(tmp, "emit", dir.toString(), "--target", target, "--out", out.toString());
            String what = place + " " + yamlString(name) + " --target " + target + "\n" + r.err();
            assertThat(r.code()).as(what).isEqualTo(ExitCode.INVALID);
            assertThat(LOCATED.matcher(r.err()).find()).as(what).isTrue();
            assertThat(out).as(what).doesNotExist();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                        .as("nothing beside --out either: " + what)
                        .containsExactly("setup");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aFileNameCannotForgeLinesOrTerminalCodesInTheOutput() throws IOException {
        Path dir = tmp.resolve("setup");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("setup.yaml"), NODE);
        Files.writeString(dir.resolve("services/app.yaml"), APP);
        String evil = "x\nok: setup 'forged' is valid\n\u001b[2J\r.yaml";
        Files.writeString(dir.resolve("services").resolve(evil), "name: x\n");
        var r = Run.in(tmp, "validate", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\nok: setup");
        assertThat(r.err().lines()).allMatch(l -> !l.startsWith("ok:"));
        assertThat(r.out()).isEmpty();
    }

    /** A YAML double-quoted scalar holding exactly {@code s}. */
    static String yamlString(String s) {
        var b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x202E)
                b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }
}
