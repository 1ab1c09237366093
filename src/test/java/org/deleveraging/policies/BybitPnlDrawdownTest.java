package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The bybit policy end to end, after the official example of Bybit's v5 API ("Get ADL Alert",
 * https://bybit-exchange.github.io/docs/v5/market/adl-alert): a shared pool of 1,000,000 and a symbol that loses 35% of
 * it; the pool pays down to -30 % (300,000) and users absorb the other 50,000 by ADL. BTCUSDT falls from 50,000 to
 * 40,000 in one step. Account "a" (long 50 at 50,000) is bankrupt by a chosen amount; "b" (long 10 at 50,000, wallet
 * 50,000) is at -50,000, bankruptcy price 40,000 + 50,000 / 10 = 45,000; "c" (short 60 at 50,000, wallet 100,000) has
 * 700,000. Neither long's close-out, limited to its bankruptcy price above the mark, fills; the book is so deep that
 * the pool's own fills land on the mark. "a" is resolved first (accounts in id order), so "b" sees the pool after "a".
 */
class BybitPnlDrawdownTest {

    private RunResult crash(String walletOfA) {
        var btc = linear("BTCUSDT", "0.5", "1", "1000000000000");
        return run(policy("bybit"), set(btc,
                        cross("a", walletOfA, pos("BTCUSDT", Side.LONG, "50", "50000")),
                        cross("b", "50000", pos("BTCUSDT", Side.LONG, "10", "50000")),
                        cross("c", "100000", pos("BTCUSDT", Side.SHORT, "60", "50000"))),
                marks("BTCUSDT", Map.of("USDT", d("1000000")), "50000", "40000"));
    }

    @Test
    void a_35_percent_drawdown_is_paid_down_to_30_percent_and_users_absorb_the_rest_then_adl_goes_on() {
        // "a" at 150,000 - 500,000 = -350,000: the pool may pay 0 - 0 + 0.30 x 1,000,000 = 300,000; the other 50,000
        // goes to ADL at the moved bankruptcy price 40,000 + 50,000 / 50 = 41,000. BTCUSDT's pnlRatio is then -0.30:
        // not below the line, but ADL has begun and -0.30 is not above the stop ratio -0.25, so "b" is deleveraged too
        RunResult r = crash("150000");

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER)
                .extracting(RunEvent::accountId, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("a", d("300000"), "WF-BYBIT-010"));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price,
                        RunEvent::amount)
                .containsExactly(tuple("c", "a", d("50"), d("41000"), d("-50000")),
                        tuple("c", "b", d("10"), d("45000"), d("-50000")));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL).last()
                .satisfies(e -> assertThat(e.reason()).contains("WF-BYBIT-020")
                        .contains("has not recovered above the stop ratio"));
        assertThat(r.fundsEnd().get("USDT")).isEqualByComparingTo("700000");
        assertThat(equityEnd(r, "a")).isEqualByComparingTo("0");
        assertThat(equityEnd(r, "b")).isEqualByComparingTo("0");
        assertThat(equityEnd(r, "c")).isEqualByComparingTo("600000");
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    @Test
    void after_a_25_percent_drawdown_the_pool_keeps_paying() {
        // "a" at 250,000 - 500,000 = -250,000: within the 300,000 the pool may pay; pnlRatio -0.25 stays within -0.30
        // and ADL never began, so the pool also takes "b" (it may pay 50,000 more, exactly b's deficit)
        RunResult r = crash("250000");

        assertThat(r.events()).noneMatch(e -> e.kind() == RunEvent.Kind.ADL);
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER)
                .extracting(RunEvent::accountId, RunEvent::amount)
                .containsExactly(tuple("a", d("250000")), tuple("b", d("50000")));
        assertThat(r.fundsEnd().get("USDT")).isEqualByComparingTo("700000");
        assertThat(equityEnd(r, "c")).isEqualByComparingTo("700000");
        assertThat(r.rulesFired()).doesNotContainKey("WF-BYBIT-020");
    }

    private static BigDecimal equityEnd(RunResult r, String account) {
        return r.outcomes().stream().filter(o -> o.accountId().equals(account)).map(AccountOutcome::equityEnd)
                .findFirst().orElseThrow();
    }
}
