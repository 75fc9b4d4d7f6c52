package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.emit.Emission;
import org.modsvc.model.Hardening;
import org.modsvc.model.ModuleKind;
import org.modsvc.model.NotificationProtocol;
import org.modsvc.plan.Plan;
import org.modsvc.plan.Reload;
import org.modsvc.plan.TestPlans;

class SystemdEmitterTest {
    private final SystemdEmitter emitter = new SystemdEmitter();

    private static String file(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String unit, String key) {
        return unit.lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .toList();
    }

    /** docs/systemd-target.md shows this sample's app unit and node target byte for byte. */
    @Test
    void docsShowTheExampleUnitAndTarget() throws java.io.IOException {
        java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "systemd-target.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.exists(doc), "docs/systemd-target.md is not beside the module");
        String text = java.nio.file.Files.readString(doc, StandardCharsets.UTF_8);
        Emission e = emitter.emit(SamplePlans.shop(), "web1");
        assertThat(text).contains("```ini\n" + file(e, "web1/etc/systemd/system/modsvc-app.service") + "```\n");
        assertThat(text).contains("```ini\n" + file(e, "web1/etc/systemd/system/modsvc-shop.target") + "```\n");
    }

    @Test
    void writesOneServicePerInstanceAndOneTargetPerNode() {
        Emission e = emitter.emit(SamplePlans.shop(), "web1");
        assertThat(e.hasErrors()).as("%s", e.diagnostics()).isFalse();
        assertThat(e.files().keySet())
                .containsExactly(
                        "web1/etc/system-services/app/fpm",
                        "web1/etc/system-services/redis/redis.conf",
                        "web1/etc/systemd/system/modsvc-app-db.service",
                        "web1/etc/systemd/system/modsvc-app-worker.service",
                        "web1/etc/systemd/system/modsvc-app.service",
                        "web1/etc/systemd/system/modsvc-redis.service",
                        "web1/etc/systemd/system/modsvc-shop.target");
        String target = file(e, "web1/etc/systemd/system/modsvc-shop.target");
        assertThat(lines(target, "Wants"))
                .containsExactly(
                        "modsvc-app-db.service",
                        "modsvc-app-worker.service",
                        "modsvc-app.service",
                        "modsvc-redis.service");
        assertThat(lines(target, "WantedBy")).containsExactly("multi-user.target");
        assertThat(file(e, "web1/etc/system-services/redis/redis.conf")).isEqualTo("port 6379\nbind 127.0.0.1\n");
    }

    @Test
    void localAndSubServiceBindingsRequireAndOrderTheProvider() {
        String app = file(emitter.emit(SamplePlans.shop(), "web1"), "web1/etc/systemd/system/modsvc-app.service");
        assertThat(lines(app, "Requires")).containsExactly("modsvc-app-db.service", "modsvc-redis.service");
        assertThat(lines(app, "After"))
                .containsExactly("modsvc-app-db.service", "modsvc-redis.service", "network-online.target");
        assertThat(lines(app, "Wants")).containsExactly("modsvc-app-worker.service", "network-online.target");
        assertThat(lines(app, "X-Modsvc-Remote")).containsExactly("reports db1/postgresql on db1 at 10.0.0.12");
        assertThat(lines(app, "WantedBy")).containsExactly("modsvc-shop.target");
    }

    @Test
    void subServicesArePartOfTheirOwner() {
        var e = emitter.emit(SamplePlans.shop(), "web1");
        assertThat(lines(file(e, "web1/etc/systemd/system/modsvc-app-db.service"), "PartOf"))
                .containsExactly("modsvc-app.service");
        assertThat(lines(file(e, "web1/etc/systemd/system/modsvc-app-worker.service"), "PartOf"))
                .containsExactly("modsvc-app.service");
        assertThat(lines(file(e, "web1/etc/systemd/system/modsvc-app-worker.service"), "After"))
                .isEmpty();
    }

