package org.deleveraging.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

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
    private final Map<String, BigDecimal> unfilledByMarket;
    private final BigDecimal unfilledNotional;
    private final BigDecimal deficit;
    private final int step;

    /** A pool with unfilled size in {@code market} only (or in none). */
    public Shortfall(int poolId, String accountId, String market, String asset, BigDecimal unfilledSize,
                     BigDecimal unfilledNotional, BigDecimal deficit, int step) {
        this(poolId, accountId, market, asset, unfilledSize.signum() > 0 ? Map.of(market, unfilledSize) : Map.of(),
                unfilledNotional, deficit, step);
    }

    /**
     * A pool with the unfilled sizes {@code unfilledByMarket}; {@code market} is the first of them, or the market of
     * the last liquidated position when none is left.
     */
    public Shortfall(int poolId, String accountId, String market, String asset, Map<String,
            BigDecimal> unfilledByMarket,
                     BigDecimal unfilledNotional, BigDecimal deficit, int step) {
        this.poolId = poolId;
        this.accountId = accountId;
        this.market = market;
        this.asset = asset;
        this.unfilledByMarket = java.util.Collections.unmodifiableMap(new TreeMap<>(unfilledByMarket));
        this.unfilledSize = this.unfilledByMarket.getOrDefault(market, BigDecimal.ZERO);
        this.unfilledNotional = unfilledNotional;
        this.deficit = deficit;
        this.step = step;
    }

    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    /**
     * Market of the first unfilled position (in symbol order), or of the last liquidated one when only a deficit is
     * left. A cross pool may have unfilled size in other markets too: see {@link #getUnfilledByMarket()}.
     */
    public String getMarket() { return market; }
    public String getAsset() { return asset; }
    /** Unfilled size in {@link #getMarket()}. */
    public BigDecimal getUnfilledSize() { return unfilledSize; }
    /** Unfilled size per market, in symbol order: every position the pool still holds. */
    public Map<String, BigDecimal> getUnfilledByMarket() { return unfilledByMarket; }

    /**
     * Every unfilled position as a reason reads it: "0.405 BTCUSDT and 120 XRPUSDT". A waterfall layer chosen for the
     * pool applies to all of them (ADL closes each), so a reason naming only the first would be wrong for the others.
     */
    public String getUnfilled() {
        if (unfilledByMarket.isEmpty()) return "no size";
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (var e : unfilledByMarket.entrySet()) {
            if (i > 0) out.append(i == unfilledByMarket.size() - 1 ? " and " : ", ");
            out.append(e.getValue().toPlainString()).append(' ').append(e.getKey());
            i++;
        }
        return out.toString();
    }
    /** Notional of the unfilled size at the mark, in the settlement asset. */
    public BigDecimal getUnfilledNotional() { return unfilledNotional; }
    /** Negative equity of the pool, as a positive amount (0 when equity is not negative). */
    public BigDecimal getDeficit() { return deficit; }
    public boolean hasUnfilledSize() { return unfilledSize.signum() > 0; }
    public int getStep() { return step; }

    @Override public String toString() {
        return "Shortfall[" + accountId + " unfilled=" + getUnfilled()
                + " deficit=" + deficit.toPlainString() + "]";
    }
}
