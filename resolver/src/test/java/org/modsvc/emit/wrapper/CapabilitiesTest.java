package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Severity;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.model.Target;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;

class CapabilitiesTest {

    private static List<String> messages(Plan plan, String node, Severity severity) {
        return WrapperEmitter.capabilities(plan, node).stream()
                .filter(d -> d.severity() == severity)
                .map(Diagnostic::message)
                .toList();
    }

    @Test
    void eachFeatureTheWrapperTargetLacksIsNamedOncePerInstance() {
        var app = TestPlans.instance("n", "app")
                .argv("/bin/app")
                .reload(new Reload.Signal("HUP"))
                .notify(NotificationProtocol.SYSTEMD)
                .hardening(Hardening.STRICT)
                .credential("db-password", "/run/secrets/db")
                .systemd("Service", "LimitNOFILE", "4096")
                .build();
        var plan = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(app)
                .build();
        assertThat(messages(plan, "n", Severity.WARNING))
                .containsExactlyInAnyOrder(
                        "n/app: reload (signal HUP) is not supported by the wrapper target",
                        "n/app: readiness notification 'systemd' (sd_notify) is not supported by the wrapper target",
                        "n/app: hardening 'strict' is not supported by the wrapper target",
                        "n/app: credentials isolation (db-password) is not supported by the wrapper target",
                        "n/app: systemd passthrough keys (Service.LimitNOFILE) is not supported by the wrapper target");
        assertThat(messages(plan, "n", Severity.NOTE))
                .containsExactly("n/app: restart on exit is not supported by the wrapper target");
        assertThat(WrapperEmitter.capabilities(plan, "n"))
                .allSatisfy(d -> assertThat(d.code()).isEqualTo(Code.UNSUPPORTED_BY_TARGET))
                .allSatisfy(d -> assertThat(d.hints()).isNotEmpty());
    }

    @Test
    void aSocketUnitIsNamedApartFromThePassthroughKeys() {
        var app = TestPlans.instance("n", "app")
                .argv("/bin/app")
                .hardening(Hardening.NONE)
                .systemd("sockets.http.Socket", "ListenStream", "8080")
                .build();
        var plan = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(app)
                .build();
        assertThat(messages(plan, "n", Severity.WARNING))
                .containsExactly("n/app: systemd socket unit 'http' is not supported by the wrapper target");
    }

    @Test
    void reloadCommandIsNamedToo() {
        var app = TestPlans.instance("n", "app")
                .argv("/bin/app")
                .reload(new Reload.Command(List.of(Value.of("/bin/app"), Value.of("reload"))))
                .hardening(Hardening.NONE)
                .build();
        var plan = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(app)
                .build();
        assertThat(messages(plan, "n", Severity.WARNING))
                .containsExactly("n/app: reload (reloadCommand) is not supported by the wrapper target");
    }

    @Test
    void s6ReadinessAndAPlainToolNeedNoDiagnostic() {
        var daemon = TestPlans.instance("n", "d")
                .argv("/bin/d")
                .notify(NotificationProtocol.S6)
                .hardening(Hardening.NONE)
                .build();
        var tool = TestPlans.instance("n", "t")
                .kind(ModuleKind.TOOL)
                .argv("/bin/t")
                .hardening(Hardening.NONE)
                .build();
        var plan = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(daemon)
                .instance(tool)
                .build();
        assertThat(WrapperEmitter.capabilities(plan, "n"))
                .extracting(Diagnostic::message)
                .containsExactly("n/d: restart on exit is not supported by the wrapper target");
    }

    @Test
    void onlyTheGivenNodeIsConsideredAndEmitReportsTheSame() {
        var a = TestPlans.instance("a", "x").argv("/bin/x").build();
        var b = TestPlans.instance("b", "y").argv("/bin/y").build();
        var plan = TestPlans.setup("s")
                .node("a", "1", Target.WRAPPER)
                .node("b", "2", Target.WRAPPER)
                .instance(a)
                .instance(b)
                .build();
        assertThat(WrapperEmitter.capabilities(plan, "a"))
                .allSatisfy(d -> assertThat(d.message()).startsWith("a/x: "));
        assertThat(new WrapperEmitter().emit(plan, "a").diagnostics())
                .containsExactlyElementsOf(WrapperEmitter.capabilities(plan, "a"));
    }
}
