package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 class 3: names the OS owns ({@code systemd}, {@code dbus}, {@code multi-user},
 * {@code sshd}, {@code user}, {@code lock}, …) as a module, a sub-service, a dedicated provider's
 * instance, a setup and a node: everything emitted stays in modsvc's namespace, so nothing shadows
 * a unit, a user or a directory of the OS or its packages. Every unit file is {@code modsvc-*},
 * every {@code StateDirectory=}/{@code RuntimeDirectory=} (and the other directory keys) is under
 * {@code modsvc/}, and the wrapper's directories are {@code /run/modsvc/…} and {@code
 * /var/lib/modsvc/…}.
 */
class OsOwnedNamesTest {
    private static final Pattern DIRECTORY =
            Pattern.compile("(?m)^(?:State|Runtime|Cache|Logs|Configuration)Directory=(.*)$");
    private static final Pattern WRAPPER_DIR = Pattern.compile("/(?:run|var/lib|var/cache|var/log)/([^/'\"\\s]+)");

    static Stream<String> names() {
        return Stream.of(
                "systemd",
                "dbus",
                "multi-user",
                "sshd",
                "user",
                "lock",
                "dpkg",
                "systemd-journald",
                "getty",
                "root",
                "postgres",
                "default",
                "basic",
                "sysinit",
                "network",
                "udev",
                "cron");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void anOsOwnedNameIsEmittedInModsvcsNamespace(String os, @TempDir Path tmp) throws IOException {
        Path s = tmp.resolve("s");
        Files.createDirectories(s.resolve("services"));
        Files.createDirectories(s.resolve("contracts"));
        Files.writeString(
                s.resolve("setup.yaml"),
                "name: " + os + "\npolicy: sub-service\nnodes:\n  " + os
                        + ": { address: 10.0.0.1, target: systemd, run: [" + os + ", holder] }\n");
        // the module itself, and a dedicated provider whose instance is named <module>-<requirement>
        Files.writeString(
                s.resolve("services/" + os + ".yaml"),
                "name: " + os + "\nprocess: { argv: [/bin/true] }\nrequires:\n  journald: { contract: fz.c }\n");
        Files.writeString(
                s.resolve("contracts/fz.c.yaml"),
                "name: fz.c\nreach: local\nshared: false\ndefaultProvider: leaf\nresult: { v: { type: string } }\n");
        Files.writeString(
                s.resolve("services/leaf.yaml"),
                "name: leaf\nprocess: { argv: [/bin/true] }\nprovides:\n  main: { contract: fz.c, version: \"1.0\","
                        + " result: { v: a } }\n");
        // a static sub-service named like the OS's
        Files.writeString(
                s.resolve("services/holder.yaml"),
                "name: holder\nprocess: { argv: [/bin/true] }\nservices:\n  " + os + ": { imports: [leaf] }\n");
        for (String target : List.of("systemd", "wrapper")) {
            Path out = tmp.resolve("out-" + target);
            var r = Run.in(tmp, "emit", s.toString(), "--target", target, "--out", out.toString());
            assertThat(r.code()).as(target + ": " + r.err()).isEqualTo(ExitCode.OK);
            List<Path> files;
            try (var w = Files.walk(out)) {
                files = w.filter(Files::isRegularFile).toList();
            }
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (f.getParent().endsWith(Path.of("systemd", "system"))) {
                    assertThat(f.getFileName().toString()).startsWith("modsvc-");
                    var m = DIRECTORY.matcher(text);
                    while (m.find()) {
                        for (String d : m.group(1).strip().split("\\s+"))
                            assertThat(d).as(f + ": " + m.group()).startsWith("modsvc/");
                    }
                    assertThat(text).as(f.toString()).doesNotContainPattern("(?m)^(User|Group)=(?!modsvc-)");
                } else if (f.toString().contains("/bin/")) {
                    var m = WRAPPER_DIR.matcher(text);
                    while (m.find())
                        assertThat(m.group(1)).as(f + ": " + m.group()).isEqualTo("modsvc");
                }
            }
            if (target.equals("systemd")) {
                String units = "/" + os + "/etc/systemd/system/";
                assertThat(out.resolve(os + "/etc/systemd/system/modsvc-" + os + ".target"))
                        .as(units)
                        .exists();
                assertThat(out.resolve(os + "/etc/systemd/system/modsvc-" + os + ".service"))
                        .exists();
                assertThat(out.resolve(os + "/etc/systemd/system/modsvc-" + os + "-journald.service"))
                        .exists();
                assertThat(out.resolve(os + "/etc/systemd/system/modsvc-holder-" + os + ".service"))
                        .exists();
            }
        }
    }
}
