package org.modsvc.emit.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every argv and environment value the encoder writes parses back, through the model of systemd's
 * parser, to the same bytes. Seeded: a failure names its seed; {@code -Dmodsvc.seed=N} replays one.
 */
class UnitSyntaxRoundTripTest {
    private static final int STRINGS_PER_SEED = 400;
    private static final Map<Character, String> SPECIFIERS =
            Map.of('d', "/run/credentials/x.service", 'n', "x.service");

    static LongStream seeds() {
        String replay = System.getProperty("modsvc.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 11);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void execLineParsesBackToTheSameArgv(long seed) throws Exception {
        var r = new RandomStrings(seed);
        int done = 0;
        while (done < STRINGS_PER_SEED) {
            var argv = new ArrayList<String>();
            argv.add(r.executable());
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++) argv.add(r.next());
            done += n;
            String line = UnitSyntax.execLine(argv);
            var parsed = SystemdParser.parseExec(line, SPECIFIERS);
            String where = "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + "), ExecStart=" + line;
            assertThat(parsed.error()).as(where + " " + parsed.warnings()).isFalse();
            assertThat(parsed.warnings()).as(where).isEmpty();
            assertThat(parsed.commands()).as(where).hasSize(1);
            var cmd = parsed.commands().get(0);
            assertThat(SystemdParser.string(cmd.path())).as(where).isEqualTo(argv.get(0));
            assertThat(cmd.flags()).as(where).isEmpty();
            var run = SystemdParser.expandArgv(cmd.argv(), Map.of("HOME", "/root"));
            assertThat(run.stream().map(SystemdParser::string).toList())
                    .as(where)
                    .containsExactlyElementsOf(argv);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void environmentParsesBackToTheSameValue(long seed) throws Exception {
        var r = new RandomStrings(seed);
        for (int i = 0; i < STRINGS_PER_SEED; i++) {
            String value = r.next();
            String line = UnitSyntax.environment("V_" + i, value);
            String where = "seed " + seed + " (replay with -Dmodsvc.seed=" + seed + "), Environment=" + line;
            var parsed = SystemdParser.parseEnvironment(line, SPECIFIERS);
            assertThat(parsed).as(where).hasSize(1);
            assertThat(parsed.get(0)).as(where).isEqualTo(("V_" + i + "=" + value).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void specialWordsAreWrittenAsSystemdNeeds() throws Exception {
        assertThat(UnitSyntax.execLine(List.of("/bin/find", ";", "", "a b", "$x", "100%")))
                .isEqualTo("/bin/find \\; \"\" \"a b\" $$x 100%%");
        assertThat(UnitSyntax.execLine(List.of("/bin/x", "tab\there", "q\"uote", "back\\slash", "é")))
                .isEqualTo("/bin/x \"tab\\there\" \"q\\\"uote\" \"back\\\\slash\" \"é\"");
        assertThat(UnitSyntax.execLine(List.of("/opt/$x/bin", "-v"))).isEqualTo("@/opt/$x/bin /opt/$$x/bin -v");
        assertThat(UnitSyntax.environment("A", "$x 5%")).isEqualTo("\"A=$x 5%%\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"-x", "@x", ":x", "+x", "!x", "/bin/\"x", "/bin/x\\y", "/bin/x\ny", "/bin/dir/", "rel/x", ""})
    void executablesSystemdCannotRunAreRefused(String exe) {
        assertThatThrownBy(() -> UnitSyntax.execLine(List.of(exe, "a"))).isInstanceOf(UnitSyntax.Unrepresentable.class);
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedNotChanged() {
        assertThatThrownBy(() -> UnitSyntax.execLine(List.of("/bin/x", "a\u0000b")))
                .isInstanceOf(UnitSyntax.Unrepresentable.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> UnitSyntax.execLine(List.of("/bin/x", "a\uD800b")))
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> UnitSyntax.environment("A", "\uDC00")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> UnitSyntax.environment("1A", "x")).hasMessageContaining("variable name");
        assertThatThrownBy(() -> UnitSyntax.execLine(List.of("/bin/x", "a\uFFFEb")))
                .hasMessageContaining("U+FFFE");
        assertThatThrownBy(() -> UnitSyntax.environment("A", "\uFDD0")).hasMessageContaining("U+FDD0");
        assertThatThrownBy(() -> UnitSyntax.execLine(List.of("/bin/x", "\uDBFF\uDFFF")))
                .hasMessageContaining("U+10FFFF");
    }

    @Test
    void unitNamesStayWithinSystemdsRules() throws Exception {
        assertThat(UnitSyntax.unitName("app-db", "service")).isEqualTo("app-db.service");
        assertThatThrownBy(() -> UnitSyntax.unitName("a".repeat(250), "service"))
                .hasMessageContaining("255");
        assertThatThrownBy(() -> UnitSyntax.unitName("a b", "service")).hasMessageContaining("not a valid");
    }
}
