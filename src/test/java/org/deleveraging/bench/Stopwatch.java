package org.deleveraging.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * Times one piece of work three ways: wall time (what a user waits), the CPU time of the thread doing it (what the
 * work costs, much less disturbed when other processes share the two cores) and the time the JVM spent collecting
 * garbage meanwhile (which runs on other threads and is in neither the thread's CPU time nor, fully, the wall time).
 * Besides, what the whole process used of the cores meanwhile (the work's helper threads, the collector, the JIT) and
 * the JIT compilers' time: on two cores, a first run's compiling competes with the run for the second one.
 */
final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Timed<T>(T value, long wallNanos, long cpuNanos, long gcMillis, long processCpuNanos, long jitMillis) {
        /** The timings as a RESULT line's fields, in milliseconds. */
        String fields() {
            return String.format(java.util.Locale.ROOT, "wall=%.1f cpu=%.1f gc=%d processCpu=%.1f jit=%d",
                    wallNanos / 1e6, cpuNanos / 1e6, gcMillis, processCpuNanos / 1e6, jitMillis);
        }
    }

    private Stopwatch() {}

    static <T> Timed<T> time(Supplier<T> work) {
        long gc0 = gcMillis();
        long process0 = OS.getProcessCpuTime();
        long jit0 = jitMillis();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        T value = work.get();
        long wall = System.nanoTime() - wall0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        return new Timed<>(value, wall, cpu, gcMillis() - gc0, OS.getProcessCpuTime() - process0, jitMillis() - jit0);
    }

    /** The JIT compilers' time so far, all their threads together (0 where the JVM does not say). */
    static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total
                += Math.max(0, gc.getCollectionTime());
        return total;
    }
}
