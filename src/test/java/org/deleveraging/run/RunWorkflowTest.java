package org.deleveraging.run;

import org.deleveraging.support.SmallSets;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.scenario.ScenarioService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.deleveraging.engine.RunEvent;
import org.deleveraging.input.InputException;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, below the shell: generate a set, run two policies under a shipped scenario, compare, explain, read an
 * ADL queue, reproduce. One store and two runs shared by the tests, which only read.
 */
class RunWorkflowTest {
    @TempDir static Path folder;
    static TempStore db;
    static AccountSetService sets;
    static RunService runs;
    static RunReports reports;
    static StoredRun bitmex;
    static StoredRun binance;

    @BeforeAll
    static void twoRuns() {
        db = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        Path policyFolder = PolicyFolders.copy(folder.resolve("copy"), "bitmex", "binance");
        PolicyRegistry policies = new PolicyRegistry(policyFolder, folder.resolve("copy/rules"), "bitmex");
        sets = new AccountSetService(db.store);
        ScenarioService scenarios = new ScenarioService(db.store, clock);
        runs = new RunService(db.store, policies, sets, scenarios, clock, "test");
        reports = new RunReports(db.store);
        SmallSets.generate(sets, "small", 300);
        bitmex = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);
        binance = runs.run("binance", "small", "oct-10", null, RunProgress.NONE);
    }

    @AfterAll
    static void close() { db.close(); }

    @Test
    void a_run_is_stored_with_its_provenance() {
        var p = bitmex.provenance();
        assertThat(p.policyId()).isEqualTo("bitmex");
        assertThat(p.setName()).isEqualTo("small");
        assertThat(p.setHash()).isEqualTo(sets.load("small").info().hash());
        assertThat(p.scenarioName()).isEqualTo("oct-10");
        assertThat(p.scenarioYaml()).contains("name: oct-10");
        assertThat(p.seed()).isEqualTo(20251010L);
        assertThat(p.engineVersion()).isEqualTo("test");
        assertThat(reports.show(String.valueOf(bitmex.id())).policyFiles()).isNotEmpty();
        assertThat(reports.show("last").run().id()).isEqualTo(binance.id());
    }

    @Test
    void the_summary_adds_up_the_steps() {
        var d = reports.show(String.valueOf(bitmex.id()));
        assertThat(d.steps()).hasSize(6);
        assertThat(bitmex.summary().liquidations()).isEqualTo(d.steps().stream().mapToInt(s -> s.liquidations()).sum());
        assertThat(bitmex.summary().adlCount()).isEqualTo(d.steps().stream().mapToInt(s -> s.adlCount()).sum());
        // oct-10's funds are shares of open interest (issue 22): 0.14 % of BTCUSDT's, 0.07 % of ETHUSDT's, ...
        var oct10 = org.deleveraging.scenario.ScenarioReader.load(Path.of("src/main/resources/scenarios/oct-10.yaml"));
        var oi = org.deleveraging.domain.InsuranceFunds.openInterest(oct10, sets.load("small").set());
        java.util.function.BiFunction<String, String, java.math.BigDecimal> share = (market, rate) -> oi.get(market)
                .multiply(new java.math.BigDecimal(rate)).setScale(8, java.math.RoundingMode.DOWN);
        var expected = share.apply("BTCUSDT", "0.0014").add(share.apply("ETHUSDT", "0.0007"))
                .add(share.apply("SOLUSDT", "0.0004")).add(share.apply("XRPUSDT", "0.0002"));
        assertThat(bitmex.summary().fundStart()).isEqualByComparingTo(expected)
                .isGreaterThan(java.math.BigDecimal.ZERO);
    }

    /**
     * Issue 22: "largest haircut, % of profit" was 4,255 % on the walk-through, a haircut over a barely profitable
     * position's profit. It is now at most 100 %, over a profit of at least 1 % of the account's equity, and stored
     * with the name of its definition.
     */
    @Test
    void the_largest_haircut_of_profit_is_a_share_of_a_real_profit_at_most_100_percent() {
        for (StoredRun r : List.of(bitmex, binance)) {
            var s = r.summary();
            assertThat(s.maxHaircutProfitBasis()).isEqualTo(org.deleveraging.run.RunSummary.PROFIT_BASIS);
            assertThat(s.profitShareIsOldMeasure()).isFalse();
            assertThat(s.maxHaircutProfitShare()).isBetween(0.0, 1.0);
        }
        assertThat(bitmex.summary().maxHaircutProfitShare()).isPositive();
        String account = bitmex.summary().maxHaircutProfitAccount();
        assertThat(reports.explain(String.valueOf(bitmex.id()), account).outcome())
                .hasValueSatisfying(o -> assertThat(o.haircut()).isPositive());
        // the old figure of the same run: a haircut over the account's largest profit before it, however small
        double old = new org.deleveraging.report.RunTables(db.store).outcomes(bitmex.id()).stream()
                .mapToDouble(o -> o.haircutShareOfProfit()).max().orElse(0);
        assertThat(old).as("the old figure on this book").isGreaterThan(1.0);
    }

    @Test
    void a_stored_run_reproduces_exactly_from_what_it_stored() {
        RunReports.Reproduction r = reports.reproduce(String.valueOf(bitmex.id()), sets);
        assertThat(r.exact()).isTrue();
        assertThat(r.digest()).isEqualTo(bitmex.summary().resultDigest());
    }

    @Test
    void compare_puts_runs_side_by_side_and_names_accounts_treated_differently() {
        RunReports.Comparison c = reports.compare(List.of(String.valueOf(bitmex.id()), "#" + binance.id()), 5);
        assertThat(c.runs()).extracting(StoredRun::id).containsExactly(bitmex.id(), binance.id());
        assertThat(c.accounts()).hasSizeLessThanOrEqualTo(5);
        assertThat(c.notice()).isEmpty();
        for (var a : c.accounts()) assertThat(a.outcomes()).hasSize(2).anyMatch(o -> o.isPresent());
    }

    @Test
    void explain_lists_every_event_of_an_account_with_its_rule() {
        RunEvent first =
                db.sql.sql("SELECT account_id FROM run_event WHERE run_id = ? AND kind = 'ADL' ORDER BY event_no")
                .param(bitmex.id()).query(String.class).list().stream().findFirst()
                .map(a -> reports.explain(String.valueOf(bitmex.id()), a).events().get(0)).orElseThrow();
        RunReports.Explanation e = reports.explain(String.valueOf(bitmex.id()), first.accountId());
        assertThat(e.events()).isNotEmpty().allSatisfy(ev -> assertThat(ev.ruleId()).isNotBlank());
        assertThat(e.outcome()).isPresent();
    }

    @Test
    void the_adl_queue_is_ranked_with_lights_by_quintile() {
        String market = db.sql.sql("SELECT MIN(market) FROM run_queue WHERE run_id = ?").param(bitmex.id())
                .query(String.class).single();
        RunReports.QueueView q = reports.adlQueue(String.valueOf(bitmex.id()), market, null, null, 1000);
        assertThat(q.top()).isNotEmpty();
        assertThat(q.top()).extracting(e -> e.rank()).isSorted();
        assertThat(q.top().get(0).lights()).isEqualTo(5);
        String last = q.top().get(q.top().size() - 1).accountId();
        assertThat(reports.adlQueue(String.valueOf(bitmex.id()), market, last, q.point().step(), 3).accountEntry())
                .hasValueSatisfying(e -> assertThat(e.accountId()).isEqualTo(last));
    }

    @Test
    void unknown_names_are_one_line_errors_and_store_nothing() {
        int before = reports.list().size();
        assertThatThrownBy(() -> runs.run("bitmax", "small", "oct-10", null, RunProgress.NONE))
                .isInstanceOf(InputException.class).hasMessage("no policy 'bitmax'; known: binance, bitmex");
        assertThatThrownBy(() -> runs.run("bitmex", "smal", "oct-10", null, RunProgress.NONE))
                .hasMessage("no account set 'smal'; known: small");
        assertThatThrownBy(() -> runs.run("bitmex", "small", "oct-11", null, RunProgress.NONE))
                .hasMessageStartingWith("no scenario 'oct-11'; known: ");
        assertThatThrownBy(() -> reports.run("99")).hasMessage("no run 99; see 'runs list'");
        assertThat(reports.list()).hasSize(before);
    }

    @Test
    void a_scenario_that_does_not_price_every_market_of_the_set_is_refused(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("btc-only.yaml"), """
                name: btc-only
                start: { BTCUSDT: 122000 }
                steps:
                  - marks: { BTCUSDT: -5% }
                """);
        new ScenarioService(db.store, Clock.systemUTC()).importFile(yaml);
        assertThatThrownBy(() -> runs.run("bitmex", "small", "btc-only", null, RunProgress.NONE))
                .hasMessageStartingWith("scenario 'btc-only' has no mark for market ETHUSDT of account set 'small'");
    }
}
