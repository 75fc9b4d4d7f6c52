package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

class SelfProbesTest {
    @Test
    void onlyAnUnconsumedProvisionWhoseProbeNeedsNoConsumerIsProbedAsItsProvider() throws Exception {
        Path dir = Path.of("src/test/resources/self-probes");
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, dir.toString());
        assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
        Plan plan = new Resolver(Limits.DEFAULT).resolve(loaded.setup());
        assertThat(plan.hasErrors()).as(plan.diagnostics().toString()).isFalse();

        var self = SelfProbes.of(plan, loaded.setup().contracts());

        assertThat(self).singleElement().satisfies(b -> {
            assertThat(b.consumer()).isEqualTo("n1/front");
            assertThat(b.requirement()).isEqualTo("provides-site");
            assertThat(b.provider()).isEqualTo("n1/front");
            assertThat(b.provision()).isEqualTo("site");
            assertThat(b.kind()).isEqualTo(BindingKind.LOCAL);
            assertThat(b.result()).containsEntry("host", "10.0.0.1").containsEntry("port", "80");
            assertThat(ProbeArgv.of(loaded.setup().contracts().get("http.backend"), b))
                    .extracting(v -> v.plain())
                    .containsExactly("/usr/bin/curl", "http://10.0.0.1:80/");
        });
    }
}
