package org.deleveraging.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a run spends its time, without a profiler on the machine: samples one thread's stack every few
 * milliseconds and files each sample under the innermost workbench method on it (engine stage, policy, oracle,
 * store), marked "> rules engine" when Drools code is running above it and "> H2" when the database is.
 * Safepoint-biased like any getStackTrace sampler: good for shares of tens of percent, not for single methods.
 */
final class Sampler implements AutoCloseable {
    private final Thread target;
    private final Map<String, Integer> samples = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private int total;

    Sampler(Thread target, long everyMillis) {
        this.target = target;
        this.sampler = new Thread(() -> {
            while (running.get()) {
                record(target.getStackTrace());
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void record(StackTraceElement[] stack) {
        if (stack.length == 0) return;
        String below = "";
        String where = null;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (below.isEmpty() && (c.startsWith("org.drools") || c.startsWith("org.kie"))) below = " > rules engine";
            if (below.isEmpty() && c.startsWith("org.h2")) below = " > H2";
            if (c.startsWith("org.deleveraging.") && !c.startsWith("org.deleveraging.bench")) {
                String type = c.substring(c.lastIndexOf('.') + 1);
                int lambda = type.indexOf("$$Lambda");
                // the generated name changes per run
                if (lambda >= 0) type = type.substring(0, lambda) + " (a lambda)";
                where = type + "." + f.getMethodName() + below;
                break;
            }
        }
        if (where == null) return;
        samples.merge(where, 1, Integer::sum);
        total++;
    }

    /** The share of samples per place, largest first, those under {@code minShare} folded into "other". */
    synchronized Map<String, Double> shares(double minShare) {
        Map<String, Double> out = new LinkedHashMap<>();
        double other = 0;
        for (var e : samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .toList()) {
            double share = (double) e.getValue() / Math.max(1, total);
            if (share >= minShare) out.put(e.getKey(), share);
            else other += share;
        }
        if (other > 0) out.put("other", other);
        return out;
    }

    synchronized int total() { return total; }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
    }
}
