package org.deleveraging.facts;

import java.math.BigDecimal;

/** Decision of a liquidation rule: what to do with one margin pool this round. */
public final class LiquidationDecision {

    /** Ordered from mildest to most severe: when several rules decide on one pool, the most severe wins. */
    public enum Action {
        /** Send an order for {@code fraction} of every position to the book. */
        REDUCE_FRACTION,
        /**
         * Reduce each position whose notional is above its lowest tier to that tier's floor (BitMEX/Bybit risk-limit
         * step).
         */
        REDUCE_ONE_TIER,
        /** Close every position of the pool in the book; what the book cannot fill goes down the waterfall. */
        CLOSE_ALL,
        /** Hand the pool's positions and equity to the backstop vault (Hyperliquid). */
        BACKSTOP
    }

    private final int poolId;
    private final String accountId;
    private final Action action;
    private final BigDecimal fraction;
    private final String ruleId;
    private final String reason;

    private LiquidationDecision(PoolRisk risk, Action action, BigDecimal fraction, String ruleId, String reason) {
        this.poolId = risk.getPoolId();
        this.accountId = risk.getAccountId();
        this.action = action;
        this.fraction = fraction;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public static LiquidationDecision closeAll(PoolRisk risk, String ruleId, String reason) {
        return new LiquidationDecision(risk, Action.CLOSE_ALL, BigDecimal.ONE, ruleId, reason);
    }

    public static LiquidationDecision reduce(PoolRisk risk, BigDecimal fraction, String ruleId, String reason) {
        if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0)
            throw new IllegalArgumentException(ruleId + ": a reduction fraction must be in (0, 1], got " + fraction);
        return new LiquidationDecision(risk, Action.REDUCE_FRACTION, fraction, ruleId, reason);
    }

    public static LiquidationDecision reduceOneTier(PoolRisk risk, String ruleId, String reason) {
        return new LiquidationDecision(risk, Action.REDUCE_ONE_TIER, BigDecimal.ONE, ruleId, reason);
    }

    public static LiquidationDecision backstop(PoolRisk risk, String ruleId, String reason) {
        return new LiquidationDecision(risk, Action.BACKSTOP, BigDecimal.ONE, ruleId, reason);
    }

    public int getPoolId() { return poolId; }
    public String getAccountId() { return accountId; }
    public Action getAction() { return action; }
    public BigDecimal getFraction() { return fraction; }
    public String getRuleId() { return ruleId; }
    public String getReason() { return reason; }

    @Override public String toString() { return ruleId + " " + action + " " + accountId + ": " + reason; }
}
