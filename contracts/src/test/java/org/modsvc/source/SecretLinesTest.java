package org.modsvc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretLinesTest {
    private static String lines(String text, Set<String> declared) {
        return SecretLines.of(text, declared).toString();
    }

    @Test
    void declaredSecretFieldsHideTheirValueUnlessItIsAPathOrAReference() {
        String text = "a: 1\ntokenFile: hunter2\ncaFile: /run/keys/ca\nkeyFile: \"${requires.x.keyFile}\"\n"
                + "r: { caFile: inline, other: 2 }\n";
        assertThat(lines(text, Set.of("tokenFile", "caFile", "keyFile"))).isEqualTo("{2, 5}");
    }

    @Test
    void aPathWithAControlCharacterOrAnEscapeIsNotAPath() {
        assertThat(lines("caFile: \"/run/keys/x\\nsecret\"\n", Set.of("caFile")))
                .isEqualTo("{1}");
    }

    @Test
    void secretLookingKeysHideTheirValueWhateverTheContracts() {
        String text = "password: hunter2\nDB_PASSWORD: \"x\"\napiToken: abc\nclientSecret: s\nname: token\n"
                + "passthrough: 1\n\"private_key\": \"k\"\n";
        assertThat(lines(text, Set.of())).isEqualTo("{1, 2, 3, 4, 7}");
    }

    @Test
    void aKeyKeyHidesOnlyKeyMaterial() {
        String text = "key: name\nkey: QUJDREVGR0hJSktMTU5P1\nsigningKey: |\n  abc\nkeys:\n  - a\n";
        assertThat(lines(text, Set.of())).isEqualTo("{2, 3, 4}");
    }

    @Test
    void pemBlocksAndLongBase64RunsAreHiddenWhereverTheyAre() {
        String text = "x: |\n  -----BEGIN PRIVATE KEY-----\n\tMIIE\n  -----END PRIVATE KEY-----\ny: 1\n"
                + "z: QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwMTIzNDU2Nzg5\n-----BEGIN CERTIFICATE-----\nrest\n";
        assertThat(lines(text, Set.of())).isEqualTo("{2, 3, 4, 6, 7, 8, 9}");
    }

    @Test
    void aBlockOrAnUnclosedQuoteHidesTheMoreIndentedLinesBelow() {
        String text =
                "r:\n  tokenFile: |\n    line one\n\n    line two\n  next: 1\n  secret: \"open\n    more\"\nend: 1\n";
        assertThat(lines(text, Set.of("tokenFile"))).isEqualTo("{2, 3, 4, 5, 7, 8}");
    }

    @Test
    void ordinaryLinesStayVisible() {
        String text = "name: app\nprocess:\n  argv: [/usr/bin/app, --port, \"8080\"]\n  environment: { A: b }\n"
                + "requires:\n  db: { contract: database.postgresql, request: { passwordFile: /run/x } }\n";
        assertThat(lines(text, Set.of("passwordFile"))).isEqualTo("{}");
    }
}
