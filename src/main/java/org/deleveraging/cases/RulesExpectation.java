package org.deleveraging.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.RunResult;

/**
 * Which rules decided the outcome: rules that must fire (at least once, or an exact number of times) and rules that
 * must not fire at all. Guards against a case passing for the wrong reason.
 */
record RulesExpectation(Map<String, Integer> mustFire, List<String> mustNotFire) implements Expectation {
    /** In {@code mustFire}: the rule must fire, however often. */
    static final int ANY = -1;

    @Override
    public List<Check> check(RunResult result, Tolerance tolerance) {
        List<Check> out = new ArrayList<>();
        mustFire.forEach((rule, times) -> {
            int fired = result.rulesFired().getOrDefault(rule, 0);
            String expected = times == ANY ? "fires" : "fires " + times + (times == 1 ? " time" : " times");
            boolean ok = times == ANY ? fired > 0 : fired == times;
            out.add(new Check("rule " + rule, expected, fired == 0 ? "did not fire" : "fired " + fired
                    + (fired == 1 ? " time" : " times"), ok));
        });
        for (String rule : mustNotFire) {
            int fired = result.rulesFired().getOrDefault(rule, 0);
            out.add(new Check("rule " + rule, "does not fire", fired == 0 ? "did not fire" : "fired " + fired
                    + (fired == 1 ? " time" : " times"), fired == 0));
        }
        return out;
    }
}
