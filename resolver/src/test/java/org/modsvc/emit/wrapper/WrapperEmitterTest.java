package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.diag.Span;
import org.modsvc.emit.Emission;
import org.modsvc.model.Target;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Part;
import org.modsvc.plan.Plan;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;

class WrapperEmitterTest {

    private static String text(Emission e, String path) {
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }

    @Test
    void emitsAnExecutableWrapperPerInstanceConfigDataAndTheLauncher() {
        Emission e = new WrapperEmitter().emit(Examples.shop(), "laptop");
        assertThat(e.hasErrors()).isFalse();
        assertThat(e.files().keySet())
                .containsExactly(
                        "laptop/bin/modsvc.up",
                        "laptop/bin/shop",
                        "laptop/bin/shop-admin",
                        "laptop/bin/shop-db",
                        "laptop/etc/system-services/shop-admin/admin.ini",
                        "laptop/etc/system-services/shop/settings");
        e.files().forEach((path, f) -> assertThat(f.executable()).as(path).isEqualTo(path.contains("/bin/")));
        assertThat(text(e, "laptop/etc/system-services/shop/settings")).isEqualTo("listen = 8080\n");
    }

    /** The fixture is also the example of docs/wrapper-target.md; keep them together. */
    @Test
    void shopWrapperMatchesTheFixture() throws Exception {
        Emission e = new WrapperEmitter().emit(Examples.shop(), "laptop");
        String expected;
        try (var in = getClass().getResourceAsStream("/wrapper/shop.expected")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text(e, "laptop/bin/shop")).isEqualTo(expected);
    }

