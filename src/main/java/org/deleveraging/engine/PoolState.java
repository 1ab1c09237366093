package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
     * Cash with every position's profit settled up to {@link PositionState#settledMark}; read it through {@link
     * #cash()}.
     */
    private BigDecimal settledCash;
    /** The ledger whose book line takes the other side of settlement (set when the ledger takes the pool). */
    Ledger ledger;
    /** The ledger's mark count when the pool was last settled: a pool read twice between marks is settled once. */
    private long settledAt = -1;
    final List<PositionState> positions = new ArrayList<>();
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
     * The cash as last settled, without settling: with each open position's {@link PositionState#settledMark}, what
     * the margin check's screen estimates the equity from.
     */
    BigDecimal cashAsSettled() { return settledCash; }

    /** Settles every open position to its market's current mark, against the book. */
    void settle() {
        if (settledAt == ledger.marks) return;
        settledAt = ledger.marks;
        // the positions' profits summed first, then moved once: exact sums give the same cash. The ledger tallies each
        // position's in its market: the book's side of the movement
        BigDecimal first = null;
        ExactSum more = null;
        for (PositionState p : positions) {
            if (!p.isOpen()) continue;
            BigDecimal mark = p.state.mark;
            if (p.settledMark.compareTo(mark) == 0) continue;
            BigDecimal v = p.market.pnl(p.side, p.size, p.settledMark, mark);
            p.settledMark = mark;
            if (v.signum() == 0) continue;
            ledger.settled(this, p, v);
            if (first == null) {
                first = v;
                continue;
            }
            if (more == null) {
                more = new ExactSum();
                more.add(first);
            }
            more.add(v);
        }
        if (first == null) return;
        BigDecimal moved = more == null ? first : more.value();
        settledCash = settledCash.add(moved);
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

    boolean hasOpenPositions() {
        for (PositionState p : positions) if (p.isOpen()) return true;
        return false;
    }

    List<PositionState> openPositions() {
        List<PositionState> out = new ArrayList<>();
        for (PositionState p : positions) if (p.isOpen()) out.add(p);
        out.sort(java.util.Comparator.comparing((PositionState p) -> p.market.symbol()).thenComparingInt(p -> p.ref));
        return out;
    }
}
