package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.MarginTier;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.deleveraging.support.Facts.PoolRiskBuilder;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the binance policy, each with a near miss (Binance's liquidation protocol,
 * https://www.binance.com/en-NZ/support/faq/binance-futures-liquidation-protocols-360033525271, and ADL FAQ,
 * https://www.binance.com/hi/amp/support/faq/360033525471). The liquidation examples use
 * the isolated 1 BTC long at 45,100: notional 45,100, maintenance 0.4% = 180.40.
 */
class BinanceRulesTest {
    private final Decisions rules = policy("binance").newDecisions();

    @Test
    void LIQ_BINANCE_010_one_IOC_order_sells_the_share_that_restores_maintenance() {
        PoolRisk below = btcLong(1).equity("100").build();   // 1 - 100 / 180.40 = 0.4457, rounded up to 0.45
        PoolRisk atMaintenance = btcLong(2).equity("180.40").build();

        assertThat(rules.liquidations(List.of(below, atMaintenance)))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction,
                        LiquidationDecision::getFraction, LiquidationDecision::getRuleId)
                .containsExactly(tuple(1, Action.REDUCE_FRACTION, d("0.45"), "LIQ-BINANCE-010"));
    }

    @Test
    void LIQ_BINANCE_020_closes_an_account_still_deficient_after_the_steps_IOC_order() {
        PoolRisk stillDeficient = btcLong(1).equity("100").round(2).build();
        PoolRisk firstCheck = btcLong(2).equity("100").build();

        assertThat(fired(rules.liquidations(List.of(stillDeficient, firstCheck)), "LIQ-BINANCE-020"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction)
                .containsExactly(tuple(1, Action.CLOSE_ALL));
    }

    @Test
    void LIQ_BINANCE_030_closes_an_account_without_equity_without_trying_an_IOC_order() {
        PoolRisk noEquity = btcLong(1).equity("0").build();
        PoolRisk aCentLeft = btcLong(2).equity("0.01").build();

        List<LiquidationDecision> decisions = rules.liquidations(List.of(noEquity, aCentLeft));

        assertThat(fired(decisions, "LIQ-BINANCE-030"))
                .extracting(LiquidationDecision::getPoolId, LiquidationDecision::getAction)
                .containsExactly(tuple(1, Action.CLOSE_ALL));
        assertThat(decisions).filteredOn(l -> l.getPoolId() == 1).extracting(LiquidationDecision::getRuleId)
                .containsExactly("LIQ-BINANCE-030");
    }

    @Test
    void WF_BINANCE_010_the_fund_takes_over_a_position_within_its_max_net_notional() {
        assertThat(layers(shortfall().notional("44000").build(), fund().balance("44000").build()))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-BINANCE-010"));
        assertThat(layers(shortfall().notional("44000.01").build(), fund().balance("44000").build()))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-BINANCE-010"));
    }

    @Test
    void WF_BINANCE_020_counterparty_liquidation_takes_the_size_the_fund_could_not_accept() {
        assertThat(layers(shortfall().notional("44000.01").build(), fund().balance("44000").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-BINANCE-020"));
        Shortfall deficitOnly = shortfall().unfilled("0").deficit("5").build();
        assertThat(layers(deficitOnly, fund().balance("0").build())).isEmpty();
    }

    @Test
    void RANK_BINANCE_010_scores_the_forum_example_at_1_26() {
        // uPnL 40.2 on a wallet of 4.27 (PnL% 9.41) with a margin ratio of 13.42% (MM 5.967874 on equity 44.47)
        AdlCandidate inProfit = winner(1);
        AdlCandidate losing = loser(2);

        assertThat(rules.rank(List.of(inProfit, losing))).filteredOn(s -> s.getRuleId().equals("RANK-BINANCE-010"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getAccountId()).isEqualTo("winner");
                    assertThat(s.getScore()).isCloseTo(9.414519906 * 0.1342, within(1e-9))
                            .isCloseTo(1.26, within(0.01));
                });
    }

    @Test
    void RANK_BINANCE_020_an_account_without_unrealised_profit_ranks_last_with_0() {
        AdlCandidate losing = loser(1);
        AdlCandidate inProfit = winner(2);

        assertThat(rules.rank(List.of(losing, inProfit))).filteredOn(s -> s.getRuleId().equals("RANK-BINANCE-020"))
                .extracting(AdlScore::getAccountId, AdlScore::getScore)
                .containsExactly(tuple("loser", 0.0));
    }

    @Test
    void the_shipped_BTCUSDT_brackets_derive_binances_maintenance_amounts() {
        MarginSchedule btc = policy("binance").settings().margin().forMarket("BTCUSDT");

        assertThat(btc.tiers()).extracting(MarginTier::maintenanceAmount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("0"), d("50"), d("1300"), d("16300"), d("266300"), d("1266300"), d("2516300"),
                        d("5016300"), d("25016300"), d("100016300"));
        assertThat(btc.maintenance(d("500000"))).isEqualByComparingTo("3700");
    }

    @Test
    void markets_without_a_published_table_use_the_50x_alt_coin_brackets() {
        MarginSchedule eth = policy("binance").settings().margin().forMarket("ETHUSDT");

        assertThat(eth.maintenance(d("5000"))).isEqualByComparingTo("50");          // 1%
        assertThat(eth.maintenance(d("25000"))).isEqualByComparingTo("550");        // 2.5% - 75
    }

    /** The isolated 1 BTC long at 45,100 of the class comment, in pool {@code pool}. */
    private static PoolRiskBuilder btcLong(int pool) {
        return poolRisk().pool(pool).isolated().notional("45100").maintenance("180.40");
    }

    private static List<LiquidationDecision> fired(List<LiquidationDecision> decisions, String ruleId) {
        return decisions.stream().filter(l -> l.getRuleId().equals(ruleId)).toList();
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    /** A cross long of 1 from 100, alone in its account: uPnL 40.2 on a wallet of 4.27, MM 5.967874. */
    private static AdlCandidate winner(int ref) {
        return candidate().ref(ref).account("winner").entry("100").mark("140.2").equity("44.47")
                .maintenance("5.967874").build();
    }

    /** A cross long of 1 from 100 at 90, alone in its account. */
    private static AdlCandidate loser(int ref) {
        return candidate().ref(ref).account("loser").entry("100").mark("90").equity("50").maintenance("0.36").build();
    }
}
