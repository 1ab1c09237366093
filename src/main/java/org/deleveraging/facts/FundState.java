package org.deleveraging.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Input to waterfall rules: the insurance fund that would pay for a {@link Shortfall}, with the windowed figures
 * venues use as ADL triggers (OKX/Bitget: drop from the window's peak; Bybit: a symbol's PnL drawdown against the
 * pool's peak). {@code exists} is false when the policy has no insurance fund.
 */
public final class FundState {
    private final String key;
    private final boolean exists;
    private final BigDecimal balance;
    private final BigDecimal windowPeak;
    private final BigDecimal marketPnl;
    private final BigDecimal marketPnlWindowMax;
    private final boolean adlEngaged;

    public FundState(String key, boolean exists, BigDecimal balance, BigDecimal windowPeak, BigDecimal marketPnl,
                     BigDecimal marketPnlWindowMax) {
        this(key, exists, balance, windowPeak, marketPnl, marketPnlWindowMax, false);
    }

    public FundState(String key, boolean exists, BigDecimal balance, BigDecimal windowPeak, BigDecimal marketPnl,
                     BigDecimal marketPnlWindowMax, boolean adlEngaged) {
        this.key = key;
        this.exists = exists;
        this.balance = balance;
        this.windowPeak = windowPeak;
        this.marketPnl = marketPnl;
        this.marketPnlWindowMax = marketPnlWindowMax;
        this.adlEngaged = adlEngaged;
    }

    public String getKey() { return key; }
    public boolean isExists() { return exists; }
    public BigDecimal getBalance() { return balance; }
    public BigDecimal getWindowPeak() { return windowPeak; }

    /** Fraction lost since the window's peak: (peak - balance) / peak, 0 when the peak is not positive. */
    public BigDecimal getDrawdown() {
        if (windowPeak.signum() <= 0) return BigDecimal.ZERO;
        return windowPeak.subtract(balance).divide(windowPeak, 12, RoundingMode.HALF_EVEN);
    }

    /** The shortfall's market's cumulative contribution to this fund (surpluses in, payments out). */
    public BigDecimal getMarketPnl() { return marketPnl; }

    /**
     * Bybit's pnlRatio: (market's current PnL - its window max PnL) / the pool's window peak balance; 0 when the
     * peak is not positive.
     */
    public BigDecimal getMarketPnlRatio() {
        if (windowPeak.signum() <= 0) return BigDecimal.ZERO;
        return marketPnl.subtract(marketPnlWindowMax).divide(windowPeak, 12, RoundingMode.HALF_EVEN);
    }

    /** The largest of the market's cumulative contributions over the window (Bybit's "8h max PnL"). */
    public BigDecimal getMarketPnlWindowMax() { return marketPnlWindowMax; }

    /**
     * Whether ADL took part in the last shortfall of this market that this fund was asked about (a hysteresis, such as
     * Bybit's stop ratio, keeps deleveraging until the market recovers past a second line).
     */
    public boolean isAdlEngaged() { return adlEngaged; }

    public boolean isPositive() { return exists && balance.signum() > 0; }

    @Override public String toString() {
        return "FundState[" + key + " balance=" + balance.toPlainString() + " peak=" + windowPeak.toPlainString() + "]";
    }
}
