package org.modsvc.resolve.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.version.VersionRange;

class SubServicePolicyTest {
    private static void bind(Harness h, VersionRange range) {
        h.subService().bind(h.inst("web1/app"), h.db(), h.dbContract(), range, Policy.SUB_SERVICE, "test");
    }

    @Test
    void instantiatesTheDefaultProviderOwnedByTheConsumer() {
        var h = Harness.of(true, "pg", Harness.nodes("app,pg"), List.of());
        bind(h, VersionRange.ANY);
        assertThat(h.diags.toList()).isEmpty();
        var sub = h.inst("web1/app-db");
        assertThat(sub).isNotNull();
        assertThat(sub.owner.id).isEqualTo("web1/app");
        assertThat(sub.dedicated).isTrue();
        assertThat(sub.cands()).hasSize(1);
        assertThat(h.book.all()).singleElement().satisfies(b -> {
            assertThat(b.provider()).isSameAs(sub);
            assertThat(b.kind()).isEqualTo(BindingKind.SUB_SERVICE);
        });
    }

    @Test
    void withoutAProviderModuleTheRequirementIsUnmet() {
        var h = Harness.of(true, null, Harness.nodes("app"), List.of());
        bind(h, VersionRange.ANY);
        assertThat(h.codes()).containsExactly(Code.NO_PROVIDER);
        assertThat(h.instances.size()).isEqualTo(1);
    }

    @Test
    void aProviderOutsideTheRangeIsReportedOncePerRequirement() {
        var h = Harness.of(true, "pg", Harness.nodes("app", "app"), List.of());
        var range = VersionRange.parse(">=17").range();
        var policy = h.subService();
        for (String id : List.of("web1/app", "web2/app"))
            policy.bind(h.inst(id), h.db(), h.dbContract(), range, Policy.SUB_SERVICE, "test");
        assertThat(h.codes()).containsExactly(Code.VERSION_MISMATCH);
        assertThat(h.book.all()).isEmpty();
    }
}
