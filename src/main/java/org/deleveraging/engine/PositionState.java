package org.deleveraging.engine;

import java.math.BigDecimal;

import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;

/**
 * A live position inside a run. Its profit is settled into its pool at every mark, so it carries no unrealised value.
 *
 * <p>Besides its size and settled mark as numbers, it keeps them as what settlement and the margin screen compute
 * with, every round, for every position read: its contracts in fixed point ({@link #contractsUnscaled} at
 * {@link #contractsScale}: size x contract value) and its settled mark in ticks of its market, and both as doubles.
 * Settlement of a linear position is then integer arithmetic that allocates nothing ({@link PoolState#settle()}).
 */
final class PositionState {
    /** {@link #settledTicks} of a mark off its market's tick grid (an entry price may be): settled as numbers. */
    static final long OFF_GRID = Long.MIN_VALUE;

    final int ref;
    PoolState pool;
    final Market market;
    /** The market's state in this run (its mark), held here because the margin check looks it up for every position. */
    final MarketState state;
    final Side side;
    private BigDecimal size;
    /** Its entry price; the mark at which the backstop vault took it over, once it has ({@link #enteredAt}). */
    BigDecimal entryPrice;
    /** {@link #entryPrice} in ticks of the market, or {@link #OFF_GRID}. */
    private long entryTicks;
    /** The mark up to which this position's profit is in its pool's cash ({@link PoolState#settle()}). */
    private BigDecimal settledMark;
    /** {@link #settledMark} in ticks of the market, or {@link #OFF_GRID}. */
    private long settledTicks;
    /** {@code settledMark.doubleValue()}, for the margin screen. */
    private double settledMarkDouble;
    /** size x contract value, unscaled, or {@link Money#NOT_SMALL} when it has too many digits for a long. */
    private long contractsUnscaled;
    private int contractsScale;
    /** {@code size.doubleValue() x} the contract value as a double, for the margin screen. */
    private double contractsDouble;

    PositionState(int ref, PoolState pool, MarketState state, Side side, BigDecimal size, BigDecimal entryPrice) {
        this.ref = ref;
        this.pool = pool;
        this.state = state;
        this.market = state.market;
        this.side = side;
        this.entryPrice = entryPrice;
        this.entryTicks = state.ticksOf(entryPrice);
        resize(size);
        settledTo(entryPrice, entryTicks);
    }

    BigDecimal size() { return size; }

    /** The position's size becomes {@code newSize} (a close, a takeover); zero closes it for good. */
    void resize(BigDecimal newSize) {
        boolean wasOpen = size != null && size.signum() > 0;
        size = newSize;
        if (wasOpen && newSize.signum() <= 0) pool.positionClosed();
        contractsDouble = newSize.doubleValue() * state.contractValue;
        long s = Money.unscaled(newSize), c = state.contractValueUnscaled;
        contractsUnscaled = Money.NOT_SMALL;
        if (s == Money.NOT_SMALL || c == Money.NOT_SMALL) return;
        try {
            long product = Math.multiplyExact(s, c);
            if (product == Money.NOT_SMALL) return;
            contractsUnscaled = product;
            contractsScale = newSize.scale() + state.contractValueScale;
        } catch (ArithmeticException overflow) {
            // stays NOT_SMALL: settled as numbers
        }
    }

    boolean isOpen() { return size.signum() > 0; }

    BigDecimal settledMark() { return settledMark; }

    long settledTicks() { return settledTicks; }

    double settledMarkDouble() { return settledMarkDouble; }

    double contractsDouble() { return contractsDouble; }

    /** Profit is in the pool up to {@code mark}, which is {@code ticks} ticks ({@link #OFF_GRID} if it is not). */
    void settledTo(BigDecimal mark, long ticks) {
        settledMark = mark;
        settledTicks = ticks;
        settledMarkDouble = mark.doubleValue();
    }

    /** The backstop vault took it over at {@code mark}: its entry price from now on. */
    void enteredAt(BigDecimal mark) {
        entryPrice = mark;
        entryTicks = state.ticksOf(mark);
    }

    /**
     * Its profit from {@code fromTicks} to the market's mark in longs, signed for its side, at {@link #profitScale()}:
     * every mark is on the tick grid, so it is contracts x ticks moved x the tick, exact ({@link Market#pnl}'s
     * value). {@link Money#NOT_SMALL} for an inverse market, a price off the tick count or an amount beyond a long.
     */
    long profitSince(long fromTicks) {
        if (!state.linear || contractsUnscaled == Money.NOT_SMALL) return Money.NOT_SMALL;
        long u = state.linearPnlUnscaled(contractsUnscaled, fromTicks);
        return u == Money.NOT_SMALL || side == Side.LONG ? u : -u;
    }

    int profitScale() { return state.pnlScale(contractsScale); }

    /**
     * Profit against the entry price at {@code mark}: reporting, ranking and haircuts, never settlement. At the
     * market's current mark in longs where settlement's is ({@link #profitSince}).
     */
    BigDecimal unrealizedPnl(BigDecimal mark) {
        if (mark == state.mark()) {
            long u = profitSince(entryTicks);
            if (u != Money.NOT_SMALL) return Money.clean(u, profitScale());
        }
        return market.pnl(side, size, entryPrice, mark);
    }
}
