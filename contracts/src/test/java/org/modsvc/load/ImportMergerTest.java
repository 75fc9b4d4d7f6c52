package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.model.Module;
import org.modsvc.model.Scalar;
import org.modsvc.source.Limits;

class ImportMergerTest {
    @TempDir
    Path dir;

    private LoadResult load(Map<String, String> modules) throws IOException {
        return load(modules, Limits.DEFAULT);
    }

    private LoadResult load(Map<String, String> modules, Limits limits) throws IOException {
        Files.writeString(dir.resolve("setup.yaml"), "nodes:\n  n1: { run: [app] }\n");
        Files.createDirectories(dir.resolve("services"));
        for (var e : modules.entrySet()) {
            Files.writeString(
                    dir.resolve("services/" + e.getKey() + ".yaml"), "name: " + e.getKey() + "\n" + e.getValue());
        }
        return new SetupLoader(limits, Catalogue.empty()).load(dir, "s");
    }

    private static Module app(LoadResult r) {
        return r.setup().modules().get("app");
    }

    private static List<String> texts(List<Scalar> l) {
        return l.stream().map(Scalar::text).toList();
    }

    private static List<String> codes(LoadResult r) {
        return r.diagnostics().stream().map(d -> d.code().id()).toList();
    }

    @Test
    void importerWinsOverItsImport() throws IOException {
        var r = load(Map.of(
                "base", "process: { argv: [/usr/bin/base, -x], environment: { A: base, B: base } }\n",
                "app", "imports: [base]\nprocess: { argv: [/usr/bin/app], environment: { A: app } }\n"));
        assertThat(r.diagnostics()).isEmpty();
        var p = app(r).process();
        assertThat(texts(p.argv())).as("argv is one value, not appended").containsExactly("/usr/bin/app");
        assertThat(p.environment().get("A").text()).isEqualTo("app");
        assertThat(p.environment().get("B").text()).as("maps merge").isEqualTo("base");
        assertThat(p.environment().get("B").span().file())
                .as("merged values keep their file")
                .isEqualTo("s/services/base.yaml");
    }

    @Test
    void listsAppendImportsFirstThenTheImporter() throws IOException {
        var r = load(Map.of(
                "a", "wrapper: { unset: [A1] }\n",
                "b", "wrapper: { unset: [B1] }\n",
                "app", "imports: [a, b]\nprocess: { argv: [/usr/bin/app] }\nwrapper: { unset: [OWN] }\n"));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(texts(app(r).wrapper().unset())).containsExactly("A1", "B1", "OWN");
    }

    @Test
    void aDiamondImportContributesItsListItemsOnce() throws IOException {
        var r = load(Map.of(
                "base", "wrapper: { unset: [X] }\nnotificationProtocol: systemd\n",
                "a", "imports: [base]\n",
                "b", "imports: [base]\n",
                "app", "imports: [a, b]\nprocess: { argv: [/usr/bin/app] }\n"));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(texts(app(r).wrapper().unset())).containsExactly("X");
    }

    @Test
    void twoImportsSettingOneScalarDifferentlyIsAnErrorNamingBothPlaces() throws IOException {
        var r = load(Map.of(
                "a", "notificationProtocol: systemd\n",
                "b", "notificationProtocol: s6\n",
                "app", "imports: [a, b]\nprocess: { argv: [/usr/bin/app] }\n"));
        assertThat(codes(r)).containsExactly("E022");
        Diagnostic d = r.diagnostics().get(0);
        assertThat(d.message()).contains("notificationProtocol");
        assertThat(d.span().file()).isEqualTo("s/services/b.yaml");
        assertThat(d.span().line()).isEqualTo(2);
        assertThat(d.related()).singleElement().satisfies(rel -> {
            assertThat(rel.span().file()).isEqualTo("s/services/a.yaml");
            assertThat(rel.span().line()).isEqualTo(2);
        });
    }

    @Test
    void theImporterSettlesAConflictBetweenItsImports() throws IOException {
        var r = load(Map.of(
                "a", "notificationProtocol: systemd\n",
                "b", "notificationProtocol: s6\n",
                "app", "imports: [a, b]\nprocess: { argv: [/usr/bin/app] }\nnotificationProtocol: none\n"));
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void equalValuesFromTwoImportsAreNoConflict() throws IOException {
        var r = load(Map.of(
                "a", "notificationProtocol: systemd\n",
                "b", "notificationProtocol: systemd\n",
                "app", "imports: [a, b]\nprocess: { argv: [/usr/bin/app] }\n"));
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void danglingImportSuggestsTheNearestModule() throws IOException {
        var r = load(Map.of(
                "base", "notificationProtocol: systemd\n",
                "app", "imports: [bsae]\nprocess: { argv: [/usr/bin/app] }\n"));
        assertThat(codes(r)).containsExactly("E020");
        assertThat(r.diagnostics().get(0).hints()).contains("did you mean 'base'?");
    }

    @Test
    void importCycleIsPrintedAsAPath() throws IOException {
        var r = load(Map.of(
                "a", "imports: [b]\n",
                "b", "imports: [c]\n",
                "c", "imports: [a]\n",
                "app", "imports: [a]\nprocess: { argv: [/usr/bin/app] }\n"));
        assertThat(r.diagnostics())
                .filteredOn(d -> d.code() == Code.IMPORT_CYCLE)
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("a -> b -> c -> a"));
    }

    @Test
    void subServicesMergeTheirOwnImports() throws IOException {
        var r = load(Map.of(
                "worker", "process: { argv: [/usr/bin/worker] }\n",
                "app", "process: { argv: [/usr/bin/app] }\nservices:\n  jobs: { imports: [worker] }\n"));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(texts(app(r).services().get("jobs").process().argv())).containsExactly("/usr/bin/worker");
    }

    @Test
    void aLongImportChainDoesNotOverflowTheStack() throws IOException {
        var modules = new java.util.HashMap<String, String>();
        for (int i = 0; i < 3000; i++) modules.put("m" + i, "imports: [m" + (i + 1) + "]\n");
        modules.put("m3000", "process: { argv: [/usr/bin/deep] }\n");
        modules.put("app", "imports: [m0]\n");
        // Past the default import-depth: raised, the chain merges whole.
        var r = load(modules, Limits.DEFAULT.with("import-depth", 4000));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(texts(app(r).process().argv())).containsExactly("/usr/bin/deep");
        var bounded = load(modules);
        assertThat(bounded.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("more than the limit of 64"));
    }
}
