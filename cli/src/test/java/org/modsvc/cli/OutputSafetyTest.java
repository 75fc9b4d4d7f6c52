package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modsvc emit} end to end: the output is complete or absent, never beside --out, never
 * through a symbolic link, and never replaces the setup or the current directory.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;

    private Path setup(String extra) throws IOException {
        Path dir = tmp.resolve("setup");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(
                dir.resolve("setup.yaml"),
                "name: s\nnodes:\n  n1: { address: 10.0.0.1, target: systemd, run: [app, other] }\n");
        Files.writeString(
                dir.resolve("services/app.yaml"),
                "name: app\nprocess: { argv: [/usr/bin/app], environment: { A: b } }\n"
                        + "configData: { main: { text: hello } }\n" + extra);
        Files.writeString(dir.resolve("services/other.yaml"), "name: other\nprocess: { argv: [/usr/bin/other] }\n");
        return dir;
    }

    private Stream<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void anEmitterErrorLeavesNothingBehind() throws IOException {
        // E062 (an unknown systemd key) and E061 (a variable sh keeps for itself) come from the
        // emitters, after loading and resolving succeeded.
        Path s = setup("systemd: { Service: { NoSuchKey: x } }\nwrapper: { setDefault: { PPID: '1' } }\n");
        for (String target : new String[] {"systemd", "wrapper"}) {
            Path out = tmp.resolve("out");
            var r = Run.in(tmp, "emit", s.toString(), "--target", target, "--out", out.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID);
            assertThat(r.err()).containsPattern(":\\d+:\\d+: error\\[E06[12]\\]");
            assertThat(out).doesNotExist();
            assertThat(names(tmp)).containsExactly("setup");
        }
    }

    @Test
    void anEmitterErrorKeepsThePreviousOutputEvenWithForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out/n1"));
        Files.writeString(out.resolve("old.service"), "old");
        Path s = setup("systemd: { Service: { NoSuchKey: x } }\n");
        var r = Run.in(tmp, "emit", s.toString(), "--out", tmp.resolve("out").toString(), "--force");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID);
        assertThat(out.resolve("old.service")).hasContent("old");
        assertThat(names(tmp)).containsExactly("out", "setup");
    }

    @Test
    void anUnwritableOutputIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path s = setup("");
        Files.writeString(tmp.resolve("file"), "x");
        var r = Run.in(
                tmp, "emit", s.toString(), "--out", tmp.resolve("file/out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err())
                .contains("cannot write")
                .contains("nothing was written")
                .doesNotContain("\tat ");
        assertThat(names(tmp)).containsExactly("file", "setup");
    }

    @Test
    void theOutputNeverHoldsTheSetupOrTheCurrentDirectory() throws IOException {
        Path s = setup("");
        for (String out : new String[] {s.toString(), tmp.toString(), "."}) {
            var r = Run.in(tmp, "emit", s.toString(), "--out", out, "--force");
            assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("give a directory of its own");
        }
        // through a symbolic link too
        Path link = Files.createSymbolicLink(tmp.resolve("link"), s);
        var r = Run.in(tmp, "emit", link.toString(), "--out", s.toString(), "--force");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("holds the setup");
        assertThat(s.resolve("setup.yaml")).exists();
        assertThat(s.resolve("services/app.yaml")).exists();
    }

    @Test
    void aSymlinkedOutputIsRefused() throws IOException {
        Path s = setup("");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("out"), elsewhere);
        var r = Run.in(tmp, "emit", s.toString(), "--out", link.toString(), "--force");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("symbolic link");
        assertThat(names(elsewhere)).isEmpty();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void forceReplacesADirectoryHoldingSymlinksWithoutFollowingThem() throws IOException {
        Path s = setup("");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep");
        Path out = Files.createDirectories(tmp.resolve("out/n1/etc"));
        // the node tree's own directories are links to the outside, and a link to a file
        Files.createSymbolicLink(out.resolve("systemd"), outside);
        Files.createSymbolicLink(tmp.resolve("out/n2"), outside);
        Files.createSymbolicLink(tmp.resolve("out/file"), outside.resolve("precious"));
        var r = Run.in(tmp, "emit", s.toString(), "--out", tmp.resolve("out").toString(), "--force");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(names(outside)).containsExactly("precious");
        assertThat(outside.resolve("precious")).hasContent("keep");
        Path units = tmp.resolve("out/n1/etc/systemd/system");
        assertThat(Files.isSymbolicLink(tmp.resolve("out/n1/etc/systemd"))).isFalse();
        assertThat(units.resolve("modsvc-app.service")).exists();
        assertThat(tmp.resolve("out/n2")).doesNotExist();
        assertThat(names(tmp)).containsExactly("out", "outside", "setup");
    }

    @Test
    void theTreeHasFixedModesAndNoLeftovers() throws IOException {
        Path s = setup("");
        for (String target : new String[] {"systemd", "wrapper"}) {
            Path out = tmp.resolve("out-" + target);
            var r = Run.in(tmp, "emit", s.toString(), "--target", target, "--out", out.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
            try (var all = Files.walk(out)) {
                for (Path p : all.toList()) {
                    String mode =
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    assertThat(Files.isSymbolicLink(p)).isFalse();
                    if (Files.isDirectory(p)) assertThat(mode).as(p.toString()).isEqualTo("rwxr-xr-x");
                    else if (p.startsWith(out.resolve("n1/bin")))
                        assertThat(mode).as(p.toString()).isEqualTo("rwxr-xr-x");
                    else assertThat(mode).as(p.toString()).isEqualTo("rw-r--r--");
                }
            }
        }
        assertThat(names(tmp)).containsExactly("out-systemd", "out-wrapper", "setup");
    }
}
