package org.modsvc.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.diag.Code;
import org.modsvc.diag.Diagnostic;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Module;
import org.modsvc.model.Requirement;
import org.modsvc.plan.Binding;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Instance;
import org.modsvc.plan.Plan;
import org.modsvc.source.Limits;

/**
 * Properties of the resolver over random setups. Each runs 60 seeds; a failure names its seed,
 * and {@code -Dmodsvc.seed=N} runs just that one.
 */
class ResolverPropertyTest {

    static Stream<Long> seeds() {
        return RandomSetups.seeds(60);
    }

    private record Resolved(LoadResult loaded, Plan plan) {}

    private static Resolved resolve(Path dir, long seed, String policy) throws Exception {
        RandomSetups.write(dir, seed, policy, seed * 31 + 7);
        LoadResult loaded = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(dir, "random");
        assertThat(loaded.diagnostics()).as("the generator writes valid files").isEmpty();
        return new Resolved(loaded, new Resolver(Limits.DEFAULT).resolve(loaded.setup()));
    }

    private static void property(long seed, ThrowingRunnable body) throws Exception {
        try {
            body.run();
        } catch (AssertionError e) {
            throw new AssertionError(RandomSetups.replay(seed) + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyNeededRequirementIsBoundOrHasAnError(long seed, @TempDir Path dir) throws Exception {
        property(seed, () -> {
            for (String policy : new String[] {"sub-service", "shared", "auto"}) {
                Path d = Files.createDirectories(dir.resolve(policy));
                var r = resolve(d, seed, policy);
                for (Instance i : r.plan().instances()) {
                    Module m = r.loaded().setup().modules().get(i.module());
                    for (Requirement q : m.requires().values()) {
                        boolean bound = r.plan().bindings().stream()
                                .anyMatch(b -> b.consumer().equals(i.id())
                                        && b.requirement().equals(q.name()));
                        boolean reported = r.plan().diagnostics().stream()
                                .anyMatch(x -> x.span().file().equals(q.span().file())
                                        && x.span().line() == q.span().line()
                                        && (x.isError() || (q.optional() && x.code() == Code.OPTIONAL_UNMET)));
                        assertThat(bound || reported)
                                .as(
                                        "%s under %s: %s.%s is neither bound nor reported; diagnostics %s",
                                        "seed " + seed,
                                        policy,
                                        i.id(),
                                        q.name(),
                                        r.plan().diagnostics())
                                .isTrue();
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void startOrderPutsEveryLocalProviderFirst(long seed, @TempDir Path dir) throws Exception {
        property(seed, () -> {
            for (String policy : new String[] {"sub-service", "shared", "auto"}) {
                var r = resolve(Files.createDirectories(dir.resolve(policy)), seed, policy);
                if (r.plan().diagnostics().stream().anyMatch(d -> d.code() == Code.CYCLE)) continue;
                for (Binding b : r.plan().bindings()) {
                    if (b.kind() == BindingKind.REMOTE) continue;
                    String node = b.consumer().substring(0, b.consumer().indexOf('/'));
                    var order = r.plan().order().get(node);
                    assertThat(order.indexOf(b.provider()))
                            .as("%s: %s starts before its consumer %s", policy, b.provider(), b.consumer())
                            .isLessThan(order.indexOf(b.consumer()));
                }
                for (var e : r.plan().order().entrySet()) {
                    long count = r.plan().instances().stream()
                            .filter(i -> i.node().equals(e.getKey()))
                            .count();
                    assertThat(e.getValue())
                            .as("every instance of %s is ordered once", e.getKey())
                            .hasSize((int) count)
                            .doesNotHaveDuplicates();
                }
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void subServiceNeverBindsRemotelyAndSharedNeverMakesSubServices(long seed, @TempDir Path dir) throws Exception {
        property(seed, () -> {
            var sub = resolve(Files.createDirectories(dir.resolve("a")), seed, "sub-service");
            assertThat(sub.plan().bindings())
                    .allSatisfy(b -> assertThat(b.kind()).isEqualTo(BindingKind.SUB_SERVICE));
            assertThat(sub.plan().remote()).isEmpty();
            var shared = resolve(Files.createDirectories(dir.resolve("b")), seed, "shared");
            assertThat(shared.plan().bindings()).noneMatch(b -> b.kind() == BindingKind.SUB_SERVICE);
            assertThat(shared.plan().instances())
                    .allSatisfy(i -> assertThat(i.owner()).isNull());
            for (Binding b : shared.plan().bindings()) {
                boolean sameNode = b.consumer()
                        .substring(0, b.consumer().indexOf('/'))
                        .equals(b.provider().substring(0, b.provider().indexOf('/')));
                assertThat(b.kind()).isEqualTo(sameNode ? BindingKind.LOCAL : BindingKind.REMOTE);
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameSetupWrittenInAnotherOrderGivesTheSamePlan(long seed, @TempDir Path dir) throws Exception {
        property(seed, () -> {
            for (String policy : new String[] {"sub-service", "shared", "auto"}) {
                Path a = Files.createDirectories(dir.resolve(policy + "-a"));
                Path b = Files.createDirectories(dir.resolve(policy + "-b"));
                RandomSetups.write(a, seed, policy, 1);
                RandomSetups.write(b, seed, policy, 2);
                var loader = new SetupLoader(Limits.DEFAULT, Catalogue.empty());
                Plan pa = new Resolver(Limits.DEFAULT)
                        .resolve(loader.load(a, "random").setup());
                Plan pb = new Resolver(Limits.DEFAULT)
                        .resolve(loader.load(b, "random").setup());
                assertThat(withoutPositions(pb)).as(policy).isEqualTo(withoutPositions(pa));
            }
        });
    }

    /** The plan with source positions taken out: those legitimately move when keys move. */
    private static String withoutPositions(Plan p) {
        var b = new StringBuilder();
        b.append(p.instances().stream()
                .map(i -> i.id() + " " + i.module() + " " + i.owner() + " " + i.argv() + " " + i.environment() + " "
                        + i.provides() + " " + i.ports() + " " + i.credentials())
                .toList());
        b.append(p.bindings().stream()
                .map(x -> x.consumer() + "." + x.requirement() + " " + x.provider() + "." + x.provision() + " "
                        + x.kind() + " " + x.request() + " " + x.result())
                .toList());
        b.append(p.order()).append(p.remote()).append(p.failsWith());
        b.append(p.diagnostics().stream().map(Diagnostic::code).sorted().toList());
        b.append(p.diagnostics().stream().map(Diagnostic::message).sorted().toList());
        return b.toString();
    }
}
