package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandsTest {
    @ParameterizedTest
    @ValueSource(strings = {"validate", "contracts", "schema", "completion", "emit"})
    void helpOfTheseCommandsShowsAnExample(String command) {
        var r = Run.of(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: modsvc " + command).contains("Example");
    }

    @Test
    void topLevelHelpShowsAnExampleAndTheExitCodes() {
        var r = Run.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: modsvc").contains("Example").contains("Exit codes");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command :
                Main.commandLine(Run.of().ctxForTests()).getSubcommands().keySet()) {
            var r = Run.of(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage:");
        }
    }

    @Test
    void versionPrintsTheVersion() {
        var r = Run.of("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("modsvc ");
    }

    @Test
    void completionPrintsABashScript() {
        var r = Run.of("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("complete -F")
                .contains("validate")
                .contains("contracts")
                .contains("schema");
    }

    @Test
    void usageErrorsPrintTheUsageNotATrace() {
        for (String[] args :
                new String[][] {{"validate"}, {"validate", "--bogus", "x"}, {"nosuchcommand"}, {"contracts", "a", "b"}
                }) {
            var r = Run.of(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains("modsvc")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
        var missing = Run.of("validate", "/no/such/setup");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void contractsListsTheCatalogue() {
        var r = Run.of("contracts");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("database.postgresql", "kv.redis", "secret", "tls.certificate", "backup.files");
    }

    @Test
    void contractsShowsOneContractWithItsFields() {
        var r = Run.of("contracts", "database.postgresql");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("reach:    network")
                .contains("passwordFile: path, secret")
                .contains("postgres -D");
    }

    @Test
    void contractsJsonIsData() throws Exception {
        var all = new ObjectMapper()
                .readTree(Run.of("contracts", "--format", "json").out());
        assertThat(all.path("contracts").size()).isGreaterThanOrEqualTo(10);
        var one = new ObjectMapper()
                .readTree(Run.of("contracts", "secret", "--format", "json").out());
        assertThat(one.path("reach").asText()).isEqualTo("local");
        assertThat(one.path("result").path("file").path("secret").asBoolean()).isTrue();
    }

    @Test
    void contractsOfASetupShowItsOwnAndOverriddenContracts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.yaml"), "nodes: {}\n");
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("contracts/kv.redis.yaml"), "reach: local\ndefaultProvider: redis\nresult: {}\n");
        Files.writeString(dir.resolve("contracts/queue.jobs.yaml"), "reach: network\nresult: {}\n");
        var r = Run.of(dir, Map.of(), false, "contracts", "--setup", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .containsPattern("kv\\.redis +setup +local")
                .containsPattern("queue\\.jobs +setup")
                .containsPattern("database\\.postgresql +catalogue");
        var json = new ObjectMapper()
                .readTree(Run.of(
                                dir,
                                Map.of(),
                                false,
                                "contracts",
                                "queue.jobs",
                                "--setup",
                                dir.toString(),
                                "--format",
                                "json")
                        .out());
        assertThat(json.path("from").asText()).isEqualTo("setup");
        assertThat(Run.of(dir, Map.of(), false, "contracts", "--setup", "/no/such")
                        .code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unknownContractSuggestsTheNearestName() {
        var r = Run.of("contracts", "kv.rediss");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("did you mean 'kv.redis'?");
    }

    @Test
    void schemaPrintsEachKind() throws Exception {
        for (String kind : new String[] {"setup", "service", "contract"}) {
            var r = Run.of("schema", kind);
            assertThat(r.code()).as(kind).isZero();
            var json = new ObjectMapper().readTree(r.out());
            assertThat(json.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
        assertThat(Run.of("schema").out()).isEqualTo(Run.of("schema", "setup").out());
        assertThat(Run.of("schema", "nodes").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void validateJsonGivesTheDiagnosticsAsData(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.yaml"), "nodes: {}\npolcy: shared\n");
        var r = Run.of(dir, Map.of(), false, "validate", dir.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        var d = new ObjectMapper().readTree(r.out()).path("diagnostics").get(0);
        assertThat(d.path("code").asText()).isEqualTo("E010");
        assertThat(d.path("line").asInt()).isEqualTo(2);
        assertThat(d.path("column").asInt()).isEqualTo(1);
        assertThat(d.path("hints").toString()).contains("did you mean 'policy'?");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.yaml"), "nodes: {}\npolcy: shared\n");
        var tty = Run.of(dir, Map.of(), true, "validate", dir.toString());
        assertThat(tty.err()).contains("\u001b[");
        var noColor = Run.of(dir, Map.of("NO_COLOR", "1"), true, "validate", dir.toString());
        assertThat(noColor.err()).doesNotContain("\u001b[").contains("error[E010]");
        var pipe = Run.of(dir, Map.of(), false, "validate", dir.toString());
        assertThat(pipe.err()).doesNotContain("\u001b[").contains("setup.yaml:2:1: error[E010]");
    }
}
