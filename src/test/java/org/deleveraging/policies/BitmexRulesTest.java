package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
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
        assertThat(decide(risk("99.99", "100", 2))).containsExactly(tuple(Action.REDUCE_ONE_TIER, "LIQ-TIER-010"));
        assertThat(decide(risk("100", "100", 2))).isEmpty();                  // at maintenance: not below it
    }

    @Test
    void LIQ_TIER_020_a_lowest_tier_pool_below_maintenance_is_closed_out() {
        assertThat(decide(risk("99.99", "100", 1))).containsExactly(tuple(Action.CLOSE_ALL, "LIQ-TIER-020"));
        assertThat(decide(risk("99.99", "100", 2))).doesNotContain(tuple(Action.CLOSE_ALL, "LIQ-TIER-020"));
    }

    @Test
    void LIQ_TIER_030_a_pool_whose_equity_is_gone_is_closed_out_whatever_its_tier() {
        assertThat(decide(risk("0", "100", 3))).contains(tuple(Action.CLOSE_ALL, "LIQ-TIER-030"))
                .doesNotContain(tuple(Action.REDUCE_ONE_TIER, "LIQ-TIER-010"));   // a step-down needs equity above zero
        assertThat(decide(risk("0.01", "100", 3))).doesNotContain(tuple(Action.CLOSE_ALL, "LIQ-TIER-030"));
    }

    // ---- waterfall/fund-then-adl.drl

    @Test
    void WF_010_the_fund_pays_first_while_its_balance_is_positive() {
        assertThat(layers(shortfall("1"), fund("0.01"))).contains(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
        assertThat(layers(shortfall("1"), fund("0"))).doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
    }

    @Test
    void WF_020_ADL_takes_the_size_the_fund_did_not() {
        assertThat(layers(shortfall("1"), fund("0"))).containsExactly(tuple(Layer.ADL, 20, "WF-020"));
        assertThat(layers(shortfall("0"), fund("100"))).containsExactly(tuple(Layer.INSURANCE_FUND, 10, "WF-010"));
    }

    // ---- ranking/bitmex.drl (with ranking/measures.drl)

    @Test
    void RANK_BITMEX_010_a_winner_ranks_by_pnl_percent_times_effective_leverage() {
        // long 1 from 100,000 at 110,000 with 10,000 of equity: PnL% 0.1 x leverage 11 = 1.1
        AdlScore s = rank(candidate("100000", "110000", "10000"));
        assertThat(s.getRuleId()).isEqualTo("RANK-BITMEX-010");
        assertThat(s.getScore()).isCloseTo(1.1, within(1e-12));
        // at break-even the score is 0 and it is still this rule's (PnL% >= 0)
        assertThat(rank(candidate("100000", "100000", "10000")).getRuleId()).isEqualTo("RANK-BITMEX-010");
    }

    @Test
    void RANK_BITMEX_020_a_loser_ranks_by_pnl_percent_divided_by_effective_leverage() {
        // long 1 from 100,000 at 90,000 with 10,000 of equity: PnL% -0.1 / leverage 9 = -0.0111...
        AdlScore s = rank(candidate("100000", "90000", "10000"));
        assertThat(s.getRuleId()).isEqualTo("RANK-BITMEX-020");
        assertThat(s.getScore()).isCloseTo(-0.1 / 9, within(1e-12));
        assertThat(rank(candidate("100000", "99999.9", "10000")).getRuleId()).isEqualTo("RANK-BITMEX-020");
    }

    private List<Tuple> decide(PoolRisk r) {
        return rules.liquidations(List.of(r)).stream().map(d -> tuple(d.getAction(), d.getRuleId())).toList();
    }

    private static PoolRisk risk(String equity, String maintenance, int tier) {
        return new PoolRisk(1, "acct1", false, "BTCUSDT", d(equity), d(maintenance), d("10000"), tier, 1, 1);
    }

    private static Shortfall shortfall(String size) {
        return new Shortfall(1, "bankrupt", "BTCUSDT", "USDT", d(size), d(size).multiply(d("40000")), d("500"), 1);
    }

    private static FundState fund(String balance) {
        return new FundState("BTCUSDT", true, d(balance), d(balance), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, new BackstopState("USDT", false, BigDecimal.ZERO)).stream()
                .sorted(Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    private AdlScore rank(AdlCandidate c) {
        List<AdlScore> scores = rules.rank(List.of(c));
        assertThat(scores).hasSize(1);
        return scores.get(0);
    }

    /** A cross long of 1 alone in its account. */
    private static AdlCandidate candidate(String entry, String mark, String equity) {
        BigDecimal upnl = d(mark).subtract(d(entry));
        return new AdlCandidate(1, 1, "acct1", "BTCUSDT", "LONG", BigDecimal.ONE, d(entry), d(mark), d(mark), d(entry),
                upnl, d(equity), upnl, d(mark).multiply(d("0.01")), d(mark), false);
    }
}