    @Test
    void docsShowTheFixture() throws Exception {
        Path doc = Path.of("..", "docs", "wrapper-target.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.exists(doc), "docs/wrapper-target.md is not beside the module");
        String expected;
        try (var in = getClass().getResourceAsStream("/wrapper/shop.expected")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(doc)).contains("```sh\n" + expected + "```\n");
    }

    @Test
    void secretFilesAreDeliveredAsTheirSourcePath() {
        Emission e = new WrapperEmitter().emit(Examples.shop(), "laptop");
        assertThat(text(e, "laptop/bin/shop")).contains("export DB_PASSWORD_FILE='/var/lib/secrets/shop-db'\n");
    }

    @Test
    void toolIsEmittedAsAWrapperButNeverStartedByTheLauncher() {
        Emission e = new WrapperEmitter().emit(Examples.shop(), "laptop");
        assertThat(text(e, "laptop/bin/shop-admin"))
                .contains("(tool, module shop-admin")
                .endsWith("    \"$@\" \\\n    '--no-color'\n");
        assertThat(text(e, "laptop/bin/modsvc.up"))
                .contains("modsvc_start 'shop-db' '/bin/shop-db' none &&\n"
                        + "modsvc_dirs 'shop' '/var/lib/modsvc/shop' '/run/modsvc/shop' &&\n"
                        + "modsvc_start 'shop' '/bin/shop' s6 &&\n")
                .doesNotContain("shop-admin");
    }

    @Test
    void launcherStopsInReverseOrder() {
        String up = text(new WrapperEmitter().emit(Examples.shop(), "laptop"), "laptop/bin/modsvc.up");
        assertThat(up)
                .contains(
                        "modsvc_stop 'shop'\nmodsvc_stop 'shop-db'\nrm -rf \"$modsvc_dir\"\nexit \"$modsvc_status\"\n");
    }

    @Test
    void rootPutsConfigDataPathsAndLauncherPathsUnderTheNodeTree() {
        Emission e = new WrapperEmitter("/home/me/out/").emit(Examples.shop(), "laptop");
        assertThat(text(e, "laptop/bin/shop"))
                .contains("'/home/me/out/laptop/etc/system-services/shop/settings'")
                .doesNotContain("'/etc/system-services")
                // secrets belong to the node, not to the tree
                .contains("'/var/lib/secrets/shop-db'");
        assertThat(text(e, "laptop/bin/modsvc.up")).contains("'/home/me/out/laptop/bin/shop'");
        assertThat(e.files()).containsKey("laptop/etc/system-services/shop/settings");
    }

    @Test
    void rootRewritesTheLongestConfigPathFirstAndReferencesInConfigText() {
        var i = TestPlans.instance("n", "app")
                .argv("/bin/app", "/etc/system-services/app/a", "/etc/system-services/app/ab")
                .config("a", "see /etc/system-services/app/ab\n")
                .config("ab", "x")
                .build();
        Plan plan =
                TestPlans.setup("s").node("n", "a", Target.WRAPPER).instance(i).build();
        Emission e = new WrapperEmitter("/r").emit(plan, "n");
        assertThat(text(e, "n/bin/app"))
                .contains("'/r/n/etc/system-services/app/a'", "'/r/n/etc/system-services/app/ab'");
        assertThat(text(e, "n/etc/system-services/app/a")).isEqualTo("see /r/n/etc/system-services/app/ab\n");
    }

    @Test
    void outputIsIdenticalWhateverTheOrderInstancesWereAdded() {
        var a = TestPlans.instance("n", "a")
                .argv("/bin/a")
                .env("Z", "1")
                .env("A", "2")
                .build();
        var b = TestPlans.instance("n", "b").argv("/bin/b").build();
        var one = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(a)
                .instance(b)
                .build();
        var two = new Plan(
                one.setup(),
                one.policy(),
                one.nodes(),
                List.of(b, a),
                one.bindings(),
                one.order(),
                one.remote(),
                one.failsWith(),
                one.diagnostics());
        assertThat(new WrapperEmitter().emit(two, "n")).isEqualTo(new WrapperEmitter().emit(one, "n"));
    }

    @Test
    void withoutANodeEveryWrapperNodeIsEmittedAndSystemdNodesAreLeftAlone() {
        var a = TestPlans.instance("w", "a").argv("/bin/a").build();
        var b = TestPlans.instance("s", "b").argv("/bin/b").build();
        var plan = TestPlans.setup("s")
                .node("w", "x", Target.WRAPPER)
                .node("s", "y", Target.SYSTEMD)
                .instance(a)
                .instance(b)
                .build();
        assertThat(new WrapperEmitter().emit(plan, null).files().keySet())
                .containsExactly("w/bin/a", "w/bin/modsvc.up");
    }

    @Test
    void launcherFollowsPlanOrderAndStillStartsAServiceTheOrderLeavesOut() {
        var a = TestPlans.instance("n", "a").argv("/bin/a").build();
        var b = TestPlans.instance("n", "b").argv("/bin/b").build();
        var c = TestPlans.instance("n", "c").argv("/bin/c").build();
        var built = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(a)
                .instance(b)
                .instance(c)
                .build();
        var order = new TreeMap<String, List<String>>();
        order.put("n", List.of("n/c", "n/a"));
        var plan = new Plan(
                built.setup(),
                built.policy(),
                built.nodes(),
                built.instances(),
                built.bindings(),
                order,
                built.remote(),
                built.failsWith(),
                built.diagnostics());
        assertThat(text(new WrapperEmitter().emit(plan, "n"), "n/bin/modsvc.up"))
                .contains("modsvc_dirs 'c' '/var/lib/modsvc/c' '/run/modsvc/c' &&\n"
                        + "modsvc_start 'c' '/bin/c' none &&\n"
                        + "modsvc_dirs 'a' '/var/lib/modsvc/a' '/run/modsvc/a' &&\n"
                        + "modsvc_start 'a' '/bin/a' none &&\n"
                        + "modsvc_dirs 'b' '/var/lib/modsvc/b' '/run/modsvc/b' &&\n"
                        + "modsvc_start 'b' '/bin/b' none &&\n");
    }

    @Test
    void nodeWithoutServicesGetsALauncherThatSaysSo() {
        var plan = TestPlans.setup("s").node("idle", "x", Target.WRAPPER).build();
        assertThat(text(new WrapperEmitter().emit(plan, "idle"), "idle/bin/modsvc.up"))
                .endsWith("modsvc_say 'this node runs no services'\nexit 0\n");
    }

    @Test
    void relativeChdirIsWrittenSoCdCannotTakeItForAnOption() {
        var i = TestPlans.instance("n", "app")
                .argv("/bin/app")
                .wrapper(plan(Value.of("-data"), List.of()))
                .build();
        Plan plan =
                TestPlans.setup("s").node("n", "a", Target.WRAPPER).instance(i).build();
        assertThat(text(new WrapperEmitter().emit(plan, "n"), "n/bin/app")).contains("cd './-data' || exit 1\n");
    }

    private static WrapperPlan plan(Value chdir, List<Value> after) {
        return new WrapperPlan(new TreeMap<>(), List.of(), new TreeMap<>(), new TreeMap<>(), chdir, after);
    }

    // --- E061 ---------------------------------------------------------------------------------

    private static final Span SPAN = Span.of("services/app.yaml", 3, 1, 4);

    private static Instance withSpan(Instance i) {
        return new Instance(
                i.id(),
                i.node(),
                i.name(),
                i.module(),
                i.owner(),
                i.kind(),
                i.argv(),
                i.environment(),
                i.notificationProtocol(),
                i.reload(),
                i.configData(),
                i.provides(),
                i.ports(),
                i.credentials(),
                i.systemd(),
                i.hardening(),
                i.wrapper(),
                i.stateDir(),
                i.runtimeDir(),
                i.lifecycle(),
                i.packages(),
                SPAN);
    }

    private static List<Diagnostic> errors(TestPlans.InstanceBuilder b) {
        Plan plan = TestPlans.setup("s")
                .node("n", "a", Target.WRAPPER)
                .instance(withSpan(b.build()))
                .build();
        Emission e = new WrapperEmitter().emit(plan, "n");
        if (e.hasErrors())
            assertThat(e.files()).as("nothing is emitted when there are errors").isEmpty();
        return e.diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    @Test
    void nulAnywhereIsE061AtTheInstance() {
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        prefix.put("PATH", new WrapperPlan.PathList(":", List.of(Value.of("/a\0b"))));
        var defaults = new TreeMap<String, Value>();
        defaults.put("D", Value.of("\0"));
        var errors = errors(TestPlans.instance("n", "app")
                .argv("/bin/app", "a\0b")
                .env("E", "x\0")
                .wrapper(new WrapperPlan(
                        defaults, List.of(), prefix, new TreeMap<>(), Value.of("/\0"), List.of(Value.of("\0")))));
        assertThat(errors).hasSize(6).allSatisfy(d -> {
            assertThat(d.code()).isEqualTo(Code.UNREPRESENTABLE);
            assertThat(d.span()).isEqualTo(SPAN);
            assertThat(d.message()).startsWith("n/app: ").contains("NUL");
        });
        assertThat(errors)
                .extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("argv[1]"))
                .anySatisfy(m -> assertThat(m).contains("environment variable E"))
                .anySatisfy(m -> assertThat(m).contains("default of environment variable D"))
                .anySatisfy(m -> assertThat(m).contains("prefix of PATH"))
                .anySatisfy(m -> assertThat(m).contains("chdir"))
                .anySatisfy(m -> assertThat(m).contains("argsAfter[0]"));
    }

    @Test
    void unpairedSurrogateIsE061AndAPairedOneIsFine() {
        assertThat(errors(TestPlans.instance("n", "app").argv("/bin/app", "\ud83d")))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("unpaired UTF-16 surrogate (U+D83D)"));
        assertThat(errors(TestPlans.instance("n", "app").argv("/bin/app", "\ud83d\ude00")))
                .isEmpty();
    }

