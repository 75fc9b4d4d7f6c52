package org.modsvc.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.source.Limits;

class SetupLoaderTest {
    @TempDir
    Path dir;

    private LoadResult load() throws IOException {
        return new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, "s");
    }

    private void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void yaml11ScalarsKeepTheirMeaningWhereAStringIsExpected() throws IOException {
        write("setup.yaml", "nodes:\n  n1: { run: [app] }\n");
        write(
                "services/app.yaml",
                "name: app\nprocess:\n  argv: [/usr/bin/app, no, 010, 1.10]\n  environment: { DEBUG: off, LEVEL: 007 }\n"
                        + "provides:\n  web: { contract: http.backend, version: 1.10, result: { port: 08080 } }\n");
        var r = load();
        assertThat(r.diagnostics()).isEmpty();
        var app = r.setup().modules().get("app");
        assertThat(app.process().argv()).extracting(s -> s.text()).containsExactly("/usr/bin/app", "no", "010", "1.10");
        assertThat(app.process().environment().get("DEBUG").text()).isEqualTo("off");
        assertThat(app.process().environment().get("LEVEL").text()).isEqualTo("007");
        assertThat(app.provides().get("web").version().text()).isEqualTo("1.10");
    }

    @Test
    void boolsAreTrueOrFalseInAnyCaseButNotYesOrNo() throws IOException {
        write("setup.yaml", "nodes:\n  n1: { run: [app] }\n");
        write(
                "services/app.yaml",
                "name: app\nprocess: { argv: [/usr/bin/app] }\nrequires:\n"
                        + "  a: { contract: kv.redis, optional: True }\n  b: { contract: kv.redis, optional: FALSE }\n"
                        + "  c: { contract: kv.redis, optional: no }\n");
        var r = load();
        assertThat(r.diagnostics())
                .extracting(d -> d.code().id() + "@" + d.span().line())
                .containsExactly("E018@6");
        var requires = r.setup().modules().get("app").requires();
        assertThat(requires.get("a").optional()).isTrue();
        assertThat(requires.get("b").optional()).isFalse();
    }

    @Test
    void aSetupWithBomAndCrlfLoadsLikeAPlainOne() throws IOException {
        Files.write(
                dir.resolve("setup.yaml"),
                ("\uFEFFname: web\r\nnodes:\r\n  n1: { run: [app] }\r\n").getBytes(StandardCharsets.UTF_8));
        write("services/app.yaml", "\uFEFFname: app\r\nprocess:\r\n  argv: [/usr/bin/app]\r\n");
        var r = load();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.setup().name()).isEqualTo("web");
        assertThat(r.setup().nodes().get("n1").run()).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("app");
            assertThat(s.span().line()).isEqualTo(3);
            assertThat(s.span().column()).isEqualTo(15);
        });
    }

    @Test
    void jsonSetupsLoadWithPositions() throws IOException {
        write("setup.json", "{\n  \"nodes\": { \"n1\": { \"run\": [\"app\"] } },\n  \"polcy\": \"auto\"\n}\n");
        write("services/app.json", "{ \"name\": \"app\", \"process\": { \"argv\": [\"/usr/bin/app\"] } }");
        var r = load();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code().id()).isEqualTo("E010");
            assertThat(d.span().file()).isEqualTo("s/setup.json");
            assertThat(d.span().line()).isEqualTo(3);
            assertThat(d.span().column()).isEqualTo(3);
        });
    }

    @Test
    void loadingTwiceGivesEqualDiagnosticsWhateverTheFileOrder() throws IOException {
        write("setup.yaml", "nodes:\n  n1: { run: [a, b, c] }\nbogus: 1\n");
        for (String n : new String[] {"c", "a", "b"}) write("services/" + n + ".yaml", "name: " + n + "\nfoo: 1\n");
        var first = load().diagnostics();
        var second = load().diagnostics();
        assertThat(first).isEqualTo(second).hasSize(4);
        assertThat(first).isSortedAccordingTo(org.modsvc.diag.Diagnostic.ORDER);
    }
}
