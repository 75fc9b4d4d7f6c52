package org.modsvc.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Contract;
import org.modsvc.model.Field;
import org.modsvc.model.FieldType;
import org.modsvc.model.Reach;
import org.modsvc.source.Limits;

class CatalogueTest {
    @TempDir
    Path dir;

    private LoadResult loadEmptySetup() throws IOException {
        Files.writeString(dir.resolve("setup.yaml"), "nodes: {}\n");
        return new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, "s");
    }

    @Test
    void everyShippedFileLoadsWithoutDiagnostics() throws IOException {
        var r = loadEmptySetup();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.setup().contracts())
                .containsKeys(
                        "database.postgresql",
                        "database.mysql",
                        "kv.redis",
                        "http.backend",
                        "smtp.relay",
                        "object-store.s3",
                        "mq.amqp",
                        "secret",
                        "tls.certificate",
                        "backup.files");
    }

    @Test
    void everyContractHasADefaultProviderThatProvidesItAsMain() throws IOException {
        var setup = loadEmptySetup().setup();
        for (Contract c : setup.contracts().values()) {
            assertThat(c.defaultProvider()).as(c.name()).isNotNull();
            var provider = setup.modules().get(c.defaultProvider().text());
            assertThat(provider).as("default provider of " + c.name()).isNotNull();
            assertThat(provider.provides()).as(provider.name()).containsKey("main");
            var main = provider.provides().get("main");
            assertThat(main.contract().text()).isEqualTo(c.name());
            assertThat(main.version()).as("version of " + provider.name()).isNotNull();
            assertThat(main.result().keySet())
                    .as("result of " + provider.name() + " fills every field of " + c.name())
                    .containsExactlyInAnyOrderElementsOf(c.result().keySet());
            assertThat(provider.process().argv()).as(provider.name()).isNotEmpty();
            assertThat(provider.process().argv().get(0).text()).startsWith("/");
        }
    }

    @Test
    void secretFieldsArePathsAndFileContractsAreLocal() throws IOException {
        var setup = loadEmptySetup().setup();
        for (Contract c : setup.contracts().values()) {
            for (Field f : c.result().values()) {
                if (f.secret())
                    assertThat(f.type()).as(c.name() + "." + f.name()).isEqualTo(FieldType.PATH);
            }
        }
        for (String local : new String[] {"secret", "tls.certificate", "backup.files"}) {
            assertThat(setup.contracts().get(local).reach()).as(local).isEqualTo(Reach.LOCAL);
        }
        for (String net : new String[] {"database.postgresql", "database.mysql", "kv.redis", "mq.amqp"}) {
            assertThat(setup.contracts().get(net).reach()).as(net).isEqualTo(Reach.NETWORK);
        }
    }

    @Test
    void theIndexListsEveryShippedFile() throws IOException {
        Path root = Path.of("src/main/resources/org/modsvc/catalogue");
        var index = Files.readAllLines(root.resolve("index.txt")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .sorted()
                .toList();
        try (var s = Files.walk(root)) {
            var files = s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.txt"))
                    .sorted()
                    .toList();
            assertThat(index).isEqualTo(files);
        }
    }
}