    @Test
    void secretSourceWithNulIsE061() {
        var v = new Value(List.of(new Part.Literal("--pw="), new Part.SecretFile("pw", "/run/x\0")));
        assertThat(errors(TestPlans.instance("n", "app").argv("/bin/app").argvValue(v)))
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo(Code.UNREPRESENTABLE));
    }

    @Test
    void variablesShCannotSetAreE061() {
        assertThat(errors(TestPlans.instance("n", "app")
                        .argv("/bin/app")
                        .env("a-b", "1")
                        .env("PPID", "1")
                        .env("_", "x")))
                .extracting(Diagnostic::message)
                .hasSize(3)
                .anySatisfy(m -> assertThat(m).contains("'a-b'").contains("not a shell variable name"))
                .anySatisfy(m -> assertThat(m).contains("'PPID'").contains("keep for themselves"))
                .anySatisfy(m -> assertThat(m).contains("'_'"));
    }

    @Test
    void configDataMayHoldNulButNotAnUnpairedSurrogate() {
        assertThat(errors(TestPlans.instance("n", "app").argv("/bin/app").config("c", "a\0b")))
                .isEmpty();
        assertThat(errors(TestPlans.instance("n", "app").argv("/bin/app").config("c", "a\udc00")))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("config data 'c'"));
    }

    @Test
    void optionLikeArgv0IsE061() {
        assertThat(errors(TestPlans.instance("n", "app").argv("-x"))).hasSize(1);
        assertThat(errors(TestPlans.instance("n", "app"))).singleElement().satisfies(d -> assertThat(d.message())
                .contains("no argv"));
    }

    @Test
    void emptySeparatorIsE061() {
        var prefix = new TreeMap<String, WrapperPlan.PathList>();
        prefix.put("PATH", new WrapperPlan.PathList("", List.of(Value.of("/a"))));
        assertThat(errors(TestPlans.instance("n", "app")
                        .argv("/bin/app")
                        .wrapper(
                                new WrapperPlan(new TreeMap<>(), List.of(), prefix, new TreeMap<>(), null, List.of()))))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("separator"));
    }
}
