package org.deleveraging.store;

import java.math.BigDecimal;

/**
 * The headline numbers of a run, as the {@code run} summary table and {@code compare} show them, and how long each
 * part took. Amounts are in the settlement asset, summed over assets.
 *
 * @param adlHaircut what deleveraged accounts lost against the mark
 * @param adlCovered the part of bankrupt deficits ADL absorbed; {@link #adlOvershoot()} is what ADL took beyond it
 * @param maxHaircutEquityShare the largest haircut as a share of that account's equity before it (0..1)
 * @param maxHaircutProfitShare the largest haircut as a share of that account's unrealised profit before it
 * @param resultDigest SHA-256 over the run's outcome: a reproduction of the run must give the same digest
 */
public record RunSummary(int accounts, int positions, int liquidations, BigDecimal liquidationNotional,
                         BigDecimal fundStart, BigDecimal fundEnd, BigDecimal fundPaid, BigDecimal badDebt,
                         int adlCount, BigDecimal adlNotional, BigDecimal adlHaircut, BigDecimal adlCovered,
                         BigDecimal socialized, double maxHaircutEquityShare, String maxHaircutEquityAccount,
                         double maxHaircutProfitShare, String maxHaircutProfitAccount, int touchedAccounts,
                         String rulesFired, String resultDigest, long loadMillis, long engineMillis) {

    public BigDecimal adlOvershoot() { return adlHaircut.subtract(adlCovered); }
}
