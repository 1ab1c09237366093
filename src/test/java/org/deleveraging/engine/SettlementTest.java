package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/** Positions are settled from their entry price to the first mark, then from mark to mark at every step. */
class SettlementTest {
    private final Market btc = linear("BTCUSDT", "0.01", "1", "1000000000");

    @Test
    void the_start_equity_is_the_wallet_plus_the_move_from_entry_to_the_first_mark() {
        RunResult r = plain().run(set(btc,
                        cross("L", "1000", pos("BTCUSDT", Side.LONG, "2", "100")),
                        cross("S", "1000", pos("BTCUSDT", Side.SHORT, "3", "100"))),
                marks("BTCUSDT", Map.of(), "110"));

        assertThat(r.outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityStart)
                .containsExactly(tuple("L", d("1020")), tuple("S", d("970")));
        LedgerSnapshot start = r.ledgerStart().get("USDT");
        assertThat(start.accounts()).isEqualByComparingTo("1990");
        assertThat(start.book()).as("the book paid the longs and was paid by the shorts").isEqualByComparingTo("10");
        assertThat(start.total()).isEqualByComparingTo("2000");
    }

    @Test
    void every_later_step_settles_the_move_from_the_previous_mark() {
        RunResult r = plain().run(set(btc,
                        cross("L", "1000", pos("BTCUSDT", Side.LONG, "2", "100")),
                        cross("S", "1000", pos("BTCUSDT", Side.SHORT, "3", "100"))),
                marks("BTCUSDT", Map.of(), "110", "120", "95"));

        assertThat(r.outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityEnd)
                .containsExactly(tuple("L", d("990")), tuple("S", d("1015")));
        assertThat(r.steps()).extracting(s -> s.marks().get("BTCUSDT"))
                .containsExactly(d("110"), d("120"), d("95"));
        assertThat(r.events()).isEmpty();
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo("2000");
    }

    @Test
    void a_scenario_mark_off_the_tick_grid_is_rounded_to_the_nearest_tick() {
        Market coarse = linear("BTCUSDT", "0.5", "1", "1000000000");
        RunResult r = plain().run(set(coarse, cross("L", "1000", pos("BTCUSDT", Side.LONG, "1", "100"))),
                marks("BTCUSDT", Map.of(), "100.74"));

        assertThat(r.steps().get(0).marks().get("BTCUSDT")).isEqualByComparingTo("100.5");
        assertThat(r.outcomes().get(0).equityStart()).isEqualByComparingTo("1000.5");
    }
}
