package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Input to waterfall rules: a margin pool that liquidation could not close out at or above zero equity. Either some
 * size could not be filled in the book ({@code unfilledSize} &gt; 0), or the fills left a deficit, or both.
 */
public final class Shortfall {
    private final int poolId;
    private final String accountId;
    private final String market;
    private final String asset;
    private final BigDecimal unfilledSize;
    private final BigDecimal unfilledNotional;
    private final BigDecimal deficit;
    private final int step;

    public Shortfall(int poolId, String accountId, String market, String asset, BigDecimal unfilledSize,
                     BigDecimal unfilledNotional, BigDecimal deficit, int step) {
        this.poolId = poolId;
        this.accountId = accountId;
        this.market = market;
        this.asset = asset;
        this.unfilledSize = unfilledSize;
        this.unfilledNotional = unfilledNotional;
        this.deficit = deficit;
        this.step = step;
    }

    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    /** Market of the first unfilled position, or of the last liquidated one when only a deficit is left. */
    public String getMarket() { return market; }
    public String getAsset() { return asset; }
    public BigDecimal getUnfilledSize() { return unfilledSize; }
    /** Notional of the unfilled size at the mark, in the settlement asset. */
    public BigDecimal getUnfilledNotional() { return unfilledNotional; }
    /** Negative equity of the pool, as a positive amount (0 when equity is not negative). */
    public BigDecimal getDeficit() { return deficit; }
    public boolean hasUnfilledSize() { return unfilledSize.signum() > 0; }
    public int getStep() { return step; }

    @Override public String toString() {
        return "Shortfall[" + accountId + " " + market + " unfilled=" + unfilledSize.toPlainString()
                + " deficit=" + deficit.toPlainString() + "]";
    }
}
