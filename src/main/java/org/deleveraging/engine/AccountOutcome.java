package org.deleveraging.engine;

import java.math.BigDecimal;

/**
 * What a run did to one account. {@code haircut} is what ADL and socialised loss took from it against the mark
 * (fills better than the mark are not haircuts);
 * {@code equityBeforeHaircut} is its equity before the first haircut plus what it gained between haircuts, so that
 * the haircut reads as a share of what it would otherwise have held; {@code profitBeforeHaircut} is the largest
 * unrealised profit it had before a haircut.
 */
public record AccountOutcome(String accountId, BigDecimal equityStart, BigDecimal equityEnd,
                             BigDecimal liquidatedNotional, BigDecimal adlSize, BigDecimal haircut,
                             BigDecimal equityBeforeHaircut, BigDecimal profitBeforeHaircut, BigDecimal badDebt,
                             int events) {

    public boolean touched() { return events > 0; }

    public double haircutShareOfEquity() {
        return equityBeforeHaircut.signum() > 0 ? haircut.doubleValue() / equityBeforeHaircut.doubleValue() : 0;
    }

    public double haircutShareOfProfit() {
        return profitBeforeHaircut.signum() > 0 ? haircut.doubleValue() / profitBeforeHaircut.doubleValue() : 0;
    }
}
