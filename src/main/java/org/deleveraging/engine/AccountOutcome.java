package org.deleveraging.engine;

import java.math.BigDecimal;

/**
 * What a run did to one account. {@code haircut} is what ADL and socialised loss took from it against the mark;
 * {@code equityBeforeHaircut} and {@code profitBeforeHaircut} are its equity and unrealised profit just before the
 * first haircut, so that the haircut can be read as a share of each.
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
