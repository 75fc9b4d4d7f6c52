package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignPackagesTest {
    @Test
    void theShippedListPinsSnidFromDebian13ByHash() {
        var shipped = ForeignPackages.shipped();
        assertThat(shipped.pinned("snid")).isTrue();
        assertThat(shipped.pinned("nginx-light")).isFalse();
        assertThat(shipped.among(List.of("curl", "snid"))).singleElement().satisfies(p -> {
            assertThat(p.suite()).isEqualTo("trixie");
            assertThat(p.path()).startsWith("pool/main/s/snid/").endsWith("_amd64.deb");
            assertThat(p.sha256()).hasSize(64);
        });
    }

    @Test
    void everyShippedPinIsInTheRootsPackageList() {
        var all = RootFs.shippedPackages();
        assertThat(ForeignPackages.shipped().among(all))
                .extracting(ForeignPackages.Pinned::name)
                .contains("snid");
    }

    @Test
    void aLineWithoutAHashIsRefused() {
        assertThatThrownBy(() -> ForeignPackages.parse("snid trixie pool/main/s/snid/snid.deb\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not 'name suite path sha256'");
        assertThat(ForeignPackages.parse("# only a comment\n\n").among(List.of("snid")))
                .isEmpty();
    }
}
