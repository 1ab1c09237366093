package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.BitSet;
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

    /** Pools (by id) a movement other than settlement touched since the margin check last took them. */
    private BitSet changed = new BitSet();

    /** Counts mark moves ({@link RunContext#settle}); pools compare it to know whether they are settled. */
    long marks;

    /**
     * Per asset, the profit settlement moved to pools and not yet taken from the {@link #book} line: settlement runs
     * for every pool at every mark, and the book's side of it is summed here, in a long while it can be, and taken
     * from the book when the book is read ({@link #snapshot}), the same exact sum in fewer steps.
     */
    private final Map<String, ExactSum> settledToPools = new TreeMap<>();

    Ledger(List<PoolState> pools) {
        this.pools = pools;
        for (PoolState p : pools) take(p);
        changed.set(0, pools.size());  // the first margin check measures every pool
    }

    private void take(PoolState pool) {
        pool.ledger = this;
        pool.settledToBook = settledToPools.computeIfAbsent(pool.asset, a -> new ExactSum());
    }

    /** Every movement but settlement marks the pools it touches for the margin check ({@link MarginWatch}). */
    void changed(PoolState pool) {
        if (pool.id >= 0) changed.set(pool.id);  // the vaults (negative ids) are not margin-checked
    }

    /** The pools changed since the last call; the margin check measures them. */
    BitSet takeChanged() {
        BitSet out = changed;
        changed = new BitSet(pools.size());
        return out;
    }

    void addVault(PoolState vault) {
        take(vault);
        vaults.put(vault.asset, vault);
    }

    /** The book's side of settling a pool's profit {@code amount} (not zero): it loses what the pool gains. */
    void bookSettles(PoolState pool, BigDecimal amount) { pool.settledToBook.add(amount); }

    /** Takes the settlement summed since the last call from the book line of {@code asset}. */
    private void takeSettled(String asset) {
        ExactSum settled = settledToPools.get(asset);
        if (settled == null || settled.isEmpty()) return;
        book.merge(asset, settled.value().negate(), BigDecimal::add);
        settled.clear();
    }

    /**
     * The pool's side of a trade against the book: the pool gains {@code amount} (may be negative). Every movement
     * but settlement marks the pools it touches as changed for the margin check ({@link #changed}).
     */
    void poolWithBook(PoolState pool, BigDecimal amount) {
        pool.credit(amount);
        book.merge(pool.asset, amount.negate(), BigDecimal::add);
    }

    void poolToPool(PoolState from, PoolState to, BigDecimal amount) {
        from.credit(amount.negate());
        to.credit(amount);
    }

    void poolToFund(PoolState pool, String fundKey, BigDecimal amount) {
        pool.credit(amount.negate());
        funds.merge(fundKey, amount, BigDecimal::add);
    }

    void fundToPool(String fundKey, PoolState pool, BigDecimal amount) {
        funds.merge(fundKey, amount.negate(), BigDecimal::add);
        pool.credit(amount);
    }

    /** Writes off a pool's negative equity: the pool returns to zero and the loss is recorded as bad debt. */
    void writeOff(PoolState pool) {
        BigDecimal loss = pool.cash().negate();
        pool.zero();
        badDebt.merge(pool.asset, loss.negate(), BigDecimal::add);
    }

    BigDecimal fund(String key) { return funds.getOrDefault(key, BigDecimal.ZERO); }

    /** Every line holding {@code asset}; their sum is constant for the whole run. */
    LedgerSnapshot snapshot(String asset) {
        // reading the pools settles them, which moves the book's line: read the book last. An exact sum of 750k pools
        // at 1M positions, in a long while it fits, where adding BigDecimals made a number per pool
        ExactSum accountSum = new ExactSum();
        for (PoolState p : pools) if (p.asset.equals(asset)) accountSum.add(p.cash());
        BigDecimal accounts = accountSum.isEmpty() ? BigDecimal.ZERO : accountSum.value();
        BigDecimal vault = BigDecimal.ZERO;
        for (PoolState v : vaults.values()) if (v.asset.equals(asset)) vault = vault.add(v.cash());
        BigDecimal fund = BigDecimal.ZERO;
        for (var e : funds.entrySet()) if (asset.equals(fundAssets.get(e.getKey()))) fund = fund.add(e.getValue());
        takeSettled(asset);
        return new LedgerSnapshot(asset, accounts, fund, vault, book.getOrDefault(asset, BigDecimal.ZERO),
                badDebt.getOrDefault(asset, BigDecimal.ZERO));
    }
}
