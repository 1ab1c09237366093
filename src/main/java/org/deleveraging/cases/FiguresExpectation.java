package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.RunResult;

/**
 * Totals of the run ({@code waterfall:}) and the insurance funds' closing balances ({@code funds:}), each within the
 * case's tolerance.
 */
record FiguresExpectation(Map<Figure, BigDecimal> totals, Map<String, BigDecimal> funds) implements Expectation {

    @Override
    public List<Check> check(RunResult result, Tolerance tolerance) {
        List<Check> out = new ArrayList<>();
        totals.forEach((figure, expected) -> out.add(compare("waterfall " + figure.key, expected, figure.of(result),
                figure.isCount() ? Tolerance.EXACT : tolerance)));
        funds.forEach((key, expected) -> out.add(compare("fund " + key + " at the end", expected,
                result.fundsEnd().get(key), tolerance)));
        return out;
    }

    static Check compare(String subject, BigDecimal expected, BigDecimal actual, Tolerance tolerance) {
        if (actual == null) return new Check(subject, Numbers.show(expected), "none", false);
        return new Check(subject, Numbers.show(expected), Numbers.show(actual), tolerance.accepts(expected, actual));
    }
}
