package org.modsvc.resolve.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.version.VersionRange;

class SharedPolicyTest {
    private static void bind(Harness h, boolean auto) {
        var shared = new SharedPolicy(h.providers, h.subService(), h.book, h.diags);
        shared.bind(h.inst("web1/app"), h.db(), h.dbContract(), VersionRange.ANY, Policy.SHARED, auto);
    }

    @Test
    void prefersTheProviderOnTheConsumersNode() {
        var h = Harness.of(true, null, Harness.nodes("app,pg", "pg"), List.of());
        bind(h, false);
        assertThat(h.diags.toList()).isEmpty();
        assertThat(h.book.all()).singleElement().satisfies(b -> {
            assertThat(b.provider().id).isEqualTo("web1/pg");
            assertThat(b.kind()).isEqualTo(BindingKind.LOCAL);
        });
    }

    @Test
    void takesARemoteProviderWhenNoneRunsOnTheNode() {
        var h = Harness.of(true, null, Harness.nodes("app", "pg"), List.of());
        bind(h, false);
        assertThat(h.book.all()).singleElement().satisfies(b -> {
            assertThat(b.provider().id).isEqualTo("web2/pg");
            assertThat(b.kind()).isEqualTo(BindingKind.REMOTE);
        });
    }

    @Test
    void twoEquallyGoodProvidersAreAmbiguous() {
        var h = Harness.of(true, null, Harness.nodes("app", "pg", "pg"), List.of());
        bind(h, false);
        assertThat(h.codes()).containsExactly(Code.AMBIGUOUS_PROVIDER);
        assertThat(h.book.all()).isEmpty();
    }

    @Test
    void autoFallsBackToADedicatedProviderWhenNoneRuns() {
        var h = Harness.of(true, "pg", Harness.nodes("app"), List.of());
        bind(h, true);
        assertThat(h.diags.toList()).isEmpty();
        assertThat(h.book.all()).singleElement().satisfies(b -> {
            assertThat(b.provider().id).isEqualTo("web1/app-db");
            assertThat(b.kind()).isEqualTo(BindingKind.SUB_SERVICE);
        });
    }

    @Test
    void noProviderIsAnError() {
        var h = Harness.of(true, null, Harness.nodes("app"), List.of());
        bind(h, false);
        assertThat(h.codes()).containsExactly(Code.NO_PROVIDER);
    }
}
