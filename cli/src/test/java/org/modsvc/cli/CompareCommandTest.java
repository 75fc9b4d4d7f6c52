package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** compare's exit codes and what its JSON carries. */
class CompareCommandTest {

    @Test
    void aSetupThatDoesNotLoadExitsOneWithItsDiagnostics() {
        var r = Run.of("compare", "contracts/src/test/resources/diagnostics/e010-unknown-key");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("error[E010]");
        var j = Run.of("compare", "contracts/src/test/resources/diagnostics/e010-unknown-key", "--format", "json");
        assertThat(j.code()).isEqualTo(ExitCode.INVALID);
        assertThat(j.out()).contains("\"code\" : \"E010\"", "\"valid\" : false");
    }

    @Test
    void errorsOfEveryStrategyAreTheSetupsOwnAndExitOne() {
        var r = Run.of("compare", "samples/broken/cycle");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out())
                .contains("diagnostics of every strategy (the setup's own)")
                .contains("error[E046] dependency cycle: search.catalogue -> shop.search -> search")
                .contains("every strategy has 1 error(s) of the setup itself, first E046");
    }

    @Test
    void aMissingSetupOrBadFormatIsAUsageError() {
        assertThat(Run.of("compare", "samples/nowhere").code()).isEqualTo(ExitCode.USAGE);
        assertThat(Run.of("compare", "samples/webapp", "--format", "yaml").code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aStrategyWithErrorsIsAFindingNotAFailure() {
        // Fixed ports: the dedicated providers clash with the running one under sub-service only.
        var r = Run.of("compare", "resolver/src/test/resources/compare/shared-db", "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("\"perRequirementPolicy\" : \"ignored\"")
                .contains("\"valid\" : false")
                .contains("\"code\" : \"E045\"")
                .contains("\"largest\" : 2")
                .contains("shared runs 1 pg instead of 2 dedicated");
    }

    @Test
    void dedicatedCatalogueProvidersGetPortsOfTheirOwn() {
        var r = Run.of("compare", "samples/two-apps");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .containsPattern("result +valid +valid +valid")
                .contains("5432 5433 5434 6379 6380")
                .doesNotContain("E045");
    }
}
