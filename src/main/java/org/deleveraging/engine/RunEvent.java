package org.deleveraging.engine;

import java.math.BigDecimal;

/**
 * One thing that happened in a run, with the rule that decided it. {@code amount} is the value that moved, signed
 * from {@code accountId}'s point of view (a loss is negative); {@code equityAfter} is the equity of the margin pool
 * of {@code accountId} that the event touched, just after it.
 */
public record RunEvent(int step, int round, Kind kind, String accountId, String counterpartyId, String market,
                       String side, BigDecimal size, BigDecimal price, BigDecimal amount, BigDecimal equityAfter,
                       String ruleId, String reason) {

    public enum Kind {
        /** a liquidation order filled in the book (price = average fill) */
        LIQUIDATION,
        /** liquidation clearance fee paid to the insurance fund */
        FEE,
        /** equity left after a close-out kept by the insurance fund */
        SURPLUS,
        /** positions and equity handed to the backstop vault */
        BACKSTOP,
        /** the insurance fund paid a deficit */
        FUND_COVER,
        /** an opposite position closed against a bankrupt one; accountId is the deleveraged account */
        ADL,
        /** profit clawed back from a winner to pay a deficit */
        SOCIALIZED,
        /** size nobody absorbed, closed by the venue at the mark */
        TAKEOVER,
        /** a deficit nobody absorbed, written off */
        BAD_DEBT
    }
}
