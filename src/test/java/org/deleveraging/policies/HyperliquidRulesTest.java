package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Facts.backstop;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.noFund;
import static org.deleveraging.support.Facts.poolRisk;
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
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.deleveraging.support.Facts.CandidateBuilder;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the hyperliquid policy, each with a near miss (Hyperliquid's docs on liquidations and
 * auto-deleveraging, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations,
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/auto-deleveraging). A 1 BTC long at 99,000 needs
 * maintenance 1.25% = 1,237.50; two thirds of that is exactly 825.
 */
class HyperliquidRulesTest {
    private final Decisions rules = policy("hyperliquid").newDecisions();

    @Test
    void LIQ_HL_010_sends_market_orders_for_the_full_position_between_two_thirds_of_maintenance_and_maintenance() {
        PoolRisk atTwoThirds = poolRisk().pool(1).equity("825").maintenance("1237.50").notional("99000").build();
        PoolRisk atMaintenance = poolRisk().pool(2).equity("1237.50").maintenance("1237.50").notional("99000").build();

        assertThat(rules.liquidations(List.of(atTwoThirds, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getFraction, LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.REDUCE_FRACTION, BigDecimal.ONE, "LIQ-HL-010"));
    }

    @Test
    void LIQ_HL_020_sends_20_percent_of_a_position_above_100k_once_per_step() {
        PoolRisk large = poolRisk().pool(1).equity("2000").maintenance("2500").notional("200000").build();
        PoolRisk atThreshold = poolRisk().pool(2).equity("1000").maintenance("1250").notional("100000").build();
        PoolRisk largeInCooldown = poolRisk().pool(3).equity("2000").maintenance("2500").notional("200000").round(2)
                .build();

        List<LiquidationDecision> decisions = rules.liquidations(List.of(large, atThreshold, largeInCooldown));

        assertThat(decisions).filteredOn(l -> l.getRuleId().equals("LIQ-HL-020"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getFraction)
                .containsExactly(tuple(1, d("0.2")));
        assertThat(decisions).extracting(LiquidationDecision::getPoolId).doesNotContain(3);
    }

    @Test
    void LIQ_HL_030_hands_the_account_to_the_liquidator_vault_below_two_thirds_of_maintenance() {
        PoolRisk belowTwoThirds = poolRisk().pool(1).equity("824.99").maintenance("1237.50").notional("99000").build();
        PoolRisk atTwoThirds = poolRisk().pool(2).equity("825").maintenance("1237.50").notional("99000").build();

        assertThat(rules.liquidations(List.of(belowTwoThirds, atTwoThirds)))
                .filteredOn(l -> l.getRuleId().equals("LIQ-HL-030"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction)
                .containsExactly(tuple(1, Action.BACKSTOP));
    }

    @Test
    void LIQ_HL_030_also_takes_a_large_account_in_cooldown() {
        PoolRisk inCooldown = poolRisk().equity("1000").maintenance("2500").notional("200000").round(2).build();

        assertThat(rules.liquidations(List.of(inCooldown)))
                .extracting(LiquidationDecision::getAction, LiquidationDecision::getRuleId)
                .containsExactly(tuple(Action.BACKSTOP, "LIQ-HL-030"));
    }

    @Test
    void WF_HL_010_the_liquidator_vault_takes_what_the_book_did_not_while_it_has_equity() {
        assertThat(layers(shortfall().unfilled("1").deficit("200").build(), backstop().equity("0.01").build()))
                .contains(tuple(Layer.BACKSTOP, 10, "WF-HL-010"));
        assertThat(layers(shortfall().unfilled("1").deficit("200").build(), backstop().equity("0").build()))
                .doesNotContain(tuple(Layer.BACKSTOP, 10, "WF-HL-010"));
    }

    @Test
    void WF_HL_020_deleverages_only_an_account_whose_value_is_negative() {
        assertThat(layers(shortfall().unfilled("1").deficit("0.01").build(), backstop().equity("0").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-HL-020"));
        assertThat(layers(shortfall().unfilled("1").deficit("0").build(), backstop().equity("0").build())).isEmpty();
    }

    @Test
    void RANK_HL_010_ranks_by_mark_over_entry_times_notional_over_account_value() {
        // the docs' sort index on an example of ours: mark/entry 120/100 = 1.2, notional/account value
        // 12,000/4,000 = 3: index 3.6
        AdlCandidate leveraged = longOf100(1).mark("120").equity("4000").build();
        AdlCandidate halfTheLeverage = longOf100(2).mark("120").equity("8000").build();

        List<AdlScore> scores = rules.rank(List.of(leveraged, halfTheLeverage)).stream()
                .sorted(java.util.Comparator.comparingInt(AdlScore::getRef)).toList();

        assertThat(scores).extracting(AdlScore::getRuleId).containsOnly("RANK-HL-010");
        assertThat(scores.get(0).getScore()).isCloseTo(3.6, within(1e-12));
        assertThat(scores.get(1).getScore()).isCloseTo(1.8, within(1e-12));
    }

    @Test
    void RANK_HL_010_reads_a_shorts_profit_as_entry_over_mark() {
        AdlCandidate shortInProfit = candidate().account("s").side("SHORT").size("100").entry("100").mark("80")
                .equity("4000").maintenance("100").build();

        assertThat(rules.rank(List.of(shortInProfit))).singleElement()
                .satisfies(s -> assertThat(s.getScore()).isCloseTo(1.25 * 2, within(1e-12)));
    }

    @Test
    void the_shipped_btc_tiers_need_3_125m_on_200m_and_are_continuous_at_150m() {
        MarginSchedule btc = policy("hyperliquid").settings().margin().forMarket("BTCUSDT");

        assertThat(btc.maintenance(d("200000000"))).isEqualByComparingTo("3125000");
        assertThat(btc.maintenance(d("150000000"))).isEqualByComparingTo("1875000");
        assertThat(btc.tiers().get(1).maintenanceAmount()).isEqualByComparingTo("1875000");
    }

    private List<Tuple> layers(Shortfall s, BackstopState b) {
        return rules.waterfall(s, noFund(), b).stream().sorted(java.util.Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    /** A cross long of 100 entered at 100, alone in its account. */
    private static CandidateBuilder longOf100(int ref) { return candidate().ref(ref).size("100").entry("100"); }
}
