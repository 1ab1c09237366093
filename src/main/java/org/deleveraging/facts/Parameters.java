package org.deleveraging.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy's named parameters ({@code parameters:} in policy.yaml), available to rules as the global
 * {@code params}. A rule that asks for a parameter the policy does not declare is rejected when the policy loads.
 */
public final class Parameters {
    private final Map<String, BigDecimal> values;

    public Parameters(Map<String, BigDecimal> values) { this.values = new TreeMap<>(values); }

    public BigDecimal num(String name) {
        BigDecimal v = values.get(name);
        if (v == null) throw new IllegalStateException("policy parameter '" + name + "' is not declared");
        return v;
    }

    public double number(String name) { return num(name).doubleValue(); }

    public Map<String, BigDecimal> asMap() { return java.util.Collections.unmodifiableMap(values); }
}
