package org.deleveraging.sweep;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.deleveraging.engine.Cancellation;

/**
 * A sweep's points on this machine: a pool of threads taking the next point in grid order, each running it with the
 * plan's compiled variant (shared: a rule base is thread-safe, each run opens its own sessions).
 */
public final class LocalExecutor implements SweepExecutor {
    private final Clock clock;

    public LocalExecutor(Clock clock) { this.clock = clock; }

    @Override
    public void execute(long sweepId, SweepPlan plan, List<SweepPoint> pending, int threads,
                        Consumer<PointResult> finished, Cancellation cancel) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int n = Math.max(1, Math.min(threads, pending.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "sweep-" + sweepId);
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < n; w++)
            pool.execute(() -> {
                while (failure.get() == null && !cancel.requested()) {
                    int i = next.getAndIncrement();
                    if (i >= pending.size()) return;
                    try {
                        finished.accept(PointRunner.result(plan, pending.get(i), cancel, clock));
                    } catch (Cancellation.Cancelled e) {
                        return;
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the workers check the cancellation themselves; this thread only waits for them
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        }
        if (failure.get() != null) throw failure.get();
    }
}
