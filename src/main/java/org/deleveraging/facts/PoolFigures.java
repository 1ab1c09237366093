package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * The figures of the margin pool holding an ADL candidate that only some rankings use (Binance's and OKX's read them,
 * BitMEX's does not). The engine computes them when a rule first asks: a ranking builds one candidate per position on
 * a side, hundreds of thousands in a large book.
 */
public interface PoolFigures {
    /** Unrealised PnL of the pool's open positions. */
    BigDecimal unrealizedPnl();

    /** Maintenance margin of the pool's open positions. */
    BigDecimal maintenance();

    /** Notional of the pool's open positions at the mark. */
    BigDecimal notional();

    static PoolFigures of(BigDecimal unrealizedPnl, BigDecimal maintenance, BigDecimal notional) {
        return new PoolFigures() {
            @Override public BigDecimal unrealizedPnl() { return unrealizedPnl; }
            @Override public BigDecimal maintenance() { return maintenance; }
            @Override public BigDecimal notional() { return notional; }
        };
    }
}
