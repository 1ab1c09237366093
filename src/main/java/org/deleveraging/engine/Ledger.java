package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every line that can hold value in a run, and the only place value moves. Each method moves one amount from one
 * line to another, so the total per settlement asset never changes: margin pools (accounts and the backstop vault),
 * insurance funds, the book (market makers and traders outside the account set, who take the other side of fills and
 * of the account set's net open interest) and bad debt (losses nobody absorbed, held as a negative balance).
 */
final class Ledger {
    final List<PoolState> pools;
    final Map<String, BigDecimal> funds = new TreeMap<>();
    final Map<String, String> fundAssets = new TreeMap<>();
    final Map<String, PoolState> vaults = new TreeMap<>();
    final Map<String, BigDecimal> book = new TreeMap<>();
    final Map<String, BigDecimal> badDebt = new TreeMap<>();

    Ledger(List<PoolState> pools) { this.pools = pools; }

    /**
     * The pool's side of a trade against the book: the pool gains {@code amount} (may be negative). Every method but
     * {@link Settlement} marks the pools it touches as changed for the margin check ({@link PoolState#changed}).
     */
    void poolWithBook(PoolState pool, BigDecimal amount) {
        pool.cash = pool.cash.add(amount);
        pool.changed = true;
        book.merge(pool.asset, amount.negate(), BigDecimal::add);
    }

    void poolToPool(PoolState from, PoolState to, BigDecimal amount) {
        from.cash = from.cash.subtract(amount);
        to.cash = to.cash.add(amount);
        from.changed = true;
        to.changed = true;
    }

    void poolToFund(PoolState pool, String fundKey, BigDecimal amount) {
        pool.cash = pool.cash.subtract(amount);
        pool.changed = true;
        funds.merge(fundKey, amount, BigDecimal::add);
    }

    void fundToPool(String fundKey, PoolState pool, BigDecimal amount) {
        funds.merge(fundKey, amount.negate(), BigDecimal::add);
        pool.cash = pool.cash.add(amount);
        pool.changed = true;
    }

    /** Writes off a pool's negative equity: the pool returns to zero and the loss is recorded as bad debt. */
    void writeOff(PoolState pool) {
        BigDecimal loss = pool.cash.negate();
        pool.cash = BigDecimal.ZERO;
        pool.changed = true;
        badDebt.merge(pool.asset, loss.negate(), BigDecimal::add);
    }

    /**
     * Settles a market's positions to a new mark against the book: each pool gains its profit, the book's line takes
     * the sum once when the settlement is done. The margin check bounds what a mark move can do to a pool
     * ({@code LiquidationStage}), so settlement does not mark pools as changed.
     */
    final class Settlement {
        private final String asset;
        private BigDecimal sum = BigDecimal.ZERO;

        /** {@code asset}: the market's settlement asset, which nearly every pool trading it holds. */
        Settlement(String asset) { this.asset = asset; }

        void pool(PoolState pool, BigDecimal amount) {
            pool.cash = pool.cash.add(amount);
            if (pool.asset.equals(asset)) sum = sum.add(amount);
            else book.merge(pool.asset, amount.negate(), BigDecimal::add);
        }

        void done() { if (sum.signum() != 0) book.merge(asset, sum.negate(), BigDecimal::add); }
    }

    BigDecimal fund(String key) { return funds.getOrDefault(key, BigDecimal.ZERO); }

    /** Every line holding {@code asset}; their sum is constant for the whole run. */
    LedgerSnapshot snapshot(String asset) {
        BigDecimal accounts = BigDecimal.ZERO;
        for (PoolState p : pools) if (p.asset.equals(asset)) accounts = accounts.add(p.cash);
        BigDecimal vault = BigDecimal.ZERO;
        for (PoolState v : vaults.values()) if (v.asset.equals(asset)) vault = vault.add(v.cash);
        BigDecimal fund = BigDecimal.ZERO;
        for (var e : funds.entrySet()) if (asset.equals(fundAssets.get(e.getKey()))) fund = fund.add(e.getValue());
        return new LedgerSnapshot(asset, accounts, fund, vault, book.getOrDefault(asset, BigDecimal.ZERO),
                badDebt.getOrDefault(asset, BigDecimal.ZERO));
    }
}
