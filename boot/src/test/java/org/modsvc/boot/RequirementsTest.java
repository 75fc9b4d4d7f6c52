package org.modsvc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsTest {
    @Test
    void aUserOtherThanRootIsToldInOneLine() {
        String why = Requirements.missing(Map.of("PATH", "/usr/bin:/bin"), true, "alice");
        assertThat(why).isEqualTo("needs root (it boots containers with systemd-nspawn); run it as root");
    }

    @Test
    void aMissingProgramIsNamedWithItsPackage() {
        String why = Requirements.missing(Map.of("PATH", "/nonexistent"), false, "root");
        assertThat(why)
                .isEqualTo("needs systemd-nspawn, which is not installed (Debian: apt-get install"
                        + " systemd-container)");
    }
}
