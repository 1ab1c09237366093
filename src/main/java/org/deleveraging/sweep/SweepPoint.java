package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a sweep's grid: one run.
 *
 * @param number the point's place in the grid, from 1, as {@code sweep show} and the report name it
 * @param changes what the point's policy variant changes, in the order the sweep wrote them (empty: the policy)
 * @param seed the run's seed; null: the scenario's own
 */
public record SweepPoint(int number, String policyId, Map<String, String> changes, String accountSet, String scenario,
                         BigDecimal severity, BigDecimal fundScale, Long seed) implements java.io.Serializable {

    public SweepPoint {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** The policy variant as one line, {@code bitmex adl.closePrice=mark}: also its key among the sweep's variants. */
    public String variant() {
        return changes.isEmpty() ? policyId : policyId + " " + changesText();
    }

    public String changesText() {
        return changes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The stress as one line, {@code demo oct-10 x1.5 fund x1 seed 7}. */
    public String stress() {
        return accountSet + " " + scenario + " x" + severity.toPlainString() + " fund x" + fundScale.toPlainString()
                + (seed == null ? "" : " seed " + seed);
    }
}
