package org.deleveraging.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.properties.FundReplay;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DemoDataTest {
    /** Venues whose insurance fund pays while it has a balance, then ADL. */
    private static final List<String> FUND_UNTIL_EMPTY = List.of("bitmex", "bybit", "dydx-v4");
    /** Venues that deleverage before the fund is empty: Binance's max net notional, OKX's drawdown trigger. */
    private static final List<String> FUND_WITH_A_TRIGGER = List.of("binance", "okx");

    @Test
    void the_demo_is_about_three_thousand_accounts_on_several_USDT_perpetuals() {
        AccountSet demo = DemoData.accountSet();
        assertThat(demo.accounts()).hasSize(3_000);
        assertThat(demo.markets().keySet()).startsWith("BTCUSDT", "ETHUSDT", "SOLUSDT").hasSizeBetween(4, 5);
        assertThat(demo.markets().values()).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(ContractType.LINEAR);
            assertThat(m.settlementAsset()).isEqualTo("USDT");
        });
        assertThat(DemoData.startMarks()).containsOnlyKeys(demo.markets().keySet())
                // every shipped scenario's step 0, so that the book is healthy where a run opens (issue 22)
                .containsEntry("BTCUSDT", new BigDecimal("122000")).containsEntry("SOLUSDT", new BigDecimal("220"));
        for (String name : ScenarioCatalog.names())
            assertThat(ScenarioCatalog.load(name).steps().get(0).marks()).as(name).isEqualTo(DemoData.startMarks());
    }

    @Test
    void every_market_has_longs_and_shorts_and_the_book_leans_long() {
        AccountSet demo = DemoData.accountSet();
        Map<String, Map<Side, Long>> bySide = demo.accounts().stream().flatMap(a -> a.positions().stream())
                .collect(Collectors.groupingBy(Position::market,
                        Collectors.groupingBy(Position::side, Collectors.counting())));
        assertThat(bySide).containsOnlyKeys(demo.markets().keySet());
        assertThat(bySide.values()).allSatisfy(s -> assertThat(s.get(Side.LONG)).isGreaterThan(s.get(Side.SHORT)));
    }

    /** Issue 22: the demo asked for at most 50x once held accounts at 101x, some already below maintenance. */
    @Test
    void every_demo_account_starts_at_most_50x_and_with_twice_its_reference_maintenance() {
        AccountSet demo = DemoData.accountSet();
        GeneratorSettings s = DemoData.settings();
        assertThat(demo.accounts())
                .allSatisfy(a -> assertThat(GeneratorHealthProperties.pools(demo, s, a)).allSatisfy(p -> {
            assertThat(p.notional()).isLessThanOrEqualTo(p.equity().multiply(new BigDecimal("50")));
            assertThat(p.equity()).isGreaterThanOrEqualTo(p.maintenance().multiply(new BigDecimal("2")));
        }));
    }

    /**
     * Step 0 of oct-10 is the demo's start marks: under the policies whose maintenance is no stricter than the
     * reference (Binance's brackets) nothing is liquidated there. dYdX (1.2 % / 3 %), FTX (3 %), Hyperliquid and
     * capped pro-rata (1.25 % to 5 %) charge more for small positions, so a few of the most levered accounts start
     * below their maintenance (5, 69, 27 and 27 at this change; their baselines hold the figures).
     */
    @TestFactory
    Stream<DynamicTest> step_0_of_oct_10_liquidates_nothing_under_the_policies_no_stricter_than_the_reference() {
        return present(List.of("binance", "bitmex", "bybit", "okx", "socialized-loss"))
                .map(id -> DynamicTest.dynamicTest(id, () -> {
            RunResult r = oct10(id);
            assertThat(r.steps().get(0).liquidations()).isZero();
            assertThat(r.steps().get(0).adlCount()).isZero();
            assertThat(r.steps().get(0).shortfall()).isZero();
        }));
    }

    @Test
    void the_demo_is_the_same_every_time() {
        assertThat(DemoData.accountSet()).isEqualTo(DemoData.accountSet());
    }

    @Test
    void the_shipped_scenarios_mark_every_demo_market() {
        for (String name : ScenarioCatalog.names()) {
            Scenario s = ScenarioCatalog.load(name);
            assertThat(s.steps()).as(name).allSatisfy(step ->
                    assertThat(step.marks())
                    .containsKeys(DemoData.markets().stream().map(Market::symbol).toArray(String[]::new)));
        }
    }

    @TestFactory
    Stream<DynamicTest> under_the_oct_10_shock_the_queue_venues_liquidate_exhaust_the_fund_and_deleverage() {
        return present(FUND_UNTIL_EMPTY).map(id -> DynamicTest.dynamicTest(id, () -> {
            RunResult r = oct10(id);
            assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION).hasSizeGreaterThan(100);
            assertThat(new FundReplay(r).exhausted()).as("a fund was drained").isTrue();
            assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL).hasSizeGreaterThan(100);
        }));
    }

    @TestFactory
    Stream<DynamicTest> under_the_oct_10_shock_the_triggered_venues_draw_on_the_fund_and_deleverage() {
        return present(FUND_WITH_A_TRIGGER).map(id -> DynamicTest.dynamicTest(id, () -> {
            RunResult r = oct10(id);
            assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION).hasSizeGreaterThan(100);
            assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER).isNotEmpty();
            assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL).hasSizeGreaterThan(100);
        }));
    }

    private static Stream<String> present(List<String> policies) {
        return policies.stream().filter(id -> Fixtures.ROOT.resolve("policies").resolve(id).toFile().isDirectory());
    }

    private static RunResult oct10(String policy) {
        return Fixtures.run(Fixtures.policy(policy), DemoData.accountSet(), ScenarioCatalog.load("oct-10"));
    }
}
