package org.modsvc.emit.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.emit.TreeWriter;
import org.modsvc.model.Target;
import org.modsvc.plan.TestPlans;
import org.modsvc.plan.Value;
import org.modsvc.plan.WrapperPlan;
import org.modsvc.testing.Tools;

/** The makeWrapper-style operations on concrete values, run under dash with env(1) as the program. */
class WrapperBehaviourTest {
    @TempDir
    Path tmp;

    private static WrapperPlan.PathList list(String sep, String... entries) {
        return new WrapperPlan.PathList(
                sep, Arrays.stream(entries).map(Value::of).toList());
    }

    /** Runs the wrapper with exactly {@code callerEnv}; returns env(1)'s output lines, or null on failure. */
    private Result run(WrapperPlan w, Map<String, String> callerEnv) throws Exception {
        Path dash = Tools.require("dash");
        Path env = Tools.require("env");
        var plan = TestPlans.setup("s")
                .node("n", "x", Target.WRAPPER)
                .instance(TestPlans.instance("n", "w")
                        .argv(env.toString())
                        .wrapper(w)
                        .build())
                .build();
        Path tree = tmp.resolve("tree-" + System.nanoTime());
        new TreeWriter().write(tree, new WrapperEmitter().emit(plan, "n").files(), false);
        var pb = new ProcessBuilder(dash.toString(), tree.resolve("n/bin/w").toString()).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().putAll(callerEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        var vars = new TreeMap<String, String>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("PWD=")) vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Result(status, vars, err);
    }

    private record Result(int status, Map<String, String> env, String err) {}

    private static WrapperPlan prefix(String name, WrapperPlan.PathList l) {
        var m = new TreeMap<String, WrapperPlan.PathList>();
        m.put(name, l);
        return new WrapperPlan(new TreeMap<>(), List.of(), m, new TreeMap<>(), null, List.of());
    }

    private static WrapperPlan suffix(String name, WrapperPlan.PathList l) {
        var m = new TreeMap<String, WrapperPlan.PathList>();
        m.put(name, l);
        return new WrapperPlan(new TreeMap<>(), List.of(), new TreeMap<>(), m, null, List.of());
    }

    @Test
    void prefixOfAnUnsetOrEmptyVariableHasNoEmptyElement() throws Exception {
        assertThat(run(prefix("P", list(":", "/a", "/b")), Map.of()).env()).containsEntry("P", "/a:/b");
        assertThat(run(prefix("P", list(":", "/a", "/b")), Map.of("P", "")).env())
                .containsEntry("P", "/a:/b");
    }

    @Test
    void prefixKeepsDeclaredOrderAndSkipsEntriesAlreadyPresent() throws Exception {
        assertThat(run(prefix("P", list(":", "/a", "/b")), Map.of("P", "/usr/bin:/b"))
                        .env())
                .containsEntry("P", "/a:/usr/bin:/b");
        assertThat(run(prefix("P", list(":", "/a", "/a")), Map.of("P", "/x")).env())
                .containsEntry("P", "/a:/x");
    }

    @Test
    void suffixAppendsWithItsSeparatorAndSkipsEntriesAlreadyPresent() throws Exception {
        assertThat(run(suffix("S", list(";", "x", "y")), Map.of("S", "y")).env())
                .containsEntry("S", "y;x");
        assertThat(run(suffix("S", list(";", "x")), Map.of("S", "ax;xb")).env()).containsEntry("S", "ax;xb;x");
    }

    @Test
    void emptyEntriesAreNeverAdded() throws Exception {
        assertThat(run(suffix("S", list(":", "", "/a")), Map.of("S", "/x")).env())
                .containsEntry("S", "/x:/a");
    }

    @Test
    void setDefaultOnlyWhenUnsetAndUnsetRemoves() throws Exception {
        var defaults = new TreeMap<String, Value>();
        defaults.put("D", Value.of("dflt"));
        defaults.put("E", Value.of("dflt"));
        var w = new WrapperPlan(defaults, List.of("U"), new TreeMap<>(), new TreeMap<>(), null, List.of());
        var r = run(w, Map.of("E", "", "U", "gone", "K", "kept"));
        assertThat(r.env()).containsEntry("D", "dflt").containsEntry("E", "").containsEntry("K", "kept");
        assertThat(r.env()).doesNotContainKey("U");
    }

    @Test
    void aMissingChdirDirectoryStopsBeforeExec() throws Exception {
        var w = new WrapperPlan(
                new TreeMap<>(), List.of(), new TreeMap<>(), new TreeMap<>(), Value.of("/nonexistent/dir"), List.of());
        var r = run(w, Map.of());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.env()).isEmpty();
        assertThat(r.err()).contains("/nonexistent/dir");
    }

    @Test
    void callerLocaleIsRestoredAfterPrefixMatching() throws Exception {
        var r = run(prefix("P", list(":", "/a")), Map.of("LC_ALL", "C.UTF-8"));
        assertThat(r.env()).containsEntry("LC_ALL", "C.UTF-8");
        assertThat(run(prefix("P", list(":", "/a")), Map.of()).env()).doesNotContainKey("LC_ALL");
        assertThat(new ArrayList<>(r.env().keySet())).containsExactly("LC_ALL", "P");
    }
}
