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
    BigDecimal cash;
    final List<PositionState> positions = new ArrayList<>();
    /**
     * For the margin check: set by every ledger movement but settlement, cleared when the pool is measured healthy;
     * {@code headroom} is then how far (in the settlement asset) its equity may fall, and its notional grow, before it
     * could need the rules again.
     */
    boolean changed = true;
    double headroom;
    double headroomRate;

    PoolState(int id, String accountId, boolean isolated, String asset, boolean vault, BigDecimal cash) {
        this.id = id;
        this.accountId = accountId;
        this.isolated = isolated;
        this.asset = asset;
        this.vault = vault;
        this.cash = cash;
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
