package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Input to ADL ranking rules: one open position on the side opposite a bankrupt position, with venue-neutral figures
 * (values at entry and at the mark, unrealised PnL, the pool's equity, wallet, maintenance and notional). Every venue's
 * ranking formula is written in DRL from these ({@code rules/ranking/}, shared measures in {@code measures.drl}), so
 * that changing one needs no rebuild.
 */
public final class AdlCandidate {
    private final int ref;
    private final int poolId;
    private final String accountId;
    private final String market;
    private final String side;
    private final BigDecimal size;
    private final BigDecimal entryPrice;
    private final BigDecimal mark;
    private final BigDecimal notional;
    private final BigDecimal entryValue;
    private final BigDecimal unrealizedPnl;
    private final BigDecimal poolEquity;
    private final PoolFigures pool;
    private final boolean isolated;

    public AdlCandidate(int ref, int poolId, String accountId, String market, String side, BigDecimal size,
                        BigDecimal entryPrice, BigDecimal mark, BigDecimal notional, BigDecimal entryValue,
                        BigDecimal unrealizedPnl, BigDecimal poolEquity, BigDecimal poolUnrealizedPnl,
                        BigDecimal poolMaintenance, BigDecimal poolNotional, boolean isolated) {
        this(ref, poolId, accountId, market, side, size, entryPrice, mark, notional, entryValue, unrealizedPnl,
                poolEquity, PoolFigures.of(poolUnrealizedPnl, poolMaintenance, poolNotional), isolated);
    }

    /** A candidate whose pool figures are computed when a rule first reads them. */
    public AdlCandidate(int ref, int poolId, String accountId, String market, String side, BigDecimal size,
                        BigDecimal entryPrice, BigDecimal mark, BigDecimal notional, BigDecimal entryValue,
                        BigDecimal unrealizedPnl, BigDecimal poolEquity, PoolFigures pool, boolean isolated) {
        this.ref = ref;
        this.poolId = poolId;
        this.accountId = accountId;
        this.market = market;
        this.side = side;
        this.size = size;
        this.entryPrice = entryPrice;
        this.mark = mark;
        this.notional = notional;
        this.entryValue = entryValue;
        this.unrealizedPnl = unrealizedPnl;
        this.poolEquity = poolEquity;
        this.pool = pool;
        this.isolated = isolated;
    }

    public int getRef() { return ref; }
    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    public String getMarket() { return market; }
    public String getSide() { return side; }
    public BigDecimal getSize() { return size; }
    public BigDecimal getEntryPrice() { return entryPrice; }
    public BigDecimal getMark() { return mark; }
    /** Position value at the mark, in the settlement asset. */
    public BigDecimal getNotional() { return notional; }
    /** Position value at the entry price, in the settlement asset. */
    public BigDecimal getEntryValue() { return entryValue; }
    public BigDecimal getUnrealizedPnl() { return unrealizedPnl; }
    /** Equity of the margin pool holding the position (the account value in cross, the position's margin isolated). */
    public BigDecimal getPoolEquity() { return poolEquity; }
    /** Wallet balance of the pool: equity less the pool's unrealised PnL. */
    public BigDecimal getWalletBalance() { return poolEquity.subtract(getPoolUnrealizedPnl()); }
    public BigDecimal getPoolUnrealizedPnl() { return pool.unrealizedPnl(); }
    public BigDecimal getPoolMaintenance() { return pool.maintenance(); }
    public BigDecimal getPoolNotional() { return pool.notional(); }
    public boolean isIsolated() { return isolated; }
    public boolean isProfitable() { return unrealizedPnl.signum() > 0; }

    @Override public String toString() {
        return "AdlCandidate[" + accountId + " " + side + " " + size.toPlainString() + "@" + entryPrice.toPlainString()
                + "]";
    }
}
