package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Input to ADL close-price rules: one open position of a bankrupt pool that ADL is about to close, with the prices a
 * venue's formula may use. Rules answer with an {@link AdlClosePrice}; the engine puts the price on the tick grid.
 */
public final class AdlPricing {
    private final int ref;
    private final int poolId;
    private final String accountId;
    private final String market;
    private final String side;
    private final BigDecimal size;
    private final BigDecimal bankruptcyPrice;
    private final BigDecimal mark;
    private final BigDecimal previousMark;
    private final BigDecimal tickSize;

    public AdlPricing(int ref, int poolId, String accountId, String market, String side, BigDecimal size,
                      BigDecimal bankruptcyPrice, BigDecimal mark, BigDecimal previousMark, BigDecimal tickSize) {
        this.ref = ref;
        this.poolId = poolId;
        this.accountId = accountId;
        this.market = market;
        this.side = side;
        this.size = size;
        this.bankruptcyPrice = bankruptcyPrice;
        this.mark = mark;
        this.previousMark = previousMark;
        this.tickSize = tickSize;
    }

    public int getRef() { return ref; }
    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    public String getMarket() { return market; }
    /** The bankrupt position's side, LONG or SHORT. */
    public String getSide() { return side; }
    public BigDecimal getSize() { return size; }
    /**
     * The price at which the position's share of the pool's equity is zero, on the tick grid towards safety; 1e12, the
     * largest price there is, for a position no price brings to zero (an inverse long owing more than its whole value).
     */
    public BigDecimal getBankruptcyPrice() { return bankruptcyPrice; }
    public BigDecimal getMark() { return mark; }
    /** The mark of the step before (the current one at the first step). */
    public BigDecimal getPreviousMark() { return previousMark; }
    public BigDecimal getTickSize() { return tickSize; }

    @Override public String toString() {
        return "AdlPricing[" + accountId + " " + side + " " + size.toPlainString() + " " + market + "]";
    }
}
