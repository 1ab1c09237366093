package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
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
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the dydx-v4 policy, each with a near miss beside the match (the chain's code,
 * https://github.com/dydxprotocol/v4-chain, protocol/x/clob/keeper/liquidations.go and deleveraging.go).
 */
class DydxV4RulesTest {
    private final Decisions rules = policy("dydx-v4").newDecisions();

    @Test
    void LIQ_010_liquidates_a_subaccount_whose_net_collateral_is_below_its_maintenance_requirement() {
        PoolRisk below = risk(1, "99.99", "100");
        PoolRisk atMaintenance = risk(2, "100", "100");

        assertThat(rules.liquidations(List.of(below, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.CLOSE_ALL, "LIQ-010"));
    }

    @Test
    void WF_DYDX_010_the_insurance_fund_is_offered_the_gap_only_while_it_has_a_balance() {
        assertThat(layers(shortfall("5", "200"), fund("0.01")))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-DYDX-010"));
        assertThat(layers(shortfall("5", "200"), fund("0")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-DYDX-010"));
    }

    @Test
    void WF_DYDX_020_deleverages_an_unfilled_position_only_when_net_collateral_is_negative() {
        assertThat(layers(shortfall("5", "0.01"), fund("0"))).containsExactly(tuple(Layer.ADL, 20, "WF-DYDX-020"));
        assertThat(layers(shortfall("5", "0"), fund("0"))).isEmpty();
    }

    @Test
    void RANK_DYDX_010_scores_every_opposite_position_alike_whatever_its_profit_or_leverage() {
        AdlCandidate bigWinner = candidate(1, "winner", "10", "650", "1000");
        AdlCandidate smallLoser = candidate(2, "loser", "1", "700", "5");

        assertThat(rules.rank(List.of(bigWinner, smallLoser)))
                .extracting(AdlScore::getAccountId, AdlScore::getScore, AdlScore::getRuleId)
                .containsExactlyInAnyOrder(tuple("winner", 0.0, "RANK-DYDX-010"), tuple("loser", 0.0, "RANK-DYDX-010"));
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, new BackstopState("USDT", false, BigDecimal.ZERO)).stream()
                .map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }

    private static PoolRisk risk(int pool, String equity, String maintenance) {
        return new PoolRisk(pool, "acct" + pool, false, "*", d(equity), d(maintenance), d("10000"), 1, 0, 1);
    }

    private static Shortfall shortfall(String unfilled, String deficit) {
        return new Shortfall(7, "bankrupt", "BTCUSDT", "USDT", d(unfilled), d(unfilled).multiply(d("100")), d(deficit),
                0);
    }

    private static FundState fund(String balance) {
        return new FundState("USDT", true, d(balance), d(balance), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static AdlCandidate candidate(int ref, String account, String size, String entry, String equity) {
        BigDecimal mark = d("660");
        BigDecimal notional = d(size).multiply(mark);
        BigDecimal entryValue = d(size).multiply(d(entry));
        BigDecimal upnl = notional.subtract(entryValue);
        return new AdlCandidate(ref, ref, account, "BTCUSDT", "LONG", d(size), d(entry), mark, notional, entryValue,
                upnl, d(equity), upnl, notional.multiply(d("0.012")), notional, false);
    }
}