    @Test
    void defaultsFollowModularServices() {
        var e = emitter.emit(SamplePlans.shop(), null);
        String redis = file(e, "web1/etc/systemd/system/modsvc-redis.service");
        assertThat(lines(redis, "Type")).containsExactly("simple");
        assertThat(lines(redis, "Restart")).containsExactly("always");
        assertThat(lines(redis, "RestartSec")).containsExactly("5");
        assertThat(lines(redis, "ExecReload")).isEmpty();
        String pg = file(e, "db1/etc/systemd/system/modsvc-postgresql.service");
        assertThat(lines(pg, "Type")).containsExactly("notify");
        assertThat(lines(pg, "ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
        String app = file(e, "web1/etc/systemd/system/modsvc-app.service");
        assertThat(lines(app, "ExecReload")).containsExactly("/usr/bin/php-fpm --reload");
    }

    @Test
    void secretsTravelAsCredentialsNeverInline() {
        String app = file(emitter.emit(SamplePlans.shop(), "web1"), "web1/etc/systemd/system/modsvc-app.service");
        assertThat(lines(app, "LoadCredential"))
                .containsExactly("db-passwordFile:/var/lib/secrets/db", "tls-key:/var/lib/secrets/tls.key");
        assertThat(lines(app, "ExecStart").get(0)).endsWith(" \"--password-file=%d/db-passwordFile\"");
        assertThat(lines(app, "Environment")).contains("\"DB_PASSWORD_FILE=%d/db-passwordFile\"");
        assertThat(lines(app, "Environment")).contains("\"GREETING=50%% off, $5 \\\"today\\\"\"");
        assertThat(app.lines().filter(l -> !l.startsWith("LoadCredential=")))
                .noneMatch(l -> l.contains("/var/lib/secrets"));
    }

    @Test
    void secretsInConfigDataPointIntoTheCredentialsDirectory() {
        var text = new org.modsvc.plan.Value(List.of(
                new org.modsvc.plan.Part.Literal("password_file = "),
                new org.modsvc.plan.Part.SecretFile("db-pw", "/var/lib/secrets/pw"),
                new org.modsvc.plan.Part.Literal("\n")));
        var base = SamplePlans.daemon("svc").build();
        var inst = new org.modsvc.plan.Instance(
                base.id(),
                base.node(),
                base.name(),
                base.module(),
                null,
                base.kind(),
                base.argv(),
                base.environment(),
                base.notificationProtocol(),
                null,
                List.of(new org.modsvc.plan.ConfigFile("conf", "/etc/system-services/svc/conf", text)),
                List.of(),
                List.of(),
                new java.util.TreeMap<>(),
                new java.util.TreeMap<>(),
                Hardening.DEFAULT,
                base.wrapper(),
                base.stateDir(),
                base.runtimeDir(),
                base.lifecycle(),
                base.packages(),
                base.span());
        var e = emitter.emit(
                TestPlans.setup("one")
                        .node("n1", "a", org.modsvc.model.Target.SYSTEMD)
                        .instance(inst)
                        .build(),
                "n1");
        assertThat(file(e, "n1/etc/system-services/svc/conf"))
                .isEqualTo("password_file = /run/credentials/modsvc-svc.service/db-pw\n");
        assertThat(lines(file(e, "n1/etc/systemd/system/modsvc-svc.service"), "LoadCredential"))
                .containsExactly("db-pw:/var/lib/secrets/pw");
    }

    @Test
    void tooLongUnitNamesAreDiagnosed() {
        var plan = SamplePlans.single(SamplePlans.daemon("x".repeat(250)));
        assertThat(emitter.emit(plan, "n1").diagnostics())
                .extracting(Diagnostic::code)
                .containsExactly(Code.NAME_TOO_LONG);
    }

    @Test
    void passthroughOverridesTheProfileKeyOfTheSameName() {
        var plan = SamplePlans.single(SamplePlans.daemon("jvm")
                .systemd("Service", "ProtectHome", "read-only")
                .systemd("Service", "SystemCallFilter")
                .systemd("Unit", "Documentation", "https://example.org"));
        String unit = file(emitter.emit(plan, "n1"), "n1/etc/systemd/system/modsvc-jvm.service");
        assertThat(lines(unit, "ProtectHome")).containsExactly("read-only");
        assertThat(lines(unit, "SystemCallFilter")).isEmpty();
        assertThat(lines(unit, "Documentation")).containsExactly("https://example.org");
    }

    @Test
    void unknownSystemdKeysAreDiagnosedWithASuggestion() {
        var plan = SamplePlans.single(SamplePlans.daemon("x")
                .systemd("Service", "ProtectHomee", "yes")
                .systemd("Service", "WantedBy", "a.target")
                .systemd("Servce", "Type", "simple"));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.files()).isEmpty();
        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsOnly(Code.BAD_SYSTEMD_KEY);
        assertThat(e.diagnostics()).hasSize(3);
        assertThat(e.diagnostics().stream().flatMap(d -> d.hints().stream()))
                .contains(
                        "did you mean 'ProtectHome'?",
                        "WantedBy belongs in the Install section",
                        "did you mean 'Service'?");
    }

    @Test
    void keysOfNewerSystemdAreWrittenWithAWarningNamingTheVersion() {
        var plan = SamplePlans.single(SamplePlans.daemon("x")
                .systemd("Service", "ReloadSignal", "SIGUSR1")
                .systemd("Service", "Type", "notify-reload")
                .systemd("Service", "PrivatePIDs", "yes")
                .systemd("Unit", "SurviveFinalKillSignal", "yes"));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.diagnostics()).extracting(Diagnostic::code).containsOnly(Code.NEWER_SYSTEMD);
        assertThat(e.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactlyInAnyOrder(
                        "'n1/x': systemd.Service.ReloadSignal needs systemd 253 or newer; systemd 252 ignores it",
                        "'n1/x': systemd.Service.Type=notify-reload needs systemd 253 or newer; systemd 252 ignores it",
                        "'n1/x': systemd.Service.PrivatePIDs needs systemd 257 or newer; systemd 252 ignores it",
                        "'n1/x': systemd.Unit.SurviveFinalKillSignal needs systemd 254 or newer; systemd 252 ignores"
                                + " it");
        String unit = file(e, "n1/etc/systemd/system/modsvc-x.service");
        assertThat(lines(unit, "ReloadSignal")).containsExactly("SIGUSR1");
        assertThat(lines(unit, "Type")).containsExactly("notify-reload");
        assertThat(lines(unit, "PrivatePIDs")).containsExactly("yes");
    }

    @Test
    void unrepresentableValuesAreLocatedErrors() {
        var span = new org.modsvc.diag.Span("services/x.yaml", 3, 5, 1);
        var base = SamplePlans.daemon("x").argv("a\u0000b").build();
        var inst = new org.modsvc.plan.Instance(
                base.id(),
                base.node(),
                base.name(),
                base.module(),
                null,
                base.kind(),
                base.argv(),
                base.environment(),
                base.notificationProtocol(),
                null,
                List.of(),
                List.of(),
                List.of(),
                new java.util.TreeMap<>(),
                new java.util.TreeMap<>(),
                Hardening.DEFAULT,
                base.wrapper(),
                base.stateDir(),
                base.runtimeDir(),
                base.lifecycle(),
                base.packages(),
                span);
        var plan = TestPlans.setup("one")
                .node("n1", "a", org.modsvc.model.Target.SYSTEMD)
                .instance(inst)
                .build();
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.files()).isEmpty();
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.UNREPRESENTABLE);
            assertThat(d.span()).isEqualTo(span);
            assertThat(d.message()).contains("NUL");
        });
    }

    @Test
    void toolsAreSkippedWithANote() {
        Emission e = emitter.emit(SamplePlans.shop(), "web1");
        assertThat(e.files().keySet()).noneMatch(p -> p.contains("dbtool"));
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.NOT_A_DAEMON);
            assertThat(d.message()).contains("web1/dbtool");
        });
    }

    @Test
    void s6ReadinessIsAWarningAndTypeSimple() {
        var plan = SamplePlans.single(SamplePlans.daemon("s6d").notify(NotificationProtocol.S6));
        Emission e = emitter.emit(plan, "n1");
        assertThat(e.diagnostics()).singleElement().extracting(Diagnostic::code).isEqualTo(Code.UNSUPPORTED_BY_TARGET);
        assertThat(lines(file(e, "n1/etc/systemd/system/modsvc-s6d.service"), "Type"))
                .containsExactly("simple");
    }

    @Test
    void hardeningLevelsSelectTheProfile() {
        String none = file(
                emitter.emit(SamplePlans.single(SamplePlans.daemon("a").hardening(Hardening.NONE)), "n1"),
                "n1/etc/systemd/system/modsvc-a.service");
        assertThat(lines(none, "DynamicUser")).isEmpty();
        // The directories ${self.stateDir} and ${self.runtimeDir} promise exist at every level.
        assertThat(lines(none, "StateDirectory")).containsExactly("modsvc/a");
        String def = file(
                emitter.emit(SamplePlans.single(SamplePlans.daemon("a")), "n1"),
                "n1/etc/systemd/system/modsvc-a.service");
        assertThat(lines(def, "DynamicUser")).containsExactly("yes");
        assertThat(lines(def, "StateDirectory")).containsExactly("modsvc/a");
        assertThat(lines(def, "RuntimeDirectory")).containsExactly("modsvc/a");
        assertThat(lines(def, "MemoryDenyWriteExecute")).isEmpty();
        String strict = file(
                emitter.emit(SamplePlans.single(SamplePlans.daemon("a").hardening(Hardening.STRICT)), "n1"),
                "n1/etc/systemd/system/modsvc-a.service");
        assertThat(lines(strict, "MemoryDenyWriteExecute")).containsExactly("yes");
        String web = file(
                emitter.emit(SamplePlans.single(SamplePlans.daemon("web").port(443)), "n1"),
                "n1/etc/systemd/system/modsvc-web.service");
        assertThat(lines(web, "AmbientCapabilities")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(lines(web, "PrivateUsers")).isEmpty();
    }

    @Test
    void reloadSignalMustBeASignalName() {
        var plan = SamplePlans.single(SamplePlans.daemon("a").reload(new Reload.Signal("HUP; rm")));
        assertThat(emitter.emit(plan, "n1").diagnostics())
                .extracting(Diagnostic::code)
                .containsExactly(Code.UNREPRESENTABLE);
    }

    @Test
    void outputIsDeterministic() {
        Plan plan = SamplePlans.shop();
        var a = emitter.emit(plan, null).files();
        var reversed = new java.util.ArrayList<>(plan.instances());
        Collections.reverse(reversed);
        Plan shuffled = new Plan(
                plan.setup(),
                plan.policy(),
                plan.nodes(),
                reversed,
                plan.bindings(),
                plan.order(),
                plan.remote(),
                plan.failsWith(),
                plan.diagnostics());
        assertThat(emitter.emit(shuffled, null).files()).isEqualTo(a);
        assertThat(emitter.emit(plan, null).files()).isEqualTo(a);
    }

    @Test
    void toolKindIsNeverAUnitEvenAlone() {
        var plan = SamplePlans.single(SamplePlans.daemon("t").kind(ModuleKind.TOOL));
        assertThat(emitter.emit(plan, "n1").files().keySet())
                .containsExactly("n1/etc/systemd/system/modsvc-one.target");
    }
}
