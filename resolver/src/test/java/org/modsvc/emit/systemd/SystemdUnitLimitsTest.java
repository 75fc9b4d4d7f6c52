package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.TestPlans;
import org.modsvc.testing.Tools;

/**
 * systemd's line limit and Linux's argument limit: the check refuses what systemd or the kernel
 * would, and real {@code systemd-analyze verify} shows that the line limit is where it says.
 */
class SystemdUnitLimitsTest {
    @TempDir
    Path tmp;

    /** One instance whose argv is {@code /usr/bin/long} and {@code words} words of {@code length}. */
    private static Plan longArgv(int words, int length) {
        var b = TestPlans.instance("n1", "long").argv("/usr/bin/long");
        for (int i = 0; i < words; i++) b.argv(String.valueOf((char) ('a' + i)).repeat(length));
        return TestPlans.setup("limits")
                .node("n1", "10.0.0.1", Target.SYSTEMD)
                .instance(b.build())
                .build();
    }

    private static List<Diagnostic> check(Plan plan) {
        var d = new Diagnostics();
        new SystemdEmitter().check(plan.index(), "n1", d);
        return d.toList();
    }

    @Test
    void aLineOverSystemdsLimitIsAnErrorInTheCheckAndEmitAlike() {
        Plan plan = longArgv(10, 110_000);
        assertThat(check(plan)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.UNREPRESENTABLE);
            assertThat(d.message()).contains("LONG_LINE_MAX").contains("1048576");
        });
        assertThat(new SystemdEmitter().emit(plan, "n1").diagnostics()).isEqualTo(check(plan));
    }

    @Test
    void anArgumentOverLinuxsLimitIsAnError() {
        assertThat(check(longArgv(1, 140_000))).singleElement().satisfies(d -> assertThat(d.message())
                .contains("MAX_ARG_STRLEN"));
        assertThat(check(longArgv(1, SystemdLimits.ARGUMENT_MAX - 1))).isEmpty();
    }

    @Test
    void systemdLoadsAUnitJustUnderTheLimitAndRefusesOneAtIt() throws Exception {
        Path analyze = Tools.require("systemd-analyze");
        // Nine words of 116 000 bytes: a line of about 1 044 000 bytes, under 1 MiB, each word under MAX_ARG_STRLEN.
        Plan under = longArgv(9, 116_000);
        assertThat(check(under)).isEmpty();
        Path out = tmp.resolve("under");
        EmittedTree.write(under, out);
        Path root = out.resolve("n1");
        EmittedTree.prepareForAnalyze(under, root, "n1");
        var ok = verify(analyze, root, "modsvc-long.service");
        assertThat(ok.all()).as("verify of a unit just under the limit").doesNotContain("too long");
        assertThat(ok.exit()).isZero();

        // The ExecStart= line grown to LINE_MAX - 1 bytes loads; to LINE_MAX bytes, systemd refuses
        // the unit (read_line: ENOBUFS), which is where SystemdLimits.lineTooLong draws the line.
        Path unit = root.resolve("etc/systemd/system/modsvc-long.service");
        String text = Files.readString(unit);
        int start = text.indexOf("ExecStart=");
        int end = text.indexOf('\n', start);
        int pad = SystemdLimits.LINE_MAX - (end - start);
        Files.writeString(unit, text.substring(0, end) + " " + "z".repeat(pad - 2) + text.substring(end));
        var atMost = verify(analyze, root, "modsvc-long.service");
        assertThat(atMost.all()).as("verify of a line of LINE_MAX - 1 bytes").doesNotContain("failed to load");
        assertThat(atMost.exit()).isZero();
        Files.writeString(unit, text.substring(0, end) + " " + "z".repeat(pad - 1) + text.substring(end));
        var refused = verify(analyze, root, "modsvc-long.service");
        assertThat(refused.all())
                .as("verify of a line of LINE_MAX bytes")
                .contains("failed to load")
                .contains("No buffer space available");
        assertThat(SystemdLimits.lineTooLong("ExecStart", "z".repeat(SystemdLimits.LINE_MAX - "ExecStart=".length())))
                .isTrue();
        assertThat(SystemdLimits.lineTooLong(
                        "ExecStart", "z".repeat(SystemdLimits.LINE_MAX - 1 - "ExecStart=".length())))
                .isFalse();
    }

    private static Processes.Outcome verify(Path analyze, Path root, String unit) throws Exception {
        var cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--root=" + root, unit));
        return Processes.run(cmd, Map.of("SYSTEMD_LOG_COLOR", "0"), 120);
    }
}
