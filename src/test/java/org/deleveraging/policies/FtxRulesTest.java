package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Facts.backstop;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.deleveraging.support.Facts.PoolRiskBuilder;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the ftx policy, each with a near miss (FTX, "Liquidations",
 * https://help.ftx.com/hc/en-us/articles/360027937831-Liquidations). Maintenance is 3,000 on a
 * notional of 100,000 (MMF 3%), so the auto-close level (ACMF = 1/2 MMF) is an equity of 1,500.
 */
class FtxRulesTest {
    private final Decisions rules = policy("ftx").newDecisions();

    @Test
    void LIQ_FTX_010_sells_an_orderly_ten_percent_slice_between_maintenance_and_the_auto_close_level() {
        PoolRisk betweenLevels = ftxPool(1).equity("1500").build();
        PoolRisk atMaintenance = ftxPool(2).equity("3000").build();

        assertThat(rules.liquidations(List.of(betweenLevels, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getFraction, LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.REDUCE_FRACTION, d("0.10"), "LIQ-FTX-010"));
    }

    @Test
    void LIQ_FTX_020_auto_closes_against_the_backstop_liquidity_providers_below_the_auto_close_level() {
        PoolRisk belowAutoClose = ftxPool(1).equity("1499.99").build();
        PoolRisk atAutoClose = ftxPool(2).equity("1500").build();

        assertThat(rules.liquidations(List.of(belowAutoClose, atAutoClose)))
                .filteredOn(l -> l.getRuleId().equals("LIQ-FTX-020"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction)
                .containsExactly(tuple(1, Action.BACKSTOP));
    }

    @Test
    void WF_FTX_010_the_backstop_liquidity_providers_come_first_while_they_have_capital() {
        Shortfall sizeOnly = shortfall().unfilled("5").deficit("0").build();
        FundState empty = fund().balance("0").build();

        assertThat(layers(sizeOnly, empty, backstop().equity("0.01").build()))
                .contains(tuple(Layer.BACKSTOP, 10, "WF-FTX-010"));
        assertThat(layers(sizeOnly, empty, backstop().equity("0").build()))
                .doesNotContain(tuple(Layer.BACKSTOP, 10, "WF-FTX-010"));
    }

    @Test
    void WF_FTX_020_the_insurance_fund_comes_next_while_it_has_a_balance() {
        Shortfall sizeOnly = shortfall().unfilled("5").deficit("0").build();
        BackstopState empty = backstop().equity("0").build();

        assertThat(layers(sizeOnly, fund().balance("0.01").build(), empty))
                .contains(tuple(Layer.INSURANCE_FUND, 20, "WF-FTX-020"));
        assertThat(layers(sizeOnly, fund().balance("0").build(), empty))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 20, "WF-FTX-020"));
    }

    @Test
    void WF_FTX_030_the_top_opposing_positions_take_size_nobody_else_absorbed() {
        FundState emptyFund = fund().balance("0").build();
        BackstopState emptyBackstop = backstop().equity("0").build();

        assertThat(layers(shortfall().unfilled("1").deficit("0").build(), emptyFund, emptyBackstop))
                .containsExactly(tuple(Layer.ADL, 30, "WF-FTX-030"));
        assertThat(layers(shortfall().unfilled("0").deficit("50").build(), emptyFund, emptyBackstop)).isEmpty();
    }

    @Test
    void WF_FTX_040_the_insurance_fund_pays_after_ADL_only_for_a_deficit() {
        FundState funded = fund().balance("100").build();
        BackstopState empty = backstop().equity("0").build();

        assertThat(layers(shortfall().unfilled("1").deficit("0.01").build(), funded, empty))
                .contains(tuple(Layer.INSURANCE_FUND, 40, "WF-FTX-040"));
        assertThat(layers(shortfall().unfilled("1").deficit("0").build(), funded, empty))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 40, "WF-FTX-040"));
    }

    @Test
    void RANK_SIZE_010_ranks_the_larger_position_first_whatever_its_profit() {
        AdlCandidate largeLoser = candidate().ref(1).account("large").size("95").entry("1010").mark("1000").build();
        AdlCandidate smallWinner = candidate().ref(2).account("small").size("5").entry("900").mark("1000").build();

        assertThat(rules.rank(List.of(largeLoser, smallWinner)))
                .extracting(AdlScore::getAccountId, AdlScore::getScore, AdlScore::getRuleId)
                .containsExactlyInAnyOrder(tuple("large", 95.0, "RANK-SIZE-010"), tuple("small", 5.0, "RANK-SIZE-010"));
    }

    private List<Tuple> layers(Shortfall s, FundState f, BackstopState b) {
        return rules.waterfall(s, f, b).stream().map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }

    /** A cross pool with maintenance 3,000 on a notional of 100,000, as in the class comment. */
    private static PoolRiskBuilder ftxPool(int pool) {
        return poolRisk().pool(pool).maintenance("3000").notional("100000");
    }
}
