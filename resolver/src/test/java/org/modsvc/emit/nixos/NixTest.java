package org.modsvc.emit.nixos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Nix text the NixOS target writes (NixosUnderNixTest has real Nix read it back). */
class NixTest {
    @Test
    void everyDollarAndTheQuoteCharactersAreEscaped() {
        assertThat(Nix.quote("a${b}$${c}$d\"\\''${e}\n\r\t"))
                .isEqualTo("\"a\\${b}\\$\\${c}\\$d\\\"\\\\''\\${e}\\n\\r\\t\"");
        assertThat(Nix.quote("line\nbreak", true)).isEqualTo("\"line\nbreak\"");
        assertThat(Nix.quote("é ☃ \uD83D\uDE00")).isEqualTo("\"é ☃ \uD83D\uDE00\"");
    }

    @Test
    void attributeNamesAreBareOnlyWhenPlainAndNotKeywords() {
        assertThat(Nix.name("DB_HOST")).isEqualTo("DB_HOST");
        assertThat(Nix.name("X-Modsvc-Remote")).isEqualTo("X-Modsvc-Remote");
        assertThat(Nix.name("in")).isEqualTo("\"in\"");
        assertThat(Nix.name("or")).isEqualTo("\"or\"");
        assertThat(Nix.name("system-services/app/conf")).isEqualTo("\"system-services/app/conf\"");
        assertThat(Nix.name("1abc")).isEqualTo("\"1abc\"");
    }

    @Test
    void setsOfOneAttributeAreWrittenAsPathsAndCallsInListsAreParenthesised() {
        var a = new Nix.Attrs();
        a.child("system").child("services").put("x", new Nix.ListOf(List.of(Nix.call("lib.mkDefault", Nix.str("v")))));
        assertThat(Nix.render(a, 0)).isEqualTo("{\n  system.services.x = [\n    (lib.mkDefault \"v\")\n  ];\n}");
    }
}
