package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deleveraging.domain.Money;

/**
 * A margin pool: the cash that backs a set of positions. A cross account is one pool; an isolated position is a
 * pool of its own (its account also keeps a pool for its free wallet balance). Because positions are settled at
 * every mark, a pool's cash is its equity.
 */
final class PoolState {
    final int id;
    final String accountId;
    final boolean isolated;
    final String asset;
    final boolean vault;
    /**
     * Cash with every position's profit settled up to {@link PositionState#settledMark()}; read it through {@link
     * #cash()}.
     */
    private BigDecimal settledCash;
    /** The ledger whose book line takes the other side of settlement (set when the ledger takes the pool). */
    Ledger ledger;
    /** The ledger's mark count when the pool was last settled: a pool read twice between marks is settled once. */
    private long settledAt = -1;
    private final List<PositionState> positions = new ArrayList<>();
    /** How many of {@link #positions} are open: asked of every pool the margin check takes, every round. */
    private int open;
    /**
     * Its account's tally, shared by the account's pools ({@link RunRecorder}): set when the run opens them, made
     * when first needed for a pool opened elsewhere (a backstop vault).
     */
    RunRecorder.Tally tally;
    /** For the margin check: bumped each time the pool is measured healthy, so that its older watch entries lapse. */
    int watchVersion;

    PoolState(int id, String accountId, boolean isolated, String asset, boolean vault, BigDecimal cash) {
        this.id = id;
        this.accountId = accountId;
        this.isolated = isolated;
        this.asset = asset;
        this.vault = vault;
        this.settledCash = cash;
    }

    /**
     * The pool's equity: its cash once every open position's profit is settled to the current mark. Settlement is
     * lazy: a mark move only moves the mark, and a pool is settled when something reads or changes its cash, so a
     * cascade of ten marks costs nothing for the pools no stage looks at. Linear profit is exact, so settling a -> b
     * -> c or a -> c gives the same cash.
     */
    BigDecimal cash() {
        settle();
        return settledCash;
    }

    /**
     * The cash as last settled, without settling: with each open position's {@link PositionState#settledMark()}, what
     * the margin check's screen estimates the equity from.
     */
    BigDecimal cashAsSettled() { return settledCash; }

    /** Settles every open position to its market's current mark, against the book. */
    void settle() {
        if (settledAt == ledger.marks) return;
        settledAt = ledger.marks;
        // the positions' profits summed first, then moved once: exact sums give the same cash. The ledger tallies each
        // position's in its market: the book's side of the movement
        ExactSum moved = new ExactSum();
        for (PositionState p : positions) {
            if (!p.isOpen()) continue;
            MarketState ms = p.state;
            long from = p.settledTicks();
            // equal ticks are equal marks; a mark off the grid (or too far out for it) is compared as a number below
            if (from == ms.markTicks && from != PositionState.OFF_GRID) continue;
            long unscaled = p.profitSince(from);
            BigDecimal settledMark = p.settledMark();
            p.settledTo(ms.mark(), ms.markTicks);
            if (unscaled == Money.NOT_SMALL) {
                if (settledMark.compareTo(ms.mark()) == 0) continue;
                BigDecimal v = p.market.pnl(p.side, p.size(), settledMark, ms.mark());
                if (v.signum() == 0) continue;
                ledger.settled(this, p, v);
                moved.add(v);
                continue;
            }
            if (unscaled == 0) continue;
            // to the scale Money.clean gives the number, which the sums' scales follow
            int scale = p.profitScale();
            while (scale > 0 && unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
            ledger.settled(this, p, unscaled, scale);
            moved.add(unscaled, scale);
        }
        if (moved.isEmpty()) return;
        settledCash = settledCash.add(moved.value());
    }

    /** Ledger only: the pool gains {@code amount} (may be negative), after settling. */
    void credit(BigDecimal amount) {
        settle();
        settledCash = settledCash.add(amount);
        ledger.changed(this);
    }

    /** Ledger only: the pool's cash becomes zero (a write-off). */
    void zero() {
        settle();
        settledCash = BigDecimal.ZERO;
        ledger.changed(this);
    }

    /**
     * Its positions, open and closed, in the order they joined it: to read only ({@link #add}, {@link #remove} keep
     * the open count). Not wrapped: the margin check iterates it for every pool it takes, every round.
     */
    List<PositionState> positions() { return positions; }

    void add(PositionState p) {
        positions.add(p);
        if (p.isOpen()) open++;
    }

    void remove(PositionState p) {
        if (positions.remove(p) && p.isOpen()) open--;
    }

    /** One of its positions was closed ({@link PositionState#resize}). */
    void positionClosed() { open--; }

    boolean hasOpenPositions() { return open > 0; }

    int openCount() { return open; }

    /** The open positions by market symbol, then ref: the order liquidation and ADL close them in. */
    List<PositionState> openPositions() {
        if (positions.size() == 1) return positions.get(0).isOpen() ? List.of(positions.get(0)) : List.of();
        List<PositionState> out = new ArrayList<>();
        for (PositionState p : positions) if (p.isOpen()) out.add(p);
        out.sort(BY_MARKET_THEN_REF);
        return out;
    }

    private static final Comparator<PositionState> BY_MARKET_THEN_REF =
            Comparator.comparing((PositionState p) -> p.market.symbol()).thenComparingInt(p -> p.ref);
}
