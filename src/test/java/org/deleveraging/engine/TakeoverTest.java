package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.LayerChoice.Layer;
import org.junit.jupiter.api.Test;

/** The end of every waterfall: what no layer absorbed, the venue takes over at the mark and writes off. */
class TakeoverTest {

    @Test
    void with_no_layer_the_venue_takes_the_position_at_the_mark_and_the_deficit_is_bad_debt() {
        // equity at 98 is 10 - 20 = -10: the bankruptcy price 99 is above the mark, the book fills nothing
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY).layers().run(
                set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                        cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100"))),
                marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events())
                .extracting(RunEvent::kind, RunEvent::size, RunEvent::price, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple(Kind.TAKEOVER, d("10"), d("98"), d("0"), "ENGINE"),
                        tuple(Kind.BAD_DEBT, null, null, d("10"), "ENGINE"));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("10");
        assertThat(r.ledgerEnd().get("USDT").badDebt()).isEqualByComparingTo("-10");
        assertThat(r.outcomes().get(0)).satisfies(o -> {
            assertThat(o.equityEnd()).isEqualByComparingTo("0");
            assertThat(o.badDebt()).isEqualByComparingTo("10");
        });
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }

    @Test
    void what_ADL_cannot_place_is_taken_over_and_the_rest_of_the_deficit_written_off() {
        // 4 of 10 close against the short at the bankruptcy price 99 (the short pays 4 over the mark), 6 are taken over
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY).layers(Layer.INSURANCE_FUND, Layer.ADL).run(
                set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                        cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                        cross("S", "1000", pos("BTCUSDT", Side.SHORT, "4", "100"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d("0")), "98"));

        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::size, RunEvent::amount)
                .containsExactly(tuple(Kind.ADL, "S", d("4"), d("-4")),
                        tuple(Kind.TAKEOVER, "L", d("6"), d("0")),
                        tuple(Kind.BAD_DEBT, "L", null, d("6")));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("6");
    }
}
