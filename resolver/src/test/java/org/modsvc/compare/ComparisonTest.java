package org.modsvc.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.modsvc.catalogue.Catalogue;
import org.modsvc.load.LoadResult;
import org.modsvc.load.SetupLoader;
import org.modsvc.model.Policy;
import org.modsvc.model.Setup;
import org.modsvc.plan.BindingKind;
import org.modsvc.plan.Plan;
import org.modsvc.resolve.Resolver;
import org.modsvc.source.Limits;

/** The comparison of real resolutions of small setups under src/test/resources/compare/. */
class ComparisonTest {
    private static final Path ROOT = Path.of("src/test/resources/compare");

    private static Setup load(String name) throws IOException {
        LoadResult r = new SetupLoader(Limits.DEFAULT, Catalogue.empty()).load(ROOT.resolve(name), "compare/" + name);
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        return r.setup();
    }

    private static TreeMap<Policy, Plan> plans(Setup forced) {
        var plans = new TreeMap<Policy, Plan>();
        for (Policy p : Policy.values()) plans.put(p, new Resolver(Limits.DEFAULT).resolve(forced, p));
        return plans;
    }

    private static Comparison compare(String name) throws IOException {
        Setup s = load(name);
        Setup forced = Comparison.forced(s);
        return Comparison.of(s.name(), s.policy(), plans(forced));
    }

    @Test
    void sharedRunsOneDatabaseWhereSubServiceRunsTwoDedicatedOnes() throws IOException {
        var c = compare("shared-db");
        var row = c.contracts().get(0);
        assertThat(row.contract()).isEqualTo("db.sql");
        assertThat(row.providers()).containsEntry(Policy.SUB_SERVICE, 2).containsEntry(Policy.SHARED, 1);
        assertThat(row.consumers()).containsEntry(Policy.SUB_SERVICE, 2).containsEntry(Policy.SHARED, 2);
        assertThat(c.summary())
                .contains("db.sql: shared runs 1 pg instead of 2 dedicated; one failure then stops 2 instance(s)");
    }

