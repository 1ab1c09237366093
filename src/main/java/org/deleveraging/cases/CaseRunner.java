package org.deleveraging.cases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;

/**
 * Runs one case file against its policy: read it, run the engine over its book and marks with its parameter
 * overrides, compare. A case that cannot be read or run fails alone, with the reason; it never stops the others.
 */
final class CaseRunner {
    private CaseRunner() {}

    static Verdict run(Path file, String name, Policy policy) {
        String source = Display.of(file);
        try {
            RegressionCase c = CaseReader.read(file, policy);
            Policy p = policy.withParameters(c.parameters());
            RunResult result = new Engine().run(c.settings(), p.newDecisions(), c.accounts(), c.scenario(),
                    c.scenario().seed(), RunListener.NONE);
            List<Check> checks = new ArrayList<>();
            for (Expectation e : c.expectations()) checks.addAll(e.check(result, c.tolerance()));
            String note = c.tolerance().isExact() ? ""
                    : "prices and amounts within " + Numbers.show(c.tolerance().amount()) + ": " + c.tolerance()
                    .reason();
            return Verdict.checked(name, source, checks, note);
        } catch (InputException e) {
            return Verdict.error(name, source, e.getMessage());
        } catch (RuntimeException e) {
            return Verdict.error(name, source, source + ": the run failed: " + e);
        }
    }
}
