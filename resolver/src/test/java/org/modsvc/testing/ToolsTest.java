package org.modsvc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {
    @Test
    void aMissingProgramSkipsOrFailsAsModsvcRequireToolsSays() {
        Class<? extends Throwable> expected =
                Boolean.getBoolean("modsvc.requireTools") ? AssertionFailedError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Tools.require("modsvc-no-such-program"))
                .isInstanceOf(expected)
                .hasMessageContaining("modsvc-no-such-program is not installed");
    }

    @Test
    void aPresentProgramIsFoundOnPath() {
        assertThat(Tools.find("sh")).isPresent().get().satisfies(p -> assertThat(p.isAbsolute())
                .isTrue());
    }
}
