package org.deleveraging.bench;

import java.util.Locale;

/**
 * Policy compile times in a fresh JVM: the first load is the cold compile a user waits for on the workbench's first
 * {@code policy use} (Drools and the JIT start from nothing); the loads after a few warm-up reloads are the hot
 * reloads of {@code policy reload}. Arguments: policy, hot reloads to measure.
 */
final class CompileCase {

    public static void main(String[] args) {
        String policyId = args[0];
        int reloads = Integer.parseInt(args[1]);
        long cold = Clock.time(() -> Policies.load(policyId)).wallNanos();
        for (int i = 0; i < 5; i++) Policies.load(policyId);
        long[] hot = new long[reloads];
        for (int i = 0; i < reloads; i++) hot[i] = Clock.time(() -> Policies.load(policyId)).wallNanos();
        System.out.printf(Locale.ROOT, "RESULT kind=compile policy=%s cold=%.1f hot=%s%n", policyId, cold / 1e6,
                Stats.ofNanos(hot).encode());
    }
}
