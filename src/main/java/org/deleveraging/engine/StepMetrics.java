package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one scenario step did. Amounts are in settlement-asset units summed over assets (a run's markets normally
 * share one asset). {@code adlProfitClosed} is the profit (against entry) of the positions ADL forced shut.
 * {@code adlHaircut} is what deleveraged accounts lost against the mark (fills better than the mark count as zero); {@code adlCovered} is the
 * part of bankrupt deficits that ADL absorbed; their difference is the overshoot.
 */
public record StepMetrics(int step, Map<String, BigDecimal> marks, int rounds, boolean roundCapHit,
                          int liquidations, BigDecimal liquidationNotional, BigDecimal shortfall,
                          BigDecimal fundBalance, BigDecimal fundPaid, BigDecimal backstopEquity,
                          int adlCount, BigDecimal adlNotional, BigDecimal adlHaircut, BigDecimal adlCovered, BigDecimal adlProfitClosed,
                          BigDecimal socialized, BigDecimal badDebt) {

    public BigDecimal adlOvershoot() { return adlHaircut.subtract(adlCovered); }
}
