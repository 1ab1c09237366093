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
 *                       asset (a shared pool); see {@code InsuranceFunds} for how a policy's granularity reads them
 * @param backstopCapital opening capital of the backstop vault, per settlement asset
 * @param seed fixes every pseudo-random choice a policy makes (e.g. dYdX's random start)
 */
public record Scenario(String name, String description, long seed, List<ScenarioStep> steps,
                       Map<String, BigDecimal> insuranceFunds, Map<String, BigDecimal> backstopCapital) {
    public Scenario {
        if (steps.isEmpty()) throw new IllegalArgumentException("a scenario needs at least one step");
        steps = List.copyOf(steps);
        insuranceFunds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(insuranceFunds));
        backstopCapital = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backstopCapital));
    }
}
