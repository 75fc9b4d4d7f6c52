package org.modsvc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modsvc.model.Target;

class PlanIndexTest {
    private static Plan plan() {
        return TestPlans.setup("t")
                .node("web1", "10.0.0.1", Target.SYSTEMD)
                .node("web2", "10.0.0.2", Target.SYSTEMD)
                .instance(TestPlans.instance("web1", "app").build())
                .instance(TestPlans.instance("web1", "app-db").owner("web1/app").build())
                .instance(TestPlans.instance("web2", "cache").build())
                .binding("web1/app", "db", "web1/app-db", "db", BindingKind.SUB_SERVICE)
                .binding("web1/app", "cache", "web2/cache", "kv", BindingKind.REMOTE)
                .build();
    }

    @Test
    void looksUpWhatTheListsHold() {
        Plan plan = plan();
        PlanIndex index = plan.index();
        assertThat(index.plan()).isSameAs(plan);
        assertThat(index.instance("web1/app-db").owner()).isEqualTo("web1/app");
        assertThat(index.instance("web9/none")).isNull();
        assertThat(plan.instance("web2/cache")).isPresent();
        assertThat(index.node("web2").address()).isEqualTo("10.0.0.2");
        assertThat(index.onNode("web1")).extracting(Instance::id).containsExactly("web1/app", "web1/app-db");
        assertThat(index.ownedBy("web1/app")).extracting(Instance::id).containsExactly("web1/app-db");
        assertThat(index.bindingsOf("web1/app"))
                .extracting(Binding::requirement)
                .containsExactly("db", "cache");
        assertThat(index.binding("web1/app", "cache").provider()).isEqualTo("web2/cache");
        assertThat(index.bindingsTo("web2/cache")).extracting(Binding::consumer).containsExactly("web1/app");
        assertThat(index.provider(index.binding("web1/app", "db")).id()).isEqualTo("web1/app-db");
        assertThat(index.remoteOf("web1/app"))
                .extracting(RemoteDependency::provider)
                .containsExactly("web2/cache");
        assertThat(index.bindingsOf("web2/cache")).isEmpty();
    }

    @Test
    void theIndexTakesNoPartInEquality() {
        assertThat(plan()).isEqualTo(plan()).hasSameHashCodeAs(plan());
    }
}
