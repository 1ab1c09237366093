package org.deleveraging.sweep;

import java.util.List;
import java.util.function.Consumer;

import org.deleveraging.engine.Cancellation;

/**
 * Where a sweep's points run: this machine's threads ({@link LocalExecutor}) or a Spark cluster (the job in
 * {@code src/spark}). Either runs each point with {@link PointRunner} from the same plan, so the metrics are the same;
 * the sweep stores what it is handed.
 */
public interface SweepExecutor {

    /**
     * Runs {@code pending} and hands each finished point to {@code finished} (from any thread, one at a time per
     * thread), stopping at the first failure, which it throws, or at {@code cancel}, after which it returns or throws
     * {@link Cancellation.Cancelled}.
     *
     * @param threads how many points at once on this machine (a cluster decides its own)
     */
    void execute(long sweepId, SweepPlan plan, List<SweepPoint> pending, int threads, Consumer<PointResult> finished,
                 Cancellation cancel);
}
