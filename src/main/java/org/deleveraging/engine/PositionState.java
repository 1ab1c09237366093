package org.deleveraging.engine;

import java.math.BigDecimal;

import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;

/**
 * A live position inside a run. Its profit is settled into its pool at every mark, so it carries no unrealised value.
 */
final class PositionState {
    final int ref;
    PoolState pool;
    final Market market;
    /** The market's state in this run (its mark), held here because the margin check looks it up for every position. */
    final MarketState state;
    final Side side;
    BigDecimal size;
    BigDecimal entryPrice;
    /** The mark up to which this position's profit is in its pool's cash ({@link PoolState#settle()}). */
    BigDecimal settledMark;

    PositionState(int ref, PoolState pool, MarketState state, Side side, BigDecimal size, BigDecimal entryPrice) {
        this.ref = ref;
        this.pool = pool;
        this.state = state;
        this.market = state.market;
        this.side = side;
        this.size = size;
        this.entryPrice = entryPrice;
        this.settledMark = entryPrice;
    }

    boolean isOpen() { return size.signum() > 0; }

    /** Profit against the entry price at {@code mark}: reporting and ranking only, never accounting. */
    BigDecimal unrealizedPnl(BigDecimal mark) { return market.pnl(side, size, entryPrice, mark); }
}
