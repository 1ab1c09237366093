package org.deleveraging.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A market stress path. Step 0 gives the marks the run starts from (positions are settled from their entry prices
 * to these marks before anything is checked); each later step moves the marks and may thin the books.
 *
 * @param insuranceFunds opening insurance-fund balances, keyed by market symbol (per-market funds) or by settlement
 *                       asset (a shared pool); see {@link InsuranceFunds} for how a policy's granularity reads them
 * @param insuranceFundShares for the markets {@code insuranceFunds} does not size: a share of the market's open
 *                       interest, keyed by market symbol, settlement asset or {@link #EVERY_MARKET}
 *                       ({@link InsuranceFunds} states the rule)
 * @param backstopCapital opening capital of the backstop vault, per settlement asset
 * @param seed fixes every pseudo-random choice a policy makes (e.g. dYdX's random start)
 */
public record Scenario(String name, String description, long seed, List<ScenarioStep> steps,
                       Map<String, BigDecimal> insuranceFunds, Map<String, BigDecimal> insuranceFundShares,
                       Map<String, BigDecimal> backstopCapital)
        implements java.io.Serializable {
    /** The key of {@code insuranceFundShares} that applies to every market not named otherwise. */
    public static final String EVERY_MARKET = "*";

    /** A scenario whose funds are all given as amounts. */
    public Scenario(String name, String description, long seed, List<ScenarioStep> steps,
                    Map<String, BigDecimal> insuranceFunds, Map<String, BigDecimal> backstopCapital) {
        this(name, description, seed, steps, insuranceFunds, Map.of(), backstopCapital);
    }

    public Scenario {
        if (steps.isEmpty()) throw new IllegalArgumentException("a scenario needs at least one step");
        steps = List.copyOf(steps);
        insuranceFunds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(insuranceFunds));
        insuranceFundShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(insuranceFundShares));
        backstopCapital = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backstopCapital));
    }
}
