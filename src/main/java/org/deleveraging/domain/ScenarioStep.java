package org.deleveraging.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a stress scenario: the mark price of every market and the factor applied to book depth
 * (1 = normal, 0.01 = a book a hundred times thinner). Markets missing from {@code depthMultipliers} keep 1.
 */
public record ScenarioStep(Map<String, BigDecimal> marks, Map<String, BigDecimal> depthMultipliers)
        implements java.io.Serializable {
    public ScenarioStep {
        marks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(marks));
        depthMultipliers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(depthMultipliers));
    }

    public BigDecimal depthMultiplier(String market) { return depthMultipliers.getOrDefault(market, BigDecimal.ONE); }
}
