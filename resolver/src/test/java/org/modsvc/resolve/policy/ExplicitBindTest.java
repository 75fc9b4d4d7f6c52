package org.modsvc.resolve.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modsvc.resolve.Models.bind;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsvc.diag.Code;
import org.modsvc.model.Bind;
import org.modsvc.model.Policy;
import org.modsvc.plan.BindingKind;
import org.modsvc.resolve.version.VersionRange;

class ExplicitBindTest {
    private static void bindAs(Harness h, Bind b, VersionRange range) {
        new ExplicitBind(h.instances, h.book, h.diags)
                .bind(h.inst("web1/app"), h.db(), h.dbContract(), range, b, Policy.SHARED);
    }

    @Test
    void bindsWhereTheEntrySaysEvenWithABetterLocalProvider() {
        Bind b = bind("web1", "app", "db", "web2", "pg", "db");
        var h = Harness.of(true, null, Harness.nodes("app,pg", "pg"), List.of(b));
        bindAs(h, b, VersionRange.ANY);
        assertThat(h.diags.toList()).isEmpty();
        assertThat(h.book.all()).singleElement().satisfies(x -> {
            assertThat(x.provider().id).isEqualTo("web2/pg");
            assertThat(x.kind()).isEqualTo(BindingKind.REMOTE);
            assertThat(x.bind()).isSameAs(b);
        });
        assertThat(h.inst("web2/pg").cand("db").explicitBound()).hasSize(1);
    }

    @Test
    void anEntryNamingNoInstanceIsABadBind() {
        Bind b = bind("web1", "app", "db", "web9", "pg", "db");
        var h = Harness.of(true, null, Harness.nodes("app,pg"), List.of(b));
        bindAs(h, b, VersionRange.ANY);
        assertThat(h.codes()).containsExactly(Code.BAD_BIND);
        assertThat(h.book.all()).isEmpty();
    }

    @Test
    void aVersionOutsideTheRangeIsRefused() {
        Bind b = bind("web1", "app", "db", "web1", "pg", "db");
        var h = Harness.of(true, null, Harness.nodes("app,pg"), List.of(b));
        bindAs(h, b, VersionRange.parse(">=17").range());
        assertThat(h.codes()).containsExactly(Code.VERSION_MISMATCH);
        assertThat(h.book.all()).isEmpty();
    }
}
