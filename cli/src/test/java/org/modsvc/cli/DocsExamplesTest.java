package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole outputs the documentation shows outside console blocks are what the commands print:
 * the plan JSON and the graphs in docs/commands.md, the Mermaid graph and the emitted unit in the
 * README's tour (emit is not re-run by the console check; its golden tree stands in for it).
 */
class DocsExamplesTest {
    private static String read(String path) throws IOException {
        return Files.readString(Run.ROOT.resolve(path), StandardCharsets.UTF_8);
    }

    private static String out(String... args) {
        var r = Run.of(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void commandsShowsThePlanJsonAndTheGraphsOfWebapp() throws IOException {
        String doc = read("docs/commands.md");
        assertThat(doc).contains("```json\n" + out("plan", "samples/webapp", "--format", "json") + "```\n");
        assertThat(doc).contains("```dot\n" + out("graph", "samples/webapp") + "```\n");
        assertThat(doc).contains("```mermaid\n" + out("graph", "samples/webapp", "--format", "mermaid") + "```\n");
    }

    @Test
    void readmeShowsTheMermaidGraphOfThreeNodes() throws IOException {
        assertThat(read("README.md"))
                .contains("```mermaid\n" + out("graph", "samples/three-nodes", "--format", "mermaid") + "```\n");
    }

    @Test
    void readmeShowsTheHeadOfAnEmittedUnit() throws IOException {
        // The tour shows `head -17` of web1's shop.service; the golden tree is what emit writes.
        List<String> unit = Files.readAllLines(
                        Run.ROOT.resolve(
                                "cli/src/test/resources/golden/three-nodes/tree/web1/etc/systemd/system/modsvc-shop.service"),
                        StandardCharsets.UTF_8)
                .subList(0, 17);
        assertThat(read("README.md"))
                .contains("$ head -17 out/web1/etc/systemd/system/modsvc-shop.service\n" + String.join("\n", unit)
                        + "\n```\n");
    }
}
