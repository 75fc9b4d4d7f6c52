package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;

/**
 * {@code modsvc emit} end to end, in-process. The resolver on this branch is still a stub that
 * returns an empty plan, so these pin the command's handling of --out; the unit contents are tested
 * on hand-made plans in the resolver module (SystemdEmitterTest, SystemdAnalyzeTest,
 * SystemdManagerTest).
 */
class EmitCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        var ctx = new Context(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                false,
                Path.of("").toAbsolutePath(),
                Catalogue::load);
        return Main.run(args, ctx);
    }

    private static Path sample() {
        Path p = Path.of("../samples/webapp");
        return Files.isDirectory(p) ? p : Path.of("samples/webapp");
    }

    @Test
    void emitsIntoAFreshDirectory() {
        Path dir = tmp.resolve("out");
        int code = run("emit", sample().toString(), "--target", "systemd", "--out", dir.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
        assertThat(dir).isDirectory();
    }

    @Test
    void refusesANonEmptyOutputWithoutForce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dir.resolve("mine.txt"), "keep");
        int code = run("emit", sample().toString(), "--target", "systemd", "--out", dir.toString());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--force");
        assertThat(dir.resolve("mine.txt")).hasContent("keep");
        assertThat(run("emit", sample().toString(), "--target", "systemd", "--out", dir.toString(), "--force"))
                .isEqualTo(ExitCode.OK);
        assertThat(dir.resolve("mine.txt")).doesNotExist();
    }
}
