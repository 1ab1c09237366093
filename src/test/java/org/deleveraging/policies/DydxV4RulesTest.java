package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.policy;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the dydx-v4 policy, each with a near miss beside the match (the chain's code,
 * https://github.com/dydxprotocol/v4-chain, protocol/x/clob/keeper/liquidations.go and deleveraging.go).
 */
class DydxV4RulesTest {
    private final Decisions rules = policy("dydx-v4").newDecisions();

    @Test
    void LIQ_010_liquidates_a_subaccount_whose_net_collateral_is_below_its_maintenance_requirement() {
        PoolRisk below = poolRisk().pool(1).equity("99.99").maintenance("100").build();
        PoolRisk atMaintenance = poolRisk().pool(2).equity("100").maintenance("100").build();

        assertThat(rules.liquidations(List.of(below, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.CLOSE_ALL, "LIQ-010"));
    }

    @Test
    void WF_DYDX_010_the_insurance_fund_is_offered_the_gap_only_while_it_has_a_balance() {
        assertThat(layers(shortfall().unfilled("5").deficit("200").build(), fund().balance("0.01").build()))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-DYDX-010"));
        assertThat(layers(shortfall().unfilled("5").deficit("200").build(), fund().balance("0").build()))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-DYDX-010"));
    }

    @Test
    void WF_DYDX_020_deleverages_an_unfilled_position_only_when_net_collateral_is_negative() {
        assertThat(layers(shortfall().unfilled("5").deficit("0.01").build(), fund().balance("0").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-DYDX-020"));
        assertThat(layers(shortfall().unfilled("5").deficit("0").build(), fund().balance("0").build())).isEmpty();
    }

    @Test
    void RANK_DYDX_010_scores_every_opposite_position_alike_whatever_its_profit_or_leverage() {
        AdlCandidate bigWinner = candidate().ref(1).account("winner").size("10").entry("650").mark("660")
                .equity("1000").build();
        AdlCandidate smallLoser = candidate().ref(2).account("loser").size("1").entry("700").mark("660")
                .equity("5").build();

        assertThat(rules.rank(List.of(bigWinner, smallLoser)))
                .extracting(AdlScore::getAccountId, AdlScore::getScore, AdlScore::getRuleId)
                .containsExactlyInAnyOrder(tuple("winner", 0.0, "RANK-DYDX-010"), tuple("loser", 0.0, "RANK-DYDX-010"));
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }
}
