package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Input to liquidation rules: the margin state of one margin pool (a cross account, or one isolated position) at the
 * current marks, computed by the engine.
 */
public final class PoolRisk {
    private final int poolId;
    private final String accountId;
    private final boolean isolated;
    private final String market;
    private final BigDecimal equity;
    private final BigDecimal maintenanceMargin;
    private final BigDecimal notional;
    private final int tier;
    private final int step;
    private final int round;

    public PoolRisk(int poolId, String accountId, boolean isolated, String market, BigDecimal equity,
                    BigDecimal maintenanceMargin, BigDecimal notional, int tier, int step, int round) {
        this.poolId = poolId;
        this.accountId = accountId;
        this.isolated = isolated;
        this.market = market;
        this.equity = equity;
        this.maintenanceMargin = maintenanceMargin;
        this.notional = notional;
        this.tier = tier;
        this.step = step;
        this.round = round;
    }

    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    public boolean isIsolated() { return isolated; }
    /** The market of an isolated pool; "*" for a cross pool. */
    public String getMarket() { return market; }
    public BigDecimal getEquity() { return equity; }
    public BigDecimal getMaintenanceMargin() { return maintenanceMargin; }
    public BigDecimal getNotional() { return notional; }
    /** 1-based highest margin tier among the pool's positions (1 = lowest tier). */
    public int getTier() { return tier; }
    public int getStep() { return step; }
    public int getRound() { return round; }

    /** Equity over maintenance margin: below 1 the pool is under maintenance (Binance's margin ratio, inverted). */
    public BigDecimal getMarginLevel() {
        if (maintenanceMargin.signum() <= 0) return BigDecimal.valueOf(1_000_000);
        return equity.divide(maintenanceMargin, 12, java.math.RoundingMode.HALF_EVEN);
    }

    public boolean isBelowMaintenance() { return equity.compareTo(maintenanceMargin) < 0; }

    /** True when equity is below {@code fraction} of maintenance margin (e.g. 2/3 for Hyperliquid's backstop). */
    public boolean equityBelowFractionOfMaintenance(BigDecimal fraction) {
        return equity.compareTo(maintenanceMargin.multiply(fraction)) < 0;
    }

    @Override public String toString() {
        return "PoolRisk[" + accountId + (isolated ? "/" + market : "") + " equity=" + equity.toPlainString()
                + " mm=" + maintenanceMargin.toPlainString() + "]";
    }
}
