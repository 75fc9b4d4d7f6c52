package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.emit.Emission;
import org.modsvc.model.Target;
import org.modsvc.plan.Lifecycle;
import org.modsvc.plan.Plan;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;

/** The step wrappers and launcher lines the emitter writes for an instance's lifecycle. */
class WrapperLifecycleEmitTest {

    private static String text(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    private static List<Value> words(String... w) {
        return java.util.Arrays.stream(w).map(Value::of).toList();
    }

    private static Plan plan(WrapperPlan wrapper, String... initWords) {
        var db = TestPlans.instance("n", "db")
                .argv("/usr/bin/db", "--dir", "/var/lib/modsvc/db")
                .env("SOCK", "/run/modsvc/db/s")
                .env("REMOTE", "/var/lib/modsvc/db2/passwords/x")
                .wrapper(wrapper)
                .config("fulfil", "sock=/run/modsvc/db/s\n")
                .lifecycle(new Lifecycle(
                        words(initWords),
                        List.of(
                                new Lifecycle.Fulfil(
                                        "main",
                                        "n/shop",
                                        "db",
                                        words("/bin/sh", "/etc/system-services/db/fulfil", "it's /var/lib/modsvc/db")),
                                new Lifecycle.Fulfil("main", "n/web", "db", words("/bin/true")))))
                .build();
        var shop = TestPlans.instance("n", "shop").argv("/bin/shop").build();
        return TestPlans.setup("s")
                .node("n", "a", Target.WRAPPER)
                .instance(db)
                .instance(shop)
                .build();
    }

    @Test
    void eachStepGetsAWrapperWithTheInstanceEnvironmentAndTheLauncherRunsThemAroundTheStart() {
        var w = new WrapperPlan(
                new java.util.TreeMap<>(),
                List.of("PYTHONPATH"),
                new java.util.TreeMap<>(),
                new java.util.TreeMap<>(),
                null,
                words("--after"));
        Emission e = new WrapperEmitter().emit(plan(w, "/bin/sh", "-c", "initdb"), "n");
        assertThat(e.hasErrors()).as("%s", e.diagnostics()).isFalse();
        assertThat(e.files()).containsKeys("n/bin/db.init", "n/bin/db.fulfil.1", "n/bin/db.fulfil.2");
        assertThat(e.files().get("n/bin/db.init").executable()).isTrue();
        String init = text(e, "n/bin/db.init");
        assertThat(init)
                .contains("# modsvc init step of n/db", "unset PYTHONPATH\n", "export SOCK='/run/modsvc/db/s'\n")
                .endsWith("exec \\\n    '/bin/sh' \\\n    '-c' \\\n    'initdb' \\\n    \"$@\"\n");
        assertThat(text(e, "n/bin/db.fulfil.1"))
                .contains("# modsvc fulfil main for n/shop db step of n/db")
                .contains("'it'\\''s /var/lib/modsvc/db' \\\n    \"$@\"\n")
                .doesNotContain("--after");
        assertThat(text(e, "n/bin/db")).contains("'--after'");
        assertThat(text(e, "n/bin/modsvc.up"))
                .contains("modsvc_dirs 'db' '/var/lib/modsvc/db' '/run/modsvc/db' &&\n"
                        + "modsvc_step 'db' 'init' '/bin/db.init' &&\n"
                        + "modsvc_start 'db' '/bin/db' none &&\n"
                        + "modsvc_step 'db' 'fulfil main for n/shop db' '/bin/db.fulfil.1' &&\n"
                        + "modsvc_step 'db' 'fulfil main for n/web db' '/bin/db.fulfil.2' &&\n"
                        + "modsvc_dirs 'shop' '/var/lib/modsvc/shop' '/run/modsvc/shop' &&\n"
                        + "modsvc_start 'shop' '/bin/shop' none &&\n");
    }

    @Test
    void rootRelocatesStateAndRuntimeDirectoriesEverywhereButOnlyAsWholeNames() {
        Emission e = new WrapperEmitter("/r").emit(plan(WrapperPlan.EMPTY, "/bin/init", "/var/lib/modsvc/db"), "n");
        assertThat(text(e, "n/bin/db"))
                .contains("'/r/n/var/lib/modsvc/db'", "export SOCK='/r/n/run/modsvc/db/s'")
                // another instance's directory (here none on this node) is left alone
                .contains("export REMOTE='/var/lib/modsvc/db2/passwords/x'");
        assertThat(text(e, "n/bin/db.init")).contains("'/bin/init' \\\n    '/r/n/var/lib/modsvc/db'");
        assertThat(text(e, "n/bin/db.fulfil.1"))
                .contains("'/r/n/etc/system-services/db/fulfil'", "'it'\\''s /r/n/var/lib/modsvc/db'");
        assertThat(text(e, "n/etc/system-services/db/fulfil")).isEqualTo("sock=/r/n/run/modsvc/db/s\n");
        assertThat(text(e, "n/bin/modsvc.up"))
                .contains("modsvc_dirs 'db' '/r/n/var/lib/modsvc/db' '/r/n/run/modsvc/db' &&\n")
                .contains("modsvc_step 'db' 'init' '/r/n/bin/db.init' &&\n");
    }

    @Test
    void aStepProblemIsReportedOnceAndNamesTheStep() {
        Emission e = new WrapperEmitter().emit(plan(WrapperPlan.EMPTY, "-x"), "n");
        assertThat(e.diagnostics())
                .filteredOn(d -> d.code() == Code.UNREPRESENTABLE)
                .extracting(d -> d.message())
                .containsExactly("n/db: init argv[0] is empty or starts with '-', which exec would take for an option"
                        + " (wrapper target)");
    }

    @Test
    void theLauncherRefusesRootUnlessAllowedAndStopsProcessGroups() {
        String up = text(new WrapperEmitter().emit(plan(WrapperPlan.EMPTY, "/bin/true"), "n"), "n/bin/modsvc.up");
        assertThat(up)
                .contains("if [ \"$(id -u)\" = 0 ] && [ \"${MODSVC_ALLOW_ROOT-}\" != 1 ]; then")
                .contains("modsvc_setsid=$(command -v setsid 2>/dev/null)")
                .contains("kill -\"$1\" -\"$2\" 2>/dev/null || kill -\"$1\" \"$2\" 2>/dev/null");
    }
}
