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
 * The okx policy end to end: BTCUSDT's own fund holds 1,000,000 (its peak) and BTCUSDT falls from 50,000 to 40,000
 * in one step. Account "a" (long 50 at 50,000) is bankrupt by a chosen amount; "b" (long 10 at 50,000, wallet
 * 50,000) is at -50,000 with a bankruptcy price of 45,000; "c" (short 20 at 50,000, wallet 100,000) has 300,000.
 * The close-outs, limited to the bankruptcy prices above the mark, do not fill; the book is so deep that the fund's
 * own fills land on the mark. "a" is resolved first, so "b" sees the fund after it paid for "a".
 */
class OkxFundDropTest {

    private RunResult crash(String walletOfA) {
        var btc = linear("BTCUSDT", "0.5", "1", "1000000000000");
        return run(policy("okx"), set(btc,
                        cross("a", walletOfA, pos("BTCUSDT", Side.LONG, "50", "50000")),
                        cross("b", "50000", pos("BTCUSDT", Side.LONG, "10", "50000")),
                        cross("c", "100000", pos("BTCUSDT", Side.SHORT, "20", "50000"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d("1000000")), "50000", "40000"));
    }

    @Test
    void a_fund_down_35_percent_is_skipped_and_the_next_position_is_deleveraged_at_the_mark() {
        // the fund pays "a"'s 350,000 and is 35% below its peak: "b"'s 10 BTC are matched with "c" at the mark,
        // 40,000, so "c" gives up nothing against the mark and "b"'s 50,000 beyond it is written off by the venue
        RunResult r = crash("150000");

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER)
                .extracting(RunEvent::accountId, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("a", d("350000"), "WF-OKX-010"));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price,
                        RunEvent::amount)
                .containsExactly(tuple("c", "b", d("10"), d("40000"), BigDecimal.ZERO));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("WF-OKX-030"));
        assertThat(r.fundsEnd().get("BTCUSDT")).isEqualByComparingTo("650000");
        assertThat(r.totalBadDebt()).isEqualByComparingTo("50000");
        assertThat(equityEnd(r, "c")).isEqualByComparingTo("300000");
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }

    @Test
    void a_fund_down_25_percent_still_takes_the_next_position_to_the_book() {
        RunResult r = crash("250000");

        assertThat(r.events()).noneMatch(e -> e.kind() == RunEvent.Kind.ADL);
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.FUND_COVER)
                .extracting(RunEvent::accountId, RunEvent::amount)
                .containsExactly(tuple("a", d("250000")), tuple("b", d("50000")));
        assertThat(r.fundsEnd().get("BTCUSDT")).isEqualByComparingTo("700000");
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    private static BigDecimal equityEnd(RunResult r, String account) {
        return r.outcomes().stream().filter(o -> o.accountId().equals(account)).map(AccountOutcome::equityEnd)
                .findFirst().orElseThrow();
    }
}
