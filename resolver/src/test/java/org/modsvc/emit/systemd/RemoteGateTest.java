package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Plan;
import org.modsvc.plan.UnitNames;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/** requires.R.remoteWait reaches the plan and the consumer's unit: per requirement, 0 for none. */
class RemoteGateTest {
    private static Plan plan() throws java.io.IOException {
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty())
                .load(Path.of("src/test/resources/emit/remote-wait"), "remote-wait");
        assertThat(loaded.diagnostics()).isEmpty();
        Plan plan = new Resolver(Limits.DEFAULT)
                .resolve(loaded.setup(), loaded.setup().policy());
        assertThat(plan.diagnostics()).isEmpty();
        return plan;
    }

    @Test
    void eachRequirementWaitsAsLongAsItSays() throws java.io.IOException {
        Plan plan = plan();
        assertThat(plan.remote().stream()
                        .map(r -> r.requirement() + "=" + r.waitSeconds())
                        .toList())
                .containsExactly("cache=0", "db=120", "web=60");
        String unit = unit(plan);
        List<String> pre =
                unit.lines().filter(l -> l.startsWith("ExecStartPre=")).toList();
        // cache (0) has no gate; db and web wait in requirement order, each as long as it says.
        assertThat(pre).hasSize(2);
        assertThat(pre.get(0)).contains(" 10.0.0.1 5432 120 a/db.main");
        assertThat(pre.get(1)).contains(" 10.0.0.1 80 60 a/web.main");
        // 180 s of waiting does not fit systemd's default 90 s start timeout.
        assertThat(unit.lines().filter(l -> l.startsWith("TimeoutStartSec="))).containsExactly("TimeoutStartSec=210");
    }

    @Test
    void gatesThatFitTheDefaultStartTimeoutLeaveItAlone() {
        var gates = new RemoteGate.Gates(List.of(), 60);
        assertThat(gates.startTimeout()).isNull();
        assertThat(new RemoteGate.Gates(List.of(), 61).startTimeout()).isEqualTo("91");
    }

    private static String unit(Plan plan) {
        var e = new SystemdEmitter().emit(plan, "b");
        String path = "b/etc/systemd/system/" + UnitNames.service("app");
        assertThat(e.files()).containsKey(path);
        return new String(e.files().get(path).content(), StandardCharsets.UTF_8);
    }
}
