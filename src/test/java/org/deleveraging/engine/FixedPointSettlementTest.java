package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.linear;

import java.math.BigDecimal;
import java.util.List;

import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/**
 * Settlement in longs (contracts x ticks moved x tick) gives the cash {@code Market.pnl} gives, and where a price
 * cannot be counted in ticks (an entry off the grid, a mark too many ticks out for a long) the position is settled as
 * numbers instead of being skipped.
 */
class FixedPointSettlementTest {

    @Test
    void a_linear_position_on_the_grid_settles_to_the_exact_profit() {
        MarketState btc = new MarketState(linear("BTCUSDT", "0.5", "0.001", "1000000"), d("100000"));
        Run run = new Run(btc, d("1000"));
        PositionState p = run.open(Side.SHORT, "0.123", "100000");

        run.mark("99000.5");

        assertThat(run.pool.cash()).isEqualByComparingTo("1122.9385");  // 1000 + 0.123 x 999.5
        assertThat(p.settledTicks()).isEqualTo(198001);
    }

    @Test
    void an_entry_off_the_grid_is_settled_as_numbers_once_then_in_ticks() {
        MarketState btc = new MarketState(linear("BTCUSDT"), d("100"));
        Run run = new Run(btc, d("1000"));
        PositionState p = run.open(Side.LONG, "2", "100.3");  // the tick is 0.5: 100.3 is off the grid
        assertThat(p.settledTicks()).isEqualTo(PositionState.OFF_GRID);

        run.mark("101");
        assertThat(run.pool.cash()).isEqualByComparingTo("1001.4");  // 2 x 0.7
        run.mark("99.5");
        assertThat(run.pool.cash()).isEqualByComparingTo("998.4");   // 2 x -1.5 more
    }

    @Test
    void marks_too_many_ticks_out_for_a_long_are_still_settled() {
        // 2e11 at a tick of 0.0001 is 2e15 ticks, beyond what the engine counts in ticks (2^50)
        MarketState big = new MarketState(linear("BIGUSDT", "0.0001", "1", "1000000000"), d("200000000000"));
        Run run = new Run(big, d("5000000"));
        run.open(Side.LONG, "3", "200000000000");
        assertThat(big.markTicks).isEqualTo(PositionState.OFF_GRID);

        run.mark("199999000000.0001");

        assertThat(run.pool.cash()).isEqualByComparingTo("2000000.0003");  // 5e6 - 3 x 999,999.9999
    }

    @Test
    void a_mark_moving_beyond_the_tick_count_from_an_entry_within_it_is_settled_as_numbers() {
        MarketState big = new MarketState(linear("BIGUSDT", "0.0001", "1", "1000000000"), d("100000000000"));
        Run run = new Run(big, d("5000000"));
        PositionState p = run.open(Side.LONG, "1", "100000000000");  // 1e15 ticks: counted
        assertThat(p.settledTicks()).isNotEqualTo(PositionState.OFF_GRID);

        run.mark("200000000000");  // 2e15 ticks: not

        assertThat(run.pool.cash()).isEqualByComparingTo("100005000000");  // 5e6 + 1e11
        assertThat(p.unrealizedPnl(big.mark())).isEqualByComparingTo("100000000000");
    }

    /** One pool on one market, and a ledger that counts the marks. */
    private static final class Run {
        final MarketState market;
        final PoolState pool;
        final Ledger ledger;
        int refs;

        Run(MarketState market, BigDecimal cash) {
            this.market = market;
            this.pool = new PoolState(0, "A", false, "USDT", false, cash);
            this.ledger = new Ledger(List.of(pool), List.of(market));
        }

        PositionState open(Side side, String size, String entry) {
            PositionState p = new PositionState(refs++, pool, market, side, d(size), d(entry));
            pool.add(p);
            market.positions.add(p);
            return p;
        }

        void mark(String price) {
            market.moveMark(d(price));
            ledger.marks++;
        }
    }
}
