package org.deleveraging.run;

import java.math.BigDecimal;

/**
 * The headline numbers of a run, as the {@code run} summary table and {@code compare} show them, and how long each
 * part took. Amounts are in the settlement asset, summed over assets.
 *
 * @param adlHaircut what deleveraged accounts lost against the mark
 * @param adlCovered the part of bankrupt deficits ADL absorbed; {@link #adlOvershoot()} is what ADL took beyond it
 * @param maxHaircutEquityShare the largest haircut as a share of that account's equity before it (0..1)
 * @param maxHaircutProfitShare the largest haircut as a share of the profit it was taken from, as
 *                              {@code maxHaircutProfitBasis} defines it (0..1 for {@link #PROFIT_BASIS})
 * @param resultDigest SHA-256 over the run's outcome: a reproduction of the run must give the same digest
 * @param maxHaircutProfitBasis {@link #PROFIT_BASIS} (engine/ProfitHaircut: the step's haircuts over the pool's profit
 *                              before the first of them, where that profit is at least 1 % of its equity; at most
 *                              100 %), or null for a run stored before it, whose figure divided by the account's
 *                              largest profit before a haircut, however small, and may exceed 100 %
 */
public record RunSummary(int accounts, int positions, int liquidations, BigDecimal liquidationNotional,
                         BigDecimal fundStart, BigDecimal fundEnd, BigDecimal fundPaid, BigDecimal badDebt,
                         int adlCount, BigDecimal adlNotional, BigDecimal adlHaircut, BigDecimal adlCovered,
                         BigDecimal socialized, double maxHaircutEquityShare, String maxHaircutEquityAccount,
                         double maxHaircutProfitShare, String maxHaircutProfitAccount, int touchedAccounts,
                         String rulesFired, String resultDigest, long loadMillis, long engineMillis,
                         String maxHaircutProfitBasis) {

    /** The figure runs store from V5 on (see {@code db/migration/V5__haircut_share_of_step_profit.sql}). */
    public static final String PROFIT_BASIS = "STEP_PROFIT_1PCT_EQUITY";

    /** A summary with today's definition of the profit share. */
    public RunSummary(int accounts, int positions, int liquidations, BigDecimal liquidationNotional,
                      BigDecimal fundStart, BigDecimal fundEnd, BigDecimal fundPaid, BigDecimal badDebt,
                      int adlCount, BigDecimal adlNotional, BigDecimal adlHaircut, BigDecimal adlCovered,
                      BigDecimal socialized, double maxHaircutEquityShare, String maxHaircutEquityAccount,
                      double maxHaircutProfitShare, String maxHaircutProfitAccount, int touchedAccounts,
                      String rulesFired, String resultDigest, long loadMillis, long engineMillis) {
        this(accounts, positions, liquidations, liquidationNotional, fundStart, fundEnd, fundPaid, badDebt, adlCount,
                adlNotional, adlHaircut, adlCovered, socialized, maxHaircutEquityShare, maxHaircutEquityAccount,
                maxHaircutProfitShare, maxHaircutProfitAccount, touchedAccounts, rulesFired, resultDigest, loadMillis,
                engineMillis, PROFIT_BASIS);
    }

    public BigDecimal adlOvershoot() { return adlHaircut.subtract(adlCovered); }

    /** Whether the profit share is the old, uncapped figure of a run stored before V5. */
    public boolean profitShareIsOldMeasure() { return !PROFIT_BASIS.equals(maxHaircutProfitBasis); }
}
