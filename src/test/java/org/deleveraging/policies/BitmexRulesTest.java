package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.policy;

import java.util.Comparator;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the bitmex policy's modules (the default policy's: risk-limit step-down, fund then ADL, the
 * PnL x leverage queue), each with a near miss beside the match. BitMEX: https://www.bitmex.com/app/liquidation,
 * https://bitmex.com/app/autoDeleveraging.
 */
class BitmexRulesTest {
    private final Decisions rules = policy("bitmex").newDecisions();

    // ---- liquidation/tier-step-down.drl

    @Test
    void LIQ_TIER_010_a_pool_in_a_higher_tier_below_maintenance_drops_one_tier() {
        assertThat(decide(poolRisk().equity("99.99").maintenance("100").tier(2).build()))
                .containsExactly(tuple(Action.REDUCE_ONE_TIER, "LIQ-TIER-010"));
        assertThat(decide(poolRisk().equity("100").maintenance("100").tier(2).build()))
                .isEmpty();   // at maintenance: not below it
    }

    @Test
    void LIQ_TIER_020_a_lowest_tier_pool_below_maintenance_is_closed_out() {
        assertThat(decide(poolRisk().equity("99.99").maintenance("100").tier(1).build()))
                .containsExactly(tuple(Action.CLOSE_ALL, "LIQ-TIER-020"));
        assertThat(decide(poolRisk().equity("99.99").maintenance("100").tier(2).build()))
                .doesNotContain(tuple(Action.CLOSE_ALL, "LIQ-TIER-020"));
    }

    @Test
    void LIQ_TIER_030_a_pool_whose_equity_is_gone_is_closed_out_whatever_its_tier() {
        assertThat(decide(poolRisk().equity("0").maintenance("100").tier(3).build()))
                .contains(tuple(Action.CLOSE_ALL, "LIQ-TIER-030"))
                .doesNotContain(tuple(Action.REDUCE_ONE_TIER, "LIQ-TIER-010"));   // a step-down needs equity above zero
        assertThat(decide(poolRisk().equity("0.01").maintenance("100").tier(3).build()))
                .doesNotContain(tuple(Action.CLOSE_ALL, "LIQ-TIER-030"));
    }

    // ---- waterfall/fund-then-adl.drl

    @Test
    void WF_010_the_fund_pays_first_while_its_balance_is_positive() {
        assertThat(layers(shortfall().unfilled("1").build(), fund().balance("0.01").build()))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
        assertThat(layers(shortfall().unfilled("1").build(), fund().balance("0").build()))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
    }

    @Test
    void WF_020_ADL_takes_the_size_the_fund_did_not() {
        assertThat(layers(shortfall().unfilled("1").build(), fund().balance("0").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-020"));
        assertThat(layers(shortfall().unfilled("0").build(), fund().balance("100").build()))
                .containsExactly(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
    }

    // ---- ranking/bitmex.drl (with ranking/measures.drl)

    @Test
    void RANK_BITMEX_010_a_winner_ranks_by_pnl_percent_times_effective_leverage() {
        // long 1 from 100,000 at 110,000 with 10,000 of equity: PnL% 0.1 x leverage 11 = 1.1
        AdlScore s = rank(candidate().entry("100000").mark("110000").equity("10000").build());
        assertThat(s.getRuleId()).isEqualTo("RANK-BITMEX-010");
        assertThat(s.getScore()).isCloseTo(1.1, within(1e-12));
        // at break-even the score is 0 and it is still this rule's (PnL% >= 0)
        assertThat(rank(candidate().entry("100000").mark("100000").equity("10000").build()).getRuleId())
                .isEqualTo("RANK-BITMEX-010");
    }

    @Test
    void RANK_BITMEX_020_a_loser_ranks_by_pnl_percent_divided_by_effective_leverage() {
        // long 1 from 100,000 at 90,000 with 10,000 of equity: PnL% -0.1 / leverage 9 = -0.0111...
        AdlScore s = rank(candidate().entry("100000").mark("90000").equity("10000").build());
        assertThat(s.getRuleId()).isEqualTo("RANK-BITMEX-020");
        assertThat(s.getScore()).isCloseTo(-0.1 / 9, within(1e-12));
        assertThat(rank(candidate().entry("100000").mark("99999.9").equity("10000").build()).getRuleId())
                .isEqualTo("RANK-BITMEX-020");
    }

    private List<Tuple> decide(PoolRisk r) {
        return rules.liquidations(List.of(r)).stream().map(d -> tuple(d.getAction(), d.getRuleId())).toList();
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .sorted(Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    private AdlScore rank(AdlCandidate c) {
        List<AdlScore> scores = rules.rank(List.of(c));
        assertThat(scores).hasSize(1);
        return scores.get(0);
    }
}
