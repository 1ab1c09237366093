package org.deleveraging.sweep;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.run.ResultDigest;
import org.deleveraging.run.RunService;
import org.deleveraging.run.RunSummary;

/**
 * Runs one point in memory and measures it: what a local sweep's workers, a Spark executor and a reverse stress test's
 * probes all do, so that their figures are the same for the same point. Needs nothing but the compiled policy, the
 * set and the scenario as the point runs it; a set may be shared by threads (the engine copies what it changes).
 */
public final class PointRunner {
    private PointRunner() {}

    /** A run's result with its summary. */
    public record Measured(RunResult result, RunSummary summary, PointMetrics metrics, long engineMillis) {}

    public static Measured run(Policy policy, AccountSet set, Scenario scenario, long seed, Cancellation cancel) {
        int accounts = set.accounts().size();
        int positions = set.accounts().stream().mapToInt(a -> a.positions().size()).sum();
        long t0 = System.nanoTime();
        RunResult result;
        try {
            result = new Engine().run(policy.settings(), policy.newDecisions(), set, scenario, seed,
                    RunListener.NONE, cancel);
        } catch (PolicyViolation e) {
            throw new InputException("policy '" + policy.id() + "' was stopped: " + e.getMessage(), e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        RunSummary summary = RunService.summarise(accounts, positions, result, 0, millis, ResultDigest.of(result));
        return new Measured(result, summary, PointMetrics.of(summary, result.steps(), result.outcomes(), set,
                scenario), millis);
    }

    /** A point of a plan, run and measured, as the sweep stores it. */
    public static PointResult result(SweepPlan plan, SweepPoint p, Cancellation cancel, java.time.Clock clock) {
        long seed = plan.seed(p);
        Policy policy = plan.policy(p);
        Measured m = run(policy, plan.set(p), plan.scenario(p), seed, cancel);
        return new PointResult(p, policy.hash(), plan.setHash(p), plan.scenarioHash(p), seed, m.metrics(), null,
                m.engineMillis(), clock.instant());
    }
}
