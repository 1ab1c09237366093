package org.deleveraging.facts;

import java.math.BigDecimal;

/**
 * Decision of a waterfall rule: layer {@code layer} may pay for a shortfall, at position {@code order} in the
 * waterfall (lower first). The engine tries the chosen layers in order until the shortfall is absorbed; what no
 * layer absorbs is taken over by the venue and recorded as bad debt.
 */
public final class LayerChoice {

    public enum Layer {
        /** The backstop vault takes the remaining positions and the deficit, if its equity covers the deficit. */
        BACKSTOP,
        /** The insurance fund aggresses the book for the unfilled size and pays the deficit. */
        INSURANCE_FUND,
        /** Opposite positions are closed against the unfilled size in the policy's ranking order. */
        ADL,
        /** Winners' profits are clawed back pro-rata (capped by the policy's haircut caps) to pay the deficit. */
        SOCIALIZED_LOSS
    }

    private final int poolId;
    private final Layer layer;
    private final int order;
    private final String ruleId;
    private final String reason;
    private final BigDecimal limit;

    public LayerChoice(Shortfall shortfall, Layer layer, int order, String ruleId, String reason) {
        this(shortfall, layer, order, null, ruleId, reason);
    }

    /**
     * An insurance fund that pays at most {@code limit} (Bybit's pool pays a symbol's drawdown only down to its line):
     * when the deficit is larger, the fund pays {@code limit} into the bankrupt pool and leaves its positions to the
     * next layer, whose bankruptcy price that payment has moved towards the mark. Null: no limit.
     */
    public LayerChoice(Shortfall shortfall, Layer layer, int order, BigDecimal limit, String ruleId, String reason) {
        this.poolId = shortfall.getPoolId();
        this.layer = layer;
        this.order = order;
        this.limit = limit;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public int getPoolId() { return poolId; }
    public Layer getLayer() { return layer; }
    public int getOrder() { return order; }
    public String getRuleId() { return ruleId; }
    public String getReason() { return reason; }
    /** The most this layer pays, or null for no limit (insurance fund only). */
    public BigDecimal getLimit() { return limit; }

    @Override public String toString() { return ruleId + " " + order + ":" + layer + " - " + reason; }
}
