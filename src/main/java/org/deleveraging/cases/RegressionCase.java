package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.PolicySettings;

/**
 * A regression case as read from {@code policies/<id>/cases/NNN-title.yaml}: the book and parameter overrides it is
 * given, the market path it runs under, and what it expects.
 *
 * @param source the case file as a user would name it, for messages
 * @param parameters policy parameters this case replaces (empty: the policy as it is)
 * @param settings the policy's settings with the case's {@code given.settings} applied
 */
record RegressionCase(String source, String policyId, String title, AccountSet accounts,
                      Map<String, BigDecimal> parameters, PolicySettings settings, Scenario scenario,
                      List<Expectation> expectations, Tolerance tolerance) {
    public RegressionCase {
        parameters = Map.copyOf(parameters);
        expectations = List.copyOf(expectations);
    }
}
