package org.deleveraging.report;

import java.math.BigDecimal;

import org.deleveraging.sweep.SweepPoint;

/**
 * The stress a point ran under: account set, scenario, severity, fund scale and seed. Only points of one stress are
 * compared on a frontier: a policy looks better under a milder crash or a bigger fund, not because it is better.
 * Severity and fund scale are kept without trailing zeros, so that 1 and 1.0 are one stress.
 *
 * @param seed the sweep's seed, or null for the scenario's own
 */
public record StressContext(String accountSet, String scenario, BigDecimal severity, BigDecimal fundScale, Long seed) {

    public StressContext {
        severity = severity.stripTrailingZeros();
        fundScale = fundScale.stripTrailingZeros();
    }

    public static StressContext of(SweepPoint p) {
        return new StressContext(p.accountSet(), p.scenario(), p.severity(), p.fundScale(), p.seed());
    }

    /** {@code demo oct-10, severity 2, fund x0.5, seed 7}, as the page's chooser and tables name it. */
    public String label() {
        return accountSet + " " + scenario + ", severity " + severity.toPlainString() + ", fund x"
                + fundScale.toPlainString() + (seed == null ? "" : ", seed " + seed);
    }
}
