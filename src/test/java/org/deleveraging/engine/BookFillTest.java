package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.RunEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * Liquidation orders walk a linear book: depth D per 1 % means an order of notional N moves the price N / (100 D)
 * and fills at the average, half of that. The book does not refill within a step.
 */
class BookFillTest {

    @Test
    void a_liquidation_fills_at_the_average_of_the_price_it_walks() {
        // 10 x 100 = 1,000 sold into 10,000 per 1 %: the price walks 0.1 %, the fill is 0.05 % below the mark
        RunResult r = plain().run(set(linear("BTCUSDT", "0.01", "1", "10000"),
                        cross("L", "40", pos("BTCUSDT", Side.LONG, "10", "100"))),
                marks("BTCUSDT", Map.of(), "100"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION)
                .extracting(RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("L", d("10"), d("99.95"), d("-0.5"), "T-LIQ"));
        assertThat(r.ledgerEnd().get("USDT").book()).isEqualByComparingTo("0.5");
    }

    @Test
    void a_later_order_in_the_same_step_walks_on_from_where_the_last_one_stopped() {
        RunResult r = plain().closeOutMovesMark(false).run(set(linear("BTCUSDT", "0.01", "1", "10000"),
                        cross("A", "40", pos("BTCUSDT", Side.LONG, "10", "100")),
                        cross("B", "40", pos("BTCUSDT", Side.LONG, "10", "100"))),
                marks("BTCUSDT", Map.of(), "100"));

        // A walks 0 -> 0.1 % (average 0.05 %), B walks 0.1 % -> 0.2 % (average 0.15 %)
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION)
                .extracting(RunEvent::accountId, RunEvent::price)
                .containsExactly(tuple("A", d("99.95")), tuple("B", d("99.85")));
    }

    @Test
    void under_the_bankruptcy_limit_the_book_fills_only_down_to_the_bankruptcy_price_and_ADL_takes_the_rest() {
        // equity 10 on 10 contracts at 100: bankruptcy price 99, 1 % away. A book of 500 per 1 % takes 500 of the
        // 1,000 notional before the price reaches 99: 5 contracts at an average of 99.5.
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY).run(set(linear("BTCUSDT", "0.01", "1", "500"),
                        cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                        cross("S", "1000", pos("BTCUSDT", Side.SHORT, "5", "100"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d(0)), "100"));

        assertThat(r.events())
                .extracting(RunEvent::kind, RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::amount)
                .containsExactly(
                        tuple(Kind.LIQUIDATION, "L", d("5"), d("99.5"), d("-2.5")),
                        // the remaining 5 close against the short at the new bankruptcy price 100 - 7.5 / 5 = 98.5
                        tuple(Kind.ADL, "S", d("5"), d("98.5"), d("7.5")));
        assertThat(r.outcomes())
                .extracting(AccountOutcome::accountId, AccountOutcome::equityEnd, AccountOutcome::adlSize)
                .containsExactly(tuple("L", d("0"), d("0")), tuple("S", d("1007.5"), d("5")));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    @Test
    void a_slippage_limit_stops_the_order_that_far_from_the_mark() {
        // 0.2 % allowed on a book of 500 per 1 %: 100 of notional, one contract at 99.9
        RunResult r = plain().slippage("0.002").layers().run(set(linear("BTCUSDT", "0.01", "1", "500"),
                        cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100"))),
                marks("BTCUSDT", Map.of(), "100"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION)
                .extracting(RunEvent::size, RunEvent::price).containsExactly(tuple(d("1"), d("99.9")));
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.TAKEOVER)
                .extracting(RunEvent::size).containsExactly(d("9"));
    }
}
