package org.deleveraging.facts;

import java.math.BigDecimal;

/** Input to waterfall rules: the backstop vault (Hyperliquid's liquidator vault, FTX's BLPs) for one asset. */
public final class BackstopState {
    private final String asset;
    private final boolean exists;
    private final BigDecimal equity;

    public BackstopState(String asset, boolean exists, BigDecimal equity) {
        this.asset = asset;
        this.exists = exists;
        this.equity = equity;
    }

    public String getAsset() { return asset; }
    public boolean isExists() { return exists; }
    public BigDecimal getEquity() { return equity; }
    public boolean isPositive() { return exists && equity.signum() > 0; }
}
