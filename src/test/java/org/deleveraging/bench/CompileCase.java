package org.deleveraging.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * Policy compile times in a fresh JVM: the first load is the cold compile a user waits for on the workbench's first
 * {@code policy use} (Drools and the JIT start from nothing); the loads after a few warm-up reloads are the hot
 * reloads of {@code policy reload}. Besides wall time, the cold compile's CPU time of the whole process (JIT and
 * class loading run on other threads) and each reload's thread CPU time, which other load on the machine disturbs
 * much less. Arguments: policy, hot reloads to measure.
 */
final class CompileCase {

    public static void main(String[] args) {
        String policyId = args[0];
        int reloads = Integer.parseInt(args[1]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long cold = Stopwatch.time(() -> Policies.load(policyId)).wallNanos();
        long coldCpu = os.getProcessCpuTime() - cpu0;
        for (int i = 0; i < 5; i++) Policies.load(policyId);
        long[] hot = new long[reloads];
        long[] hotCpu = new long[reloads];
        for (int i = 0; i < reloads; i++) {
            Stopwatch.Timed<?> t = Stopwatch.time(() -> Policies.load(policyId));
            hot[i] = t.wallNanos();
            hotCpu[i] = t.cpuNanos();
        }
        System.out.printf(Locale.ROOT, "RESULT kind=compile policy=%s cold=%.1f coldCpu=%.1f hot=%s hotCpu=%s%n", policyId,
                cold / 1e6, coldCpu / 1e6, Stats.ofNanos(hot).encode(), Stats.ofNanos(hotCpu).encode());
    }
}
