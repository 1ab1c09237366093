package org.deleveraging.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.PointRunner;
import org.deleveraging.sweep.SweepExecutor;
import org.deleveraging.sweep.SweepPlan;
import org.deleveraging.sweep.SweepPoint;

/**
 * A sweep's points on a Spark cluster: a task per point, run by the same {@link PointRunner} as on one machine, so the
 * metrics are the same. The variants' text, the account sets and the scenarios as run go to every executor once, by
 * broadcast; the points go in jobs of {@link #BATCH} tasks per core of the cluster, and each job's results come back
 * to the driver, which stores them before the next job starts: an interrupted sweep loses at most one job's points,
 * and Ctrl-C (or a cancelled sweep) cancels the running job.
 */
public final class SparkExecutor implements SweepExecutor {
    /** Tasks per core of the cluster in one job: enough to keep every core busy while the slowest task finishes. */
    static final int BATCH = 4;

    private final JavaSparkContext spark;

    public SparkExecutor(JavaSparkContext spark) { this.spark = spark; }

    @Override
    public void execute(long sweepId, SweepPlan plan, List<SweepPoint> pending, int threads,
                        Consumer<PointResult> finished, Cancellation cancel) {
        if (pending.isEmpty()) return;
        Broadcast<Shipment> shipment = spark.broadcast(shipment(plan, pending));
        int perJob = Math.max(1, BATCH * spark.defaultParallelism());
        try {
            for (int from = 0; from < pending.size(); from += perJob) {
                cancel.check();
                List<SweepPoint> batch = pending.subList(from, Math.min(pending.size(), from + perJob));
                spark.setJobGroup("sweep-" + sweepId, "sweep " + sweepId + ", points " + batch.get(0).number()
                        + " to " + batch.get(batch.size() - 1).number(), true);
                JavaFutureAction<List<PointResult>> job = spark.parallelize(new ArrayList<>(batch), batch.size())
                        .map(p -> run(shipment.value(), p)).collectAsync();
                for (PointResult r : await(job, cancel)) finished.accept(r);
            }
        } finally {
            shipment.destroy();
        }
    }

    /** The job's results; Ctrl-C (the sweep's cancellation) cancels the job and unwinds. */
    private static List<PointResult> await(JavaFutureAction<List<PointResult>> job, Cancellation cancel) {
        while (true) {
            try {
                return job.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancel.requested()) {
                    job.cancel(true);
                    throw new Cancellation.Cancelled();
                }
            } catch (InterruptedException e) {
                job.cancel(true);
                Thread.currentThread().interrupt();
                throw new Cancellation.Cancelled();
            } catch (ExecutionException e) {
                // a task's failure (a policy stopped by its budget) as the driver would have said it
                Throwable cause = e.getCause();
                while (cause.getCause() != null && !(cause instanceof InputException)) cause = cause.getCause();
                if (cause instanceof InputException input) throw input;
                throw new IllegalStateException("a Spark task failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** One point on an executor. */
    static PointResult run(Shipment s, SweepPoint p) {
        Policy policy = ExecutorPolicies.policy(p.variant(), s.variants().get(p.variant()));
        String key = SweepPlan.scenarioKey(p);
        Scenario scenario = s.scenarios().get(key);
        long seed = p.seed() != null ? p.seed() : scenario.seed();
        PointRunner.Measured m = PointRunner.run(policy, s.sets().get(p.accountSet()), scenario, seed,
                Cancellation.NEVER);
        return new PointResult(p, policy.hash(), s.setHashes().get(p.accountSet()), s.scenarioHashes().get(key), seed,
                m.metrics(), null, m.engineMillis(), Instant.now());
    }

    private static Shipment shipment(SweepPlan plan, List<SweepPoint> pending) {
        Map<String, List<PolicyFile>> variants = new HashMap<>();
        Map<String, AccountSet> sets = new HashMap<>();
        Map<String, String> setHashes = new HashMap<>();
        Map<String, Scenario> scenarios = new HashMap<>();
        Map<String, String> scenarioHashes = new HashMap<>();
        for (SweepPoint p : pending) {
            variants.computeIfAbsent(p.variant(), v -> List.copyOf(plan.policy(p).files()));
            sets.computeIfAbsent(p.accountSet(), n -> plan.set(p));
            setHashes.computeIfAbsent(p.accountSet(), n -> plan.setHash(p));
            String key = SweepPlan.scenarioKey(p);
            scenarios.computeIfAbsent(key, k -> plan.scenario(p));
            scenarioHashes.computeIfAbsent(key, k -> plan.scenarioHash(p));
        }
        return new Shipment(variants, sets, setHashes, scenarios, scenarioHashes);
    }
}
