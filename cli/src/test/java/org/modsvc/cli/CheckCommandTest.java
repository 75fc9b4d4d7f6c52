package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;

/** {@code check --boot} where it cannot run: one line, the environment exit code, no trace. */
class CheckCommandTest {
    @Test
    void withoutItsToolsItSaysSoInOneLineAndExits2() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var ctx = new Context(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                // No PATH with systemd-nspawn, and a cache without a root: whoever runs the test.
                Map.of("PATH", "/nonexistent", "MODSVC_CACHE", "/nonexistent/modsvc-cache"),
                false,
                Path.of("..").toAbsolutePath().normalize(),
                Catalogue::load);
        int code = Main.run(new String[] {"check", "--boot", "samples/webapp"}, ctx);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(e).startsWith("modsvc check: needs ");
        assertThat(e.strip().lines()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
