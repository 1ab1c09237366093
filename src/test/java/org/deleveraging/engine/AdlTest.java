package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.engine.PlainPolicy.ClosePrice;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.LayerChoice.Layer;
import org.junit.jupiter.api.Test;

/**
 * ADL closes opposite positions against the bankrupt one: in queue order, never more than its size, never a
 * counterparty below zero.
 */
class AdlTest {

    /** L (10 long, equity -10 at 98, bankruptcy price 99) against three shorts; a long on the same side stands by. */
    private static AccountSet book() {
        return set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("LONG2", "1000", pos("BTCUSDT", Side.LONG, "10", "90")),
                cross("S1", "1000", pos("BTCUSDT", Side.SHORT, "6", "100")),   // score 2 % x 0.6 / 1012
                cross("S2", "100", pos("BTCUSDT", Side.SHORT, "6", "100")),    // higher effective leverage: first
                cross("S3", "6", pos("BTCUSDT", Side.SHORT, "10", "97.7")));   // in loss: last
    }

    private static PlainPolicy adlOnly() {
        return plain().margin("0").orderLimit(OrderLimit.BANKRUPTCY).layers(Layer.ADL);
    }

    @Test
    void the_queue_closes_opposite_positions_in_score_order_and_the_last_one_partially() {
        RunResult r = adlOnly().run(book(), marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::side, RunEvent::size,
                        RunEvent::price)
                .containsExactly(tuple("S2", "L", "SHORT", d("6"), d("99")),
                        tuple("S1", "L", "SHORT", d("4"), d("99")));
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("LONG2")).singleElement()
                .satisfies(o -> assertThat(o.events()).as("same side as the bankrupt: never deleveraged").isZero());
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    @Test
    void a_counterparty_s_fill_is_cut_to_what_its_equity_can_bear() {
        // S3 alone: equity 6 - 3 = 3 at 98; closing 10 at 99 would cost it 10, so it closes 3 and ends at zero
        AccountSet set = set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("S3", "6", pos("BTCUSDT", Side.SHORT, "10", "97.7")));
        RunResult r = adlOnly().run(set, marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::size, RunEvent::amount,
                RunEvent::equityAfter)
                .containsExactly(tuple(Kind.ADL, "S3", d("3"), d("-3"), d("0")),
                        tuple(Kind.TAKEOVER, "L", d("7"), d("0"), d("-7")),
                        tuple(Kind.BAD_DEBT, "L", null, d("7"), d("0")));
    }

    @Test
    void at_the_mark_close_price_ADL_moves_no_value_and_the_deficit_stays() {
        RunResult r = adlOnly().closePrice(ClosePrice.MARK).run(book(), marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.ADL).extracting(RunEvent::price, RunEvent::amount)
                .containsOnly(tuple(d("98"), d("0")));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("10");
    }

    @Test
    void pro_rata_by_size_spreads_the_bankrupt_size_over_the_top_positions() {
        RunResult r = adlOnly().allocation(AdlAllocation.PRO_RATA_BY_SIZE)
                .run(book(), marks("BTCUSDT", Map.of(), "98"));

        // 10 over S2, S1, S3 (sizes 6, 6, 10 of 22): 2.72 -> 2, 2, 4.54 -> 4 in whole lots, but S3's equity of 3
        // bears only 3 at one over the mark; the 3 left go round again (at least a lot each) until placed
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::size)
                .containsExactly(tuple("S2", d("2")), tuple("S1", d("2")), tuple("S3", d("3")),
                        tuple("S2", d("1")), tuple("S1", d("1")), tuple("S2", d("1")));
    }

    @Test
    void round_robin_is_reproducible_for_a_seed() {
        PlainPolicy p = adlOnly().allocation(AdlAllocation.ROUND_ROBIN);
        RunResult once = p.run(book(), marks("BTCUSDT", Map.of(), "98"));
        RunResult again = p.run(book(), marks("BTCUSDT", Map.of(), "98"));

        assertThat(again.events()).isEqualTo(once.events());
        assertThat(once.events()).filteredOn(e -> e.kind() == Kind.ADL).extracting(RunEvent::side)
                .containsOnly("SHORT");
    }
}
