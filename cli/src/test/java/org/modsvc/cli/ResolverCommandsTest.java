package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan, explain, graph and validate's resolver checks, run in-process. */
class ResolverCommandsTest {
    private static final String FIXTURES = "resolver/src/test/resources/resolve/";

    @Test
    void planPrintsEachNodeInStartOrder() {
        var r = Run.of("plan", "samples/webapp");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("node web1 (10.0.0.11, systemd)");
        assertThat(r.out().indexOf("1. shop-db")).isLessThan(r.out().indexOf("3. shop "));
        assertThat(r.out()).contains("requires db -> web1/shop-db.main (sub-service)");
    }

    @Test
    void planJsonHasTheDocumentedFieldsInSortedOrder() {
        var r = Run.of("plan", "samples/webapp", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        String j = r.out();
        assertThat(j)
                .contains(
                        "\"instances\"",
                        "\"bindings\"",
                        "\"order\"",
                        "\"diagnostics\"",
                        "\"remote\"",
                        "\"failsWith\"",
                        "\"provides\"",
                        "\"consumers\"",
                        "\"owner\" : null",
                        "\"owner\" : \"web1/shop\"",
                        "\"notify\" : \"systemd\"",
                        "\"kind\" : \"sub-service\"");
        String[] top = {
            "\"bindings\"",
            "\"diagnostics\"",
            "\"errors\"",
            "\"failsWith\"",
            "\"instances\"",
            "\"nodes\"",
            "\"order\"",
            "\"policy\"",
            "\"remote\"",
            "\"setup\"",
            "\"valid\"",
            "\"warnings\""
        };
        int at = -1;
        for (String key : top) {
            int i = j.indexOf("\n  " + key + " :");
            assertThat(i).as(key).isGreaterThan(at);
            at = i;
        }
    }

    @Test
    void planPolicyOptionOverridesTheSetup() {
        var r = Run.of("plan", FIXTURES + "policy-override-per-requirement", "--policy", "shared", "--format", "json");
        assertThat(r.out()).contains("\"policy\" : \"shared\"");
        assertThat(Run.of("plan", "samples/webapp", "--policy", "sideways").code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void planWithErrorsExitsOneAndPutsDiagnosticsInTheJson() {
        var r = Run.of("plan", FIXTURES + "e041-ambiguous", "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).contains("\"code\" : \"E041\"", "\"valid\" : false");
        var t = Run.of("plan", FIXTURES + "e041-ambiguous");
        assertThat(t.err()).contains("error[E041]", "web1/app.db: web1/pg1.main");
    }

    @Test
    void validateRunsTheResolverChecks() {
        var r = Run.of("validate", FIXTURES + "e046-cycle");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("error[E046]", "a.db -> b.queue -> a");
        assertThat(Run.of("validate", "samples/webapp").code()).isZero();
    }

    @Test
    void explainTellsWhyABindingWasMadeAndWhatFailsWithIt() {
        var r = Run.of("explain", FIXTURES + "policy-shared-three-nodes", "web1/shop.db");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("web1/shop.db: requires db.sql >=15 <17")
                .contains("bound to: db1/pg.main (remote)")
                .contains("* db1/pg.main 16.2: chosen")
                // Across nodes nothing stops the consumers: they lose the provider.
                .contains("if db1/pg fails, these stop too: (none)")
                .contains("these lose it (other nodes, not stopped): web1/shop, web2/blog");
    }

    @Test
    void explainListsEveryRejectedCandidateWithItsReason() {
        var r = Run.of("explain", FIXTURES + "e040-no-provider", "web1/app.db");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out())
                .contains("bound to: nothing")
                .contains("- web1/old.main 14.2: rejected: version 14.2 is outside >=15 <17")
                .contains("- web1/full.main 16.1: rejected: its capacity of 1 is used up");
    }

    @Test
    void explainOfAnInstanceShowsOwnershipOrderAndDependents() {
        var r = Run.of("explain", "samples/webapp", "web1/shop-db");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("owner: web1/shop", "start order on web1: 1 of 4", "these stop too: web1/proxy, web1/shop");
    }

    @Test
    void explainRejectsBadAndUnknownReferencesAsUsageErrors() {
        assertThat(Run.of("explain", "samples/webapp", "shop").code()).isEqualTo(ExitCode.USAGE);
        var unknown = Run.of("explain", "samples/webapp", "web1/shp");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("did you mean 'web1/shop'");
        assertThat(Run.of("explain", "samples/webapp", "web1/shop.dbb").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void graphDrawsClustersAndBindingKinds() {
        var dot = Run.of("graph", FIXTURES + "policy-sub-service");
        assertThat(dot.code()).as(dot.err()).isZero();
        assertThat(dot.out()).contains("subgraph \"cluster_", "style=dashed", "\"web1/app\" -> \"web1/app-db\"");
        var remote = Run.of("graph", FIXTURES + "policy-shared-three-nodes", "--format", "mermaid");
        assertThat(remote.out()).startsWith("flowchart LR\n").contains("==>|\"db (remote)\"|", "-->|\"cache\"|");
        assertThat(count(remote.out(), "subgraph "))
                .isEqualTo(count(remote.out(), "\n  end\n") + count(remote.out(), "    end\n"));
    }

    @Test
    void graphRendersWithGraphviz(@TempDir Path tmp) throws Exception {
        Path dot = RequiredTool.require("dot");
        for (String setup :
                new String[] {"samples/webapp", FIXTURES + "policy-sub-service", FIXTURES + "policy-shared-three-nodes"
                }) {
            var r = Run.of("graph", setup);
            Path in = tmp.resolve("g.dot");
            Files.writeString(in, r.out(), StandardCharsets.UTF_8);
            var p = new ProcessBuilder(
                            dot.toString(), "-Tsvg", "-o", tmp.resolve("g.svg").toString(), in.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(said).isZero();
            assertThat(said).as("dot warnings").isEmpty();
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
