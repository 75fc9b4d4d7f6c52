package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.source.Limits;

/** Contract probes: read from contracts, checked for their references, present in the catalogue. */
class ProbeTest {
    @TempDir
    Path tmp;

    private LoadResult load(String contract) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir.resolve("services"));
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("setup.yaml"), "nodes: { n1: { address: h, run: [app] } }\n");
        Files.writeString(dir.resolve("services/app.yaml"), "name: app\nprocess: { argv: [/bin/app] }\n");
        Files.writeString(dir.resolve("contracts/queue.yaml"), contract);
        return new SetupLoader(Limits.DEFAULT, Catalogue.load()).load(dir, "s");
    }

    @Test
    void aProbeIsReadWithItsWords() throws IOException {
        var r = load("name: queue\nrequest: { name: { type: string } }\nresult: { host: { type: host } }\n"
                + "probe: { argv: [/usr/bin/q, \"${result.host}\", \"${request.name}\", \"$${literal}\"] }\n");
        assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        var probe = r.setup().contracts().get("queue").probe();
        assertThat(probe.words()).containsExactly("/usr/bin/q", "${result.host}", "${request.name}", "$${literal}");
    }

    @Test
    void aProbeReferringToAnUnknownFieldIsAnError() throws IOException {
        var r = load(
                "name: queue\nresult: { host: { type: host } }\nprobe: { argv: [/usr/bin/q, \"${result.port}\"] }\n");
        assertThat(r.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(d -> d.code().id() + " " + d.message())
                .containsExactly("E047 cannot resolve '${result.port}' in contract 'queue'.probe");
    }

    @Test
    void aProbeWithoutAnAbsoluteCommandIsAnError() throws IOException {
        var r = load("name: queue\nprobe: { argv: [q] }\n");
        assertThat(r.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(d -> d.code().id())
                .containsExactly("E015");
    }

    @Test
    void everyCatalogueContractHasAProbe() {
        var models = CatalogueModels.of(Catalogue.load());
        assertThat(models.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(models.contracts().values())
                .allSatisfy(c -> assertThat(c.probe()).as(c.name()).isNotNull());
    }
}
