package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Decision of an ADL close-price rule: the price at which ADL closes one bankrupt position against its counterparties.
 * The engine puts it on the market's tick grid (the nearest tick); a price at or below zero, or for a position it did
 * not ask about, stops the run. When several rules price one position, the smaller rule id wins.
 */
public final class AdlClosePrice {
    private final int ref;
    private final BigDecimal price;
    private final String ruleId;
    private final String reason;

    public AdlClosePrice(AdlPricing pricing, BigDecimal price, String ruleId, String reason) {
        this.ref = pricing.getRef();
        this.price = price;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public int getRef() { return ref; }
    public BigDecimal getPrice() { return price; }
    public String getRuleId() { return ruleId; }
    public String getReason() { return reason; }

    @Override public String toString() {
        return ruleId + " " + ref + " at " + (price == null ? "null" : price.toPlainString());
    }
}
