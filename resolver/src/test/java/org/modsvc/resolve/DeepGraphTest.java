package org.modsvc.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modsvc.resolve.Models.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modsvc.diag.Code;
import org.modsvc.model.Bind;
import org.modsvc.model.Contract;
import org.modsvc.model.Module;
import org.modsvc.model.Policy;
import org.modsvc.model.Reach;
import org.modsvc.plan.Plan;
import org.modsvc.source.Limits;

/** Graphs far deeper than any stack: every algorithm on the way must be iterative. */
@Tag("deep")
class DeepGraphTest {

    private static String name(int i) {
        return "m" + i;
    }

    @Test
    @Timeout(30)
    void chainOfHundredThousandExplicitBindsPlansWithoutStackOverflow() {
        int n = 100_000;
        var modules = new ArrayList<Module>(n);
        var binds = new ArrayList<Bind>(n);
        var run = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            var req = i + 1 < n
                    ? List.of(requirement("next", "link", null, false, null))
                    : List.<org.modsvc.model.Requirement>of();
            modules.add(module(name(i), List.of(provision("main", "link", "1", null)), req));
            run.add(name(i));
            if (i + 1 < n) binds.add(bind("n", name(i), "next", "n", name(i + 1), "main"));
        }
        var setup = setup(
                Policy.SUB_SERVICE,
                List.of(node("n", "10.0.0.1", run)),
                modules,
                List.<Contract>of(contract("link", Reach.NETWORK, true, null)),
                binds);
        Plan plan = new Resolver(Limits.DEFAULT).resolve(setup);
        assertThat(plan.diagnostics()).isEmpty();
        assertThat(plan.bindings()).hasSize(n - 1);
        List<String> order = plan.order().get("n");
        assertThat(order).hasSize(n);
        assertThat(order.get(0)).isEqualTo("n/" + name(n - 1));
        assertThat(order.get(n - 1)).isEqualTo("n/" + name(0));
    }

    @Test
    @Timeout(30)
    void cycleOfFiftyThousandIsReportedOnceAsAPath() {
        int n = 50_000;
        var modules = new ArrayList<Module>(n);
        var contracts = new ArrayList<Contract>(n);
        var run = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            // m_i needs what m_(i+1) provides; the last needs the first: one long cycle.
            String next = "c" + ((i + 1) % n);
            modules.add(module(
                    name(i),
                    List.of(provision("main", "c" + i, "1", null)),
                    List.of(requirement("next", next, null, false, null))));
            contracts.add(contract("c" + i, Reach.NETWORK, true, null));
            run.add(name(i));
        }
        var setup = setup(Policy.SHARED, List.of(node("n", "10.0.0.1", run)), modules, contracts, List.of());
        Plan plan = new Resolver(Limits.DEFAULT).resolve(setup);
        var cycles =
                plan.diagnostics().stream().filter(d -> d.code() == Code.CYCLE).toList();
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).related()).hasSize(n);
        assertThat(cycles.get(0).message()).startsWith("dependency cycle: m0.next -> m1.next -> ");
        assertThat(cycles.get(0).message()).endsWith("m49999.next -> m0");
        assertThat(plan.order().get("n")).hasSize(n);
    }
}
