package org.modsvc.resolve.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/** Allocatable ports ({@code auto:N}): deterministic, stable, located when exhausted. */
class PortAllocationTest {
    @TempDir
    Path dir;

    /** Three consumers with a dedicated database each, next to a fixed 5433 and a shared pg. */
    private static final List<String> SERVICES = List.of(
            "  app1: { process: { argv: [/usr/bin/app] }, requires: { db: { contract: db.sql } } }",
            "  app2: { process: { argv: [/usr/bin/app] }, requires: { db: { contract: db.sql } } }",
            "  app3: { process: { argv: [/usr/bin/app], environment: { DB_PORT: \"${requires.db.port}\" } },"
                    + " requires: { db: { contract: db.sql } } }",
            "  fixed: { process: { argv: [/usr/bin/fixed] },"
                    + " provides: { web: { contract: http.backend, result: { port: 5433 } } } }",
            "  pg: { process: { argv: [/usr/bin/postgres, -p, \"${provides.main.port}\"] },"
                    + " provides: { main: { contract: db.sql, result: { host: \"${node.address}\", port: \"auto:5432\" } } } }");

    private static final List<String> CONTRACTS = List.of(
            "  db.sql: { defaultProvider: pg, result: { host: { type: host }, port: { type: port } } }",
            "  http.backend: { result: { port: { type: port } } }");

    private Plan resolve(List<String> run1, List<String> run2, List<String> services, List<String> contracts)
            throws IOException {
        var y = new StringBuilder("name: ports\npolicy: sub-service\nnodes:\n");
        y.append("  web1: { address: 10.0.0.1, run: [")
                .append(String.join(", ", run1))
                .append("] }\n");
        if (!run2.isEmpty())
            y.append("  web2: { address: 10.0.0.2, run: [")
                    .append(String.join(", ", run2))
                    .append("] }\n");
        y.append("contracts:\n");
        contracts.forEach(c -> y.append(c).append('\n'));
        y.append("services:\n");
        services.forEach(s -> y.append(s).append('\n'));
        Files.writeString(dir.resolve("setup.yaml"), y, StandardCharsets.UTF_8);
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, "ports");
        assertThat(loaded.diagnostics()).as("load: %s", y).isEmpty();
        return new Resolver(Limits.DEFAULT)
                .resolve(loaded.setup(), loaded.setup().policy());
    }

    private static TreeMap<String, List<Integer>> ports(Plan plan) {
        return plan.instances().stream()
                .filter(i -> !i.ports().isEmpty())
                .collect(Collectors.toMap(Instance::id, Instance::ports, (a, b) -> a, TreeMap::new));
    }

    private static Instance instance(Plan plan, String id) {
        return plan.instances().stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void fixedPortsFirstThenNamedInstancesThenDedicatedByIdAndEveryReferenceReadsTheNumber() throws IOException {
        Plan plan = resolve(List.of("app1", "app2", "app3", "fixed", "pg"), List.of(), SERVICES, CONTRACTS);
        assertThat(plan.diagnostics()).isEmpty();
        assertThat(ports(plan))
                .containsExactly(
                        java.util.Map.entry("web1/app1-db", List.of(5434)),
                        java.util.Map.entry("web1/app2-db", List.of(5435)),
                        java.util.Map.entry("web1/app3-db", List.of(5436)),
                        java.util.Map.entry("web1/fixed", List.of(5433)),
                        java.util.Map.entry("web1/pg", List.of(5432)));
        assertThat(instance(plan, "web1/app2-db").argv().stream().map(v -> v.plain()))
                .containsExactly("/usr/bin/postgres", "-p", "5435");
        assertThat(instance(plan, "web1/app3").environment().get("DB_PORT").plain())
                .isEqualTo("5436");
        assertThat(instance(plan, "web1/app3-db").provides().get(0).result()).containsEntry("port", "5436");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 42, 1234567})
    void sameAllocationWhateverTheOrderOfFilesAndKeys(long seed) throws IOException {
        var expected = ports(resolve(List.of("app1", "app2", "app3", "fixed", "pg"), List.of(), SERVICES, CONTRACTS));
        var rnd = new Random(seed);
        var run = new ArrayList<>(List.of("app1", "app2", "app3", "fixed", "pg"));
        var services = new ArrayList<>(SERVICES);
        var contracts = new ArrayList<>(CONTRACTS);
        Collections.shuffle(run, rnd);
        Collections.shuffle(services, rnd);
        Collections.shuffle(contracts, rnd);
        assertThat(ports(resolve(run, List.of(), services, contracts)))
                .as("seed %d: run %s, services %s", seed, run, services)
                .isEqualTo(expected);
    }

    @Test
    void anUnrelatedInstanceOnAnotherNodeOrANewDedicatedOneMovesNoPort() throws IOException {
        var before = ports(resolve(List.of("app1", "app3", "fixed", "pg"), List.of(), SERVICES, CONTRACTS));
        var after = ports(resolve(List.of("app1", "app3", "fixed", "pg"), List.of("app2", "pg"), SERVICES, CONTRACTS));
        for (var e : before.entrySet()) assertThat(after).containsEntry(e.getKey(), e.getValue());
        assertThat(after).containsEntry("web2/app2-db", List.of(5433)).containsEntry("web2/pg", List.of(5432));
        // A new consumer on the same node gets a new dedicated database; the named pg keeps 5432.
        var more = ports(resolve(List.of("app1", "app2", "app3", "fixed", "pg"), List.of(), SERVICES, CONTRACTS));
        assertThat(more).containsEntry("web1/pg", before.get("web1/pg")).containsEntry("web1/fixed", List.of(5433));
    }

    @Test
    void noFreePortLeftIsALocatedError() throws IOException {
        var services = new ArrayList<>(SERVICES);
        services.set(4, services.get(4).replace("auto:5432", "auto:65534"));
        Plan plan = resolve(List.of("app1", "app2", "pg"), List.of(), services, CONTRACTS);
        var errors = plan.diagnostics().stream()
                .filter(d -> d.code().id().equals("E045"))
                .toList();
        assertThat(errors).hasSize(1);
        Diagnostic d = errors.get(0);
        assertThat(d.message()).contains("web1/app2-db finds no free port from 65534 to 65535 on node 'web1'");
        assertThat(d.span().file()).isEqualTo("ports/setup.yaml");
        assertThat(d.span().line()).isEqualTo(13);
    }

    @Test
    void fixedPortsThatClashStayE045WithAHintToWriteAuto() throws IOException {
        var services = new ArrayList<>(SERVICES);
        services.set(4, services.get(4).replace("\"auto:5432\"", "5433"));
        Plan plan = resolve(List.of("app1", "fixed", "pg"), List.of(), services, CONTRACTS);
        var errors = plan.diagnostics().stream()
                .filter(d -> d.code().id().equals("E045"))
                .toList();
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).hints()).anyMatch(h -> h.contains("port: \"auto:5433\""));
        assertThat(errors.get(0).span().file()).isEqualTo("ports/setup.yaml");
    }
}
