package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The binance policy end to end: the insurance fund takes over a bankrupt position only within its max net notional
 * (100% of its balance); beyond it the position goes to counterparty liquidation at the bankruptcy price, although
 * the fund could have paid the deficit. And the smart-liquidation IOC that restores maintenance.
 */
class BinanceMaxNotionalTest {

    /**
     * A cross long of 1 BTC at 50,000 with a wallet of 5,000 is marked at 44,000: equity -1,000, bankruptcy price
     * 44,000 + 1,000 / 1 = 45,000. Its close-out order is limited to 45,000, above the mark, so nothing fills and
     * 1 BTC worth 44,000 at the mark is left for the waterfall. The short (1 BTC at 50,000, wallet 10,000) has
     * equity 16,000. The book is deep: the fund's fill of 44,000 moves the price by 2.2e-7, under half a tick.
     */
    private RunResult gap(String fund) {
        var btc = linear("BTCUSDT", "0.1", "0.001", "1000000000");
        return run(policy("binance"), set(btc,
                        cross("long", "5000", pos("BTCUSDT", Side.LONG, "1", "50000")),
                        cross("short", "10000", pos("BTCUSDT", Side.SHORT, "1", "50000"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d(fund)), "50000", "44000"));
    }

    @Test
    void beyond_the_max_net_notional_the_position_is_deleveraged_at_the_bankruptcy_price() {
        RunResult r = gap("43999.99");   // 44,000 of notional exceeds 100% of the fund

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price,
                        RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("short", "long", d("1"), d("45000"), d("-1000"), "RANK-BINANCE-010"));
        assertThat(r.fundsEnd()).containsEntry("BTCUSDT", d("43999.99"));
        assertThat(equityEnd(r, "long")).isEqualByComparingTo("0");
        assertThat(equityEnd(r, "short")).isEqualByComparingTo("15000");
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
        assertThat(r.rulesFired()).containsKeys("LIQ-BINANCE-030", "WF-BINANCE-020")
                .doesNotContainKey("WF-BINANCE-010");
    }

    @Test
    void within_the_max_net_notional_the_fund_takes_the_position_and_pays_the_deficit() {
        RunResult r = gap("44000");      // exactly 100% of the fund

        assertThat(r.events()).noneMatch(e -> e.kind() == RunEvent.Kind.ADL);
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER)
                .extracting(RunEvent::accountId, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("long", d("1000"), "WF-BINANCE-010"));
        assertThat(r.fundsEnd().get("BTCUSDT")).isEqualByComparingTo("43000");
        assertThat(equityEnd(r, "short")).isEqualByComparingTo("16000");
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }

    /**
     * The same long marked at 45,100 has equity 100 against maintenance 0.4% x 45,100 = 180.40. The IOC sells
     * 1 - 100 / 180.40 = 0.4457, rounded up to 0.45 BTC, at 45,100 (the deep book moves it under half a tick).
     * The 0.55 BTC left needs 0.55 x 45,100 x 0.4% = 99.22 <= 100: compliant, so nothing else happens.
     */
    @Test
    void one_IOC_order_restores_maintenance_and_the_rest_of_the_position_stays_open() {
        var btc = linear("BTCUSDT", "0.1", "0.001", "1000000000");
        RunResult r = run(policy("binance"), set(btc, cross("long", "5000", pos("BTCUSDT", Side.LONG, "1", "50000"))),
                marks("BTCUSDT", Map.of(), "50000", "45100"));

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION)
                .extracting(RunEvent::size, RunEvent::price, RunEvent::equityAfter, RunEvent::ruleId)
                .containsExactly(tuple(d("0.45"), d("45100"), d("100"), "LIQ-BINANCE-010"));
        assertThat(r.steps().get(1).rounds()).isEqualTo(2);
        assertThat(equityEnd(r, "long")).isEqualByComparingTo("100");
    }

    private static java.math.BigDecimal equityEnd(RunResult r, String account) {
        return r.outcomes().stream().filter(o -> o.accountId().equals(account)).map(AccountOutcome::equityEnd)
                .findFirst().orElseThrow();
    }
}