    @Test
    void blastRadiusIsTheLargestAndMeanOfFailsWithOverProviders() throws IOException {
        var c = compare("shared-db");
        var sub = c.strategy(Policy.SUB_SERVICE).orElseThrow();
        var shared = c.strategy(Policy.SHARED).orElseThrow();
        assertThat(sub.providers())
                .extracting(Comparison.ProviderLoad::provider)
                .containsExactly("web1/blog-db", "web1/shop-db");
        assertThat(sub.providers()).allSatisfy(p -> assertThat(p.dedicated()).isTrue());
        assertThat(sub.largestBlast()).isEqualTo(1);
        assertThat(sub.meanBlast()).isEqualTo(1.0);
        assertThat(shared.providers()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("web1/pg");
            assertThat(p.consumers()).isEqualTo(2);
            assertThat(p.dedicated()).isFalse();
            assertThat(p.failsWith()).containsExactly("web1/blog", "web1/shop");
        });
        assertThat(shared.largestBlast()).isEqualTo(2);
    }

    @Test
    void aDiagnosticOfOneStrategyOnlyIsListedThereAndCountsAsItsError() throws IOException {
        var c = compare("shared-db");
        var sub = c.strategy(Policy.SUB_SERVICE).orElseThrow();
        assertThat(sub.valid()).isFalse();
        assertThat(sub.own()).isNotEmpty().allSatisfy(d -> assertThat(d.code().id())
                .isEqualTo("E045"));
        assertThat(c.strategy(Policy.SHARED).orElseThrow().own()).isEmpty();
        assertThat(c.strategy(Policy.SHARED).orElseThrow().valid()).isTrue();
        assertThat(c.summary().get(0))
                .startsWith("sub-service does not resolve: ")
                .contains("E045");
        assertThat(sub.nodes().get(0).ports()).containsExactly(5432, 5432, 5432);
    }

    @Test
    void eachRequirementShowsHowEveryStrategyBindsIt() throws IOException {
        var c = compare("shared-db");
        assertThat(c.requirements())
                .extracting(r -> r.consumer() + "." + r.requirement())
                .containsExactly("web1/blog.db", "web1/shop.db");
        var shop = c.requirements().get(1);
        assertThat(shop.outcome().get(Policy.SUB_SERVICE).toString()).isEqualTo("web1/shop-db.main (sub-service)");
        assertThat(shop.outcome().get(Policy.SHARED).toString()).isEqualTo("web1/pg.main (local)");
        assertThat(shop.outcome().get(Policy.AUTO)).isEqualTo(shop.outcome().get(Policy.SHARED));
        assertThat(c.summary()).contains("auto binds every requirement like shared");
    }

    @Test
    void remoteBindingsAreCountedPerConsumerNodeAndSummarised() throws IOException {
        var c = compare("remote");
        var shared = c.strategy(Policy.SHARED).orElseThrow();
        assertThat(shared.bindings(BindingKind.REMOTE)).isEqualTo(2);
        assertThat(shared.nodes())
                .filteredOn(n -> n.node().equals("web1"))
                .singleElement()
                .satisfies(n -> assertThat(n.bindings()).containsEntry(BindingKind.REMOTE, 1));
        assertThat(c.strategy(Policy.SUB_SERVICE).orElseThrow().bindings(BindingKind.REMOTE))
                .isZero();
        assertThat(c.summary()).anySatisfy(s -> assertThat(s).startsWith("shared makes 2 remote binding(s)"));
        assertThat(c.strategy(Policy.SUB_SERVICE).orElseThrow().subServices()).isEqualTo(2);
    }

    @Test
    void whatLosesARemoteProviderIsCountedApartFromWhatStopsWithIt() throws IOException {
        var c = compare("remote");
        var shared = c.strategy(Policy.SHARED).orElseThrow();
        // db1/pg stops nothing (its consumers are on other nodes); both shops lose it.
        assertThat(shared.largestBlast()).isZero();
        assertThat(shared.largestLoss()).isEqualTo(2);
        assertThat(c.strategy(Policy.SUB_SERVICE).orElseThrow().largestLoss()).isZero();
        assertThat(c.contracts()).singleElement().satisfies(r -> assertThat(r.largestLoss())
                .containsEntry(Policy.SHARED, 2));
        assertThat(c.summary())
                .anySatisfy(s -> assertThat(s)
                        .isEqualTo("db.sql: shared runs 1 pg instead of 2 dedicated; one failure then stops"
                                + " 0 instance(s) and 2 on other nodes lose it (not stopped)"))
                .anySatisfy(s -> assertThat(s)
                        .startsWith("largest remote loss (on other nodes, lose one provider,"
                                + " not stopped): sub-service 0, shared 2"));
    }

    @Test
    void forcingRemovesPerRequirementPoliciesSoEachStrategyAppliesEverywhere() throws IOException {
        Setup s = load("per-requirement-policy");
        assertThat(s.modules().get("app").requires().get("db").policy()).isEqualTo(Policy.SHARED);
        var honoured = new Resolver(Limits.DEFAULT).resolve(s, Policy.SUB_SERVICE);
        assertThat(honoured.bindings().get(0).kind()).isEqualTo(BindingKind.LOCAL);

        Setup forced = Comparison.forced(s);
        assertThat(forced.modules().get("app").requires().get("db").policy()).isNull();
        var c = Comparison.of(s.name(), s.policy(), plans(forced));
        assertThat(c.requirements().get(0).outcome().get(Policy.SUB_SERVICE).kind())
                .isEqualTo(BindingKind.SUB_SERVICE);
        assertThat(c.requirements().get(0).outcome().get(Policy.SHARED).kind()).isEqualTo(BindingKind.LOCAL);
    }

    @Test
    void errorsOfEveryStrategyAreCommonAndNamedFirstInTheSummary() throws IOException {
        var c = compare("common-error");
        assertThat(c.noStrategyResolves()).isTrue();
        assertThat(c.common())
                .singleElement()
                .satisfies(d -> assertThat(d.code().id()).isEqualTo("E046"));
        assertThat(c.strategies()).allSatisfy(s -> assertThat(s.own()).isEmpty());
        assertThat(c.summary().get(0)).startsWith("every strategy has 1 error(s) of the setup itself, first E046");
    }

    @Test
    void theSamePlansGiveAnEqualComparison() throws IOException {
        Setup s = Comparison.forced(load("shared-db"));
        assertThat(Comparison.of(s.name(), s.policy(), plans(s)))
                .isEqualTo(Comparison.of(s.name(), s.policy(), plans(s)));
    }
}
