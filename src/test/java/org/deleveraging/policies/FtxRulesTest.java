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
 * One test per rule of the ftx policy, each with a near miss (FTX, "Liquidations",
 * https://help.ftx.com/hc/en-us/articles/360027937831-Liquidations). Maintenance is 3,000 on a
 * notional of 100,000 (MMF 3%), so the auto-close level (ACMF = 1/2 MMF) is an equity of 1,500.
 */
class FtxRulesTest {
    private final Decisions rules = policy("ftx").newDecisions();

    @Test
    void LIQ_FTX_010_sells_an_orderly_ten_percent_slice_between_maintenance_and_the_auto_close_level() {
        PoolRisk betweenLevels = risk(1, "1500");
        PoolRisk atMaintenance = risk(2, "3000");

        assertThat(rules.liquidations(List.of(betweenLevels, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getFraction, LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.REDUCE_FRACTION, d("0.10"), "LIQ-FTX-010"));
    }

    @Test
    void LIQ_FTX_020_auto_closes_against_the_backstop_liquidity_providers_below_the_auto_close_level() {
        PoolRisk belowAutoClose = risk(1, "1499.99");
        PoolRisk atAutoClose = risk(2, "1500");

        assertThat(rules.liquidations(List.of(belowAutoClose, atAutoClose)))
                .filteredOn(l -> l.getRuleId().equals("LIQ-FTX-020"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction)
                .containsExactly(tuple(1, Action.BACKSTOP));
    }

    @Test
    void WF_FTX_010_the_backstop_liquidity_providers_come_first_while_they_have_capital() {
        assertThat(layers(shortfall("5", "0"), fund("0"), backstop("0.01")))
                .contains(tuple(Layer.BACKSTOP, 10, "WF-FTX-010"));
        assertThat(layers(shortfall("5", "0"), fund("0"), backstop("0")))
                .doesNotContain(tuple(Layer.BACKSTOP, 10, "WF-FTX-010"));
    }

    @Test
    void WF_FTX_020_the_insurance_fund_comes_next_while_it_has_a_balance() {
        assertThat(layers(shortfall("5", "0"), fund("0.01"), backstop("0")))
                .contains(tuple(Layer.INSURANCE_FUND, 20, "WF-FTX-020"));
        assertThat(layers(shortfall("5", "0"), fund("0"), backstop("0")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 20, "WF-FTX-020"));
    }

    @Test
    void WF_FTX_030_the_top_opposing_positions_take_size_nobody_else_absorbed() {
        assertThat(layers(shortfall("1", "0"), fund("0"), backstop("0")))
                .containsExactly(tuple(Layer.ADL, 30, "WF-FTX-030"));
        assertThat(layers(shortfall("0", "50"), fund("0"), backstop("0"))).isEmpty();
    }

    @Test
    void WF_FTX_040_the_insurance_fund_pays_after_ADL_only_for_a_deficit() {
        assertThat(layers(shortfall("1", "0.01"), fund("100"), backstop("0")))
                .contains(tuple(Layer.INSURANCE_FUND, 40, "WF-FTX-040"));
        assertThat(layers(shortfall("1", "0"), fund("100"), backstop("0")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 40, "WF-FTX-040"));
    }

    @Test
    void RANK_SIZE_010_ranks_the_larger_position_first_whatever_its_profit() {
        AdlCandidate largeLoser = candidate(1, "large", "95", "1010");
        AdlCandidate smallWinner = candidate(2, "small", "5", "900");

        assertThat(rules.rank(List.of(largeLoser, smallWinner)))
                .extracting(AdlScore::getAccountId, AdlScore::getScore, AdlScore::getRuleId)
                .containsExactlyInAnyOrder(tuple("large", 95.0, "RANK-SIZE-010"), tuple("small", 5.0, "RANK-SIZE-010"));
    }

    private List<Tuple> layers(Shortfall s, FundState f, BackstopState b) {
        return rules.waterfall(s, f, b).stream().map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }

    private static PoolRisk risk(int pool, String equity) {
        return new PoolRisk(pool, "acct" + pool, false, "*", d(equity), d("3000"), d("100000"), 1, 0, 1);
    }

    private static Shortfall shortfall(String unfilled, String deficit) {
        return new Shortfall(7, "bankrupt", "BTCUSDT", "USDT", d(unfilled), d(unfilled).multiply(d("1000")), d(deficit),
                0);
    }

    private static FundState fund(String balance) {
        return new FundState("USDT", true, d(balance), d(balance), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static BackstopState backstop(String capital) {
        return new BackstopState("USDT", true, d(capital));
    }

    private static AdlCandidate candidate(int ref, String account, String size, String entry) {
        BigDecimal mark = d("1000");
        BigDecimal notional = d(size).multiply(mark);
        BigDecimal entryValue = d(size).multiply(d(entry));
        BigDecimal upnl = notional.subtract(entryValue);
        BigDecimal equity = d("5000").add(upnl);
        return new AdlCandidate(ref, ref, account, "BTCUSDT", "LONG", d(size), d(entry), mark, notional, entryValue,
                upnl, equity, upnl, notional.multiply(d("0.03")), notional, false);
    }
}
