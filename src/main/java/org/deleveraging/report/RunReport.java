package org.deleveraging.report;

import org.deleveraging.run.AccountProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.StoredRun;

/**
 * One run as the report shows it: what it was (provenance), its figures, its steps, and where its haircuts landed.
 *
 * @param outcomes the accounts the run touched, by id
 * @param profiles every account of the set as it entered the scenario; empty when the set the run used is gone or has
 *                 changed, and {@code note} then says why the distributions are missing
 * @param queue the run's ADL queue on the report's market at the step ADL closed the most there, when it ranked one
 * @param policy the run's policy as the report names it ({@link org.deleveraging.run.RunLabels}: id and short hash)
 */
public record RunReport(StoredRun run, String policy, RunMetrics metrics, List<StepMetrics> steps, Map<String,
        AccountOutcome> outcomes,
                        List<AccountProfile> profiles, List<Bucket> byLeverage, List<Bucket> byProfitDecile,
                        Optional<QueueSnapshot> queue, Optional<String> note) {

    /** "run 3: bitmex@c247e052", how charts and tables name a run. */
    public String label() {
        return "run " + run.id() + ": " + policy;
    }
}
