package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.RunEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * The insurance fund takes a bankrupt position to the book past its bankruptcy price and pays the deficit, but only
 * when it can pay all of it; otherwise the size goes on to ADL.
 */
class InsuranceFundTest {
    /** L: 10 long, equity -10 at 98, bankruptcy price 99, so the limit order finds nothing; S stands opposite. */
    private static AccountSet book() {
        return set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("S", "1000", pos("BTCUSDT", Side.SHORT, "10", "100")));
    }

    @Test
    void a_fund_that_can_pay_the_whole_deficit_closes_the_position_in_the_book_and_pays_it() {
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY)
                .run(book(), marks("BTCUSDT", Map.of("BTCUSDT", d("100")), "98"));

        assertThat(r.events())
                .extracting(RunEvent::kind, RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::amount)
                .containsExactly(tuple(Kind.LIQUIDATION, "L", d("10"), d("98"), d("0")),
                        tuple(Kind.FUND_COVER, "L", null, null, d("10")));
        assertThat(r.fundsEnd()).containsEntry("BTCUSDT", d("90"));
    }

    @Test
    void a_fund_that_cannot_pay_it_all_leaves_the_size_to_ADL() {
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY)
                .run(book(), marks("BTCUSDT", Map.of("BTCUSDT", d("5")), "98"));

        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::size, RunEvent::price)
                .containsExactly(tuple(Kind.ADL, "S", d("10"), d("99")));
        assertThat(r.fundsEnd()).containsEntry("BTCUSDT", d("5"));
    }
}
