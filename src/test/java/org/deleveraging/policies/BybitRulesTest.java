package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the bybit policy's own modules, each with a near miss (Bybit v5 API, "Get ADL Alert",
 * https://bybit-exchange.github.io/docs/v5/market/adl-alert). Liquidation
 * reuses rules/liquidation/tier-step-down.drl. The pool's 8h peak is 1,000,000 throughout, so a symbol whose PnL
 * in the pool fell 300,000 from its window max has pnlRatio -0.30, the limit.
 */
class BybitRulesTest {
    private final Decisions rules = policy("bybit").newDecisions();

    @Test
    void WF_BYBIT_010_the_pool_pays_while_the_symbols_drawdown_is_within_the_limit() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("700000", "-300000")))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
        assertThat(layers(shortfall().unfilled("10").build(), pool("699999", "-300001")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
    }

    @Test
    void WF_BYBIT_010_a_pool_at_the_trigger_threshold_pays_whatever_the_drawdown() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("10000", "-990000")))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
        assertThat(layers(shortfall().unfilled("10").build(), pool("10000.01", "-989999.99")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
    }

    @Test
    void WF_BYBIT_020_a_symbol_that_drew_the_pool_down_beyond_30_percent_goes_to_ADL_first() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("650000", "-350000")))
                .containsExactly(tuple(Layer.ADL, 20, "WF-BYBIT-020"), tuple(Layer.ADL, 40, "WF-BYBIT-040"));
        assertThat(layers(shortfall().unfilled("10").build(), pool("700000", "-300000")))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-BYBIT-020"));
    }

    // issue 23, item 3: the pool pays only down to the symbol's line; ADL goes on until the stop ratio

    @Test
    void WF_BYBIT_010_the_pool_pays_at_most_down_to_the_symbols_line_and_without_a_limit_at_the_threshold() {
        // the documentation's example: a 1M pool and a symbol at 0 pays at most 300K, down to -30 %
        assertThat(limit(pool("1000000", "0"))).isEqualByComparingTo("300000");
        assertThat(limit(pool("800000", "-200000"))).isEqualByComparingTo("100000");
        assertThat(limit(pool("700000", "-300000"))).isEqualByComparingTo("0");
        assertThat(limit(pool("10000", "-990000"))).isNull();   // at the threshold the drawdown line does not apply
    }

    @Test
    void WF_BYBIT_020_once_engaged_ADL_goes_on_until_the_ratio_recovers_above_the_stop_ratio() {
        assertThat(layers(shortfall().unfilled("10").build(), engaged("740000", "-260000", true)))
                .contains(tuple(Layer.ADL, 20, "WF-BYBIT-020"))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
        assertThat(layers(shortfall().unfilled("10").build(), engaged("750000", "-250000", true)))
                .contains(tuple(Layer.ADL, 20, "WF-BYBIT-020"));
        // near misses: recovered past the stop ratio, or never engaged
        assertThat(layers(shortfall().unfilled("10").build(), engaged("750001", "-249999", true)))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-BYBIT-020"));
        assertThat(layers(shortfall().unfilled("10").build(), engaged("740000", "-260000", false)))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-BYBIT-020"));
    }

    @Test
    void WF_BYBIT_020_does_not_apply_to_a_pool_at_or_below_the_trigger_threshold() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("10000", "-990000")))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-BYBIT-020"));
    }

    @Test
    void WF_BYBIT_030_an_empty_pool_sends_the_position_to_ADL() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("0", "-1000000")))
                .containsExactly(tuple(Layer.ADL, 30, "WF-BYBIT-030"));
        assertThat(layers(shortfall().unfilled("10").build(), pool("0.01", "0")))
                .doesNotContain(tuple(Layer.ADL, 30, "WF-BYBIT-030"));
    }

    @Test
    void WF_BYBIT_040_ADL_takes_the_size_a_positive_pool_could_not_cover() {
        assertThat(layers(shortfall().unfilled("10").build(), pool("700000", "0")))
                .contains(tuple(Layer.ADL, 40, "WF-BYBIT-040"));
        assertThat(layers(shortfall().unfilled("0").build(), pool("700000", "0")))
                .containsExactly(tuple(Layer.INSURANCE_FUND, 10, "WF-BYBIT-010"));
    }

    @Test
    void RANK_BYBIT_010_scores_a_winner_by_pnl_percent_times_effective_leverage() {
        // an example of ours for BitMEX's formula: mark value 110,000, bankrupt value 100,000, entry value 105,000
        AdlCandidate winner = candidate().ref(1).entry("105000").mark("110000").equity("10000").build();
        AdlCandidate loser = candidate().ref(2).entry("105000").mark("100000").equity("10000").build();

        assertThat(rules.rank(List.of(winner, loser))).filteredOn(s -> s.getRuleId().equals("RANK-BYBIT-010"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getRef()).isEqualTo(1);
                    assertThat(s.getScore()).isCloseTo(5000.0 / 105000 * 11, within(1e-12))
                            .isCloseTo(0.524, within(0.001));
                });
    }

    @Test
    void RANK_BYBIT_020_scores_a_loser_by_pnl_percent_over_effective_leverage() {
        AdlCandidate loser = candidate().ref(1).entry("105000").mark("100000").equity("10000").build();
        AdlCandidate winner = candidate().ref(2).entry("105000").mark("110000").equity("10000").build();

        assertThat(rules.rank(List.of(loser, winner))).filteredOn(s -> s.getRuleId().equals("RANK-BYBIT-020"))
                .extracting(AdlScore::getRef, AdlScore::getScore)
                .containsExactly(tuple(1, -5000.0 / 105000 / 10));
    }

    @Test
    void a_4m_btcusdt_position_is_in_the_second_risk_limit_level_at_1_percent() {
        MarginSchedule btc = policy("bybit").settings().margin().forMarket("BTCUSDT");

        assertThat(btc.tierFor(d("4000000")).maintenanceRate()).isEqualByComparingTo("0.01");
        assertThat(btc.maintenance(d("4000000"))).isEqualByComparingTo("30000");   // 4M x 1% - 2M x 0.5%
    }

    /** The shared pool with a window peak of 1,000,000 and BTCUSDT's PnL in it (its window max is 0). */
    private static FundState pool(String balance, String btcPnl) { return engaged(balance, btcPnl, false); }

    /** That pool, after a shortfall of BTCUSDT that ADL did or did not take part in. */
    private static FundState engaged(String balance, String btcPnl, boolean adlEngaged) {
        return fund().peak("1000000").balance(balance).marketPnl(btcPnl).adlEngaged(adlEngaged).build();
    }

    /** The limit of the pool's layer choice (null: none). */
    private BigDecimal limit(FundState f) {
        return rules.waterfall(shortfall().unfilled("10").build(), f, noBackstop()).stream()
                .filter(l -> l.getLayer() == Layer.INSURANCE_FUND).findFirst().orElseThrow().getLimit();
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .sorted(java.util.Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }
}
