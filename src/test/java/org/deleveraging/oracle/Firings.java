package org.deleveraging.oracle;

import java.util.Map;
import java.util.TreeMap;

/**
 * How often each of an oracle's rules decided something in one run, counted as the rules engine counts firings
 * (one per decision a rule produces), so that the two runs' {@code rulesFired} can be compared too.
 */
final class Firings {
    private final Map<String, Integer> counts = new TreeMap<>();

    <T> T fired(String ruleId, T decision) {
        counts.merge(ruleId, 1, Integer::sum);
        return decision;
    }

    Map<String, Integer> counts() { return counts; }
}
