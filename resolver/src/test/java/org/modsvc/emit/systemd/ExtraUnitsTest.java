package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Diagnostics;
import org.modsvc.emit.Emission;
import org.modsvc.plan.Plan;
import org.modsvc.testing.Tools;

/** {@code systemd.sockets.<x>} and {@code systemd.services.<x>}: extra units an instance owns. */
class ExtraUnitsTest {
    private final SystemdEmitter emitter = new SystemdEmitter();

    @TempDir
    java.nio.file.Path tmp;

    private static Plan withSocket() {
        return SamplePlans.single(SamplePlans.daemon("web")
                .systemd("sockets.http.Socket", "ListenStream", "8080", "[::1]:8081")
                .systemd("sockets.http.Socket", "NoDelay", "yes")
                .systemd("sockets.http.Unit", "Documentation", "https://example.org")
                .systemd("services.rotate.Service", "Type", "oneshot")
                .systemd("services.rotate.Service", "ExecStart", "/bin/kill -0 1"));
    }

    private static String file(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    @Test
    void aSocketIsItsOwnUnitPointingAtTheServiceAndWantedByTheTarget() {
        Emission e = emitter.emit(withSocket(), "n1");
        assertThat(e.diagnostics()).isEmpty();
        String socket = file(e, "n1/etc/systemd/system/modsvc-web-http.socket");
        assertThat(socket)
                .contains("[Socket]\n")
                .contains("ListenStream=8080\nListenStream=[::1]:8081\n")
                .contains("NoDelay=yes\n")
                .contains("Service=modsvc-web.service\n")
                .contains("Documentation=https://example.org\n");
        String service = file(e, "n1/etc/systemd/system/modsvc-web.service");
        assertThat(service).doesNotContain("ListenStream").doesNotContain("[Socket]");
        assertThat(e.files().keySet())
                .filteredOn(p -> p.endsWith(".target"))
                .singleElement()
                .satisfies(t -> assertThat(file(e, t)).contains("Wants=modsvc-web-http.socket\n"));
    }

    @Test
    void anExtraServiceIsPartOfTheInstanceAndWantedByTheTarget() {
        Emission e = emitter.emit(withSocket(), "n1");
        String extra = file(e, "n1/etc/systemd/system/modsvc-web-rotate.service");
        assertThat(extra)
                .contains("PartOf=modsvc-web.service\n")
                .contains("[Service]\nExecStart=/bin/kill -0 1\nType=oneshot\n")
                .contains("[Install]\nWantedBy=");
        assertThat(file(e, "n1/etc/systemd/system/modsvc-web.service")).doesNotContain("oneshot");
        assertThat(e.files().keySet())
                .filteredOn(p -> p.endsWith(".target"))
                .singleElement()
                .satisfies(t -> assertThat(file(e, t)).contains("Wants=modsvc-web-rotate.service\n"));
    }

    @Test
    void anExtraServiceMayNotTakeTheUnitOfAnotherInstance() {
        var plan = org.modsvc.plan.TestPlans.setup("s")
                .node("n1", "10.0.0.1", org.modsvc.model.Target.SYSTEMD)
                .instance(SamplePlans.daemon("web")
                        .systemd("services.db.Service", "ExecStart", "/bin/kill -0 1")
                        .build())
                .instance(SamplePlans.daemon("web-db").build())
                .build();
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.files()).isEmpty();
        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.UNREPRESENTABLE);
    }

    @Test
    void unknownKeysOfAnExtraServiceAreRefused() {
        var plan = SamplePlans.single(
                SamplePlans.daemon("web").systemd("services.rotate.Service", "ListenStream", "8080"));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.BAD_SYSTEMD_KEY);
        assertThat(e.diagnostics().get(0).message()).contains("systemd.services.rotate.Service.ListenStream");
    }

    @Test
    void keysOfANewerSystemdAreWrittenWithAWarningInExtraUnitsToo() {
        var plan = SamplePlans.single(SamplePlans.daemon("web")
                .systemd("sockets.http.Socket", "ListenStream", "8080")
                .systemd("sockets.http.Socket", "PollLimitBurst", "10")
                .systemd("services.rotate.Service", "ExecStart", "/bin/kill -0 1")
                .systemd("services.rotate.Service", "ReloadSignal", "SIGUSR1")
                .systemd("services.rotate.Service", "Type", "notify-reload"));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.diagnostics())
                .extracting(Diagnostic::code)
                .containsOnly(Code.NEWER_SYSTEMD)
                .hasSize(3);
        assertThat(e.diagnostics())
                .extracting(Diagnostic::message)
                .anyMatch(m -> m.contains("systemd.sockets.http.Socket.PollLimitBurst needs systemd 255"))
                .anyMatch(m -> m.contains("systemd.services.rotate.Service.ReloadSignal needs systemd 253"))
                .anyMatch(m -> m.contains("systemd.services.rotate.Service.Type=notify-reload needs systemd 253"));
        assertThat(file(e, "n1/etc/systemd/system/modsvc-web-http.socket")).contains("PollLimitBurst=10\n");
        assertThat(file(e, "n1/etc/systemd/system/modsvc-web-rotate.service")).contains("ReloadSignal=SIGUSR1\n");
    }

    @Test
    void aGivenServiceKeyReplacesTheDefault() {
        var plan = SamplePlans.single(SamplePlans.daemon("web")
                .systemd("sockets.http.Socket", "ListenStream", "8080")
                .systemd("sockets.http.Socket", "Service", "other.service"));
        String socket = file(emitter.emit(plan, "n1"), "n1/etc/systemd/system/modsvc-web-http.socket");
        assertThat(socket).contains("Service=other.service\n").doesNotContain("Service=modsvc-web.service");
    }

    @Test
    void unknownSocketKeysAndBadValuesAreRefusedAndCheckReportsTheSame() {
        var plan = SamplePlans.single(SamplePlans.daemon("web")
                .systemd("sockets.http.Socket", "ListenStreem", "8080")
                .systemd("sockets.http.Socket", "ExecStartPost", "/bin/x\nevil")
                .systemd("sockets.http.Install", "Restart", "always"));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.files()).isEmpty();
        assertThat(e.diagnostics())
                .extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(Code.BAD_SYSTEMD_KEY, Code.BAD_SYSTEMD_KEY, Code.UNREPRESENTABLE);
        assertThat(e.diagnostics())
                .anyMatch(d -> d.message().contains("ListenStreem")
                        && d.hints().stream().anyMatch(h -> h.contains("ListenStream")));
        var checked = new Diagnostics();
        emitter.check(plan.index(), "n1", checked);
        assertThat(checked.toList()).isEqualTo(e.diagnostics());
    }

    @Test
    void systemdAnalyzeVerifyPrintsNothingForTheExtraUnitsAndTheirService() throws Exception {
        var analyze = Tools.require("systemd-analyze");
        Plan plan = withSocket();
        var out = tmp.resolve("out");
        EmittedTree.write(plan, out);
        var root = out.resolve("n1");
        EmittedTree.prepareForAnalyze(plan, root, "n1");
        var cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--root=" + root));
        cmd.addAll(EmittedTree.units(root));
        assertThat(cmd).contains("modsvc-web-http.socket", "modsvc-web-rotate.service");
        var r = Processes.run(cmd, Map.of("SYSTEMD_LOG_COLOR", "0"), 60);
        assertThat(r.all()).isEmpty();
        assertThat(r.exit()).isZero();
    }
}
