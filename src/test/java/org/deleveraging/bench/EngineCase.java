package org.deleveraging.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.LedgerSnapshot;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.oracle.Oracles;
import org.deleveraging.oracle.RunComparison;
import org.deleveraging.policy.Policy;

/**
 * One engine benchmark, in a JVM of its own (so that its heap and its JIT state are its own): a policy over a book
 * of n positions under the 10-Oct crash, with the rules, where the policy has one with the plain-Java oracle, and
 * with the columnar anchor ({@link ColumnarAnchor}, made to do at least the rules' rounds), alternately, in the same
 * JVM on the same book. Prints what happened (so that an idle run is seen for what it is)
 * and a {@code RESULT} line for {@link Bench}.
 *
 * <p>Arguments: policy, positions, measured runs, warm-up positions, warm-up runs, and optionally {@code profile};
 * {@code -Dbench.book=generated} runs the generated book instead of the grown demo ({@link BenchBook#chosen}).
 */
final class EngineCase {
    /** Books up to this size compare the oracle's run with the rules' event by event; larger ones by fingerprint. */
    private static final int FULL_COMPARISON_UP_TO = 300_000;

    public static void main(String[] args) {
        String policyId = args[0];
        int positions = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        int warmupPositions = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);
        boolean profile = args.length > 5 && args[5].equals("profile");
        Policy policy = Policies.load(policyId);
        boolean hasOracle = Oracles.has(policyId);
        ColumnarAnchor.Loss loss = ColumnarAnchor.Loss.of(policy.ruleNames());

        try (HeapWatch heap = new HeapWatch()) {
            if (warmups > 0) {
                BenchBook small = BenchBook.chosen(warmupPositions);
                for (int i = 0; i < warmups; i++) {
                    run(policy, policy.newDecisions(), small);
                    if (hasOracle) run(policy, Oracles.forPolicy(policyId), small);
                    anchor(policy, small, loss, null);
                }
            }
            BenchBook book = BenchBook.chosen(positions);
            System.out.printf(Locale.ROOT, "book: %,d accounts, %,d positions, generated in %.0f ms%n",
                    book.accounts().accounts().size(), book.positions(), book.generationNanos() / 1e6);
            Samples rules = new Samples(reps);
            Samples oracle = new Samples(hasOracle ? reps : 0);
            Samples anchor = new Samples(reps);
            int[] engineRounds = null;
            ColumnarAnchor.Result anchored = null;
            String counts = "";
            long retainedMb = 0;
            String agrees = hasOracle ? "yes" : "n/a";
            // above this size two results do not fit in the heap together: compare their fingerprints instead
            boolean byFingerprint = book.positions() > FULL_COMPARISON_UP_TO;
            for (int i = 0; i < reps; i++) {
                startClean();
                Stopwatch.Timed<RunResult> byRules = Stopwatch.time(() -> run(policy, policy.newDecisions(), book));
                rules.add(i, byRules);
                RunResult rulesResult = byRules.value();
                byRules = null;
                String rulesPrint = null;
                if (i == 0) {
                    engineRounds = rulesResult.steps().stream().mapToInt(StepMetrics::rounds).toArray();
                    counts = counts(book, rulesResult);
                    retainedMb = HeapWatch.retainedMb(rulesResult);
                    if (byFingerprint) rulesPrint = RunComparison.fingerprint(rulesResult);
                }
                if (i > 0 || byFingerprint) rulesResult = null;
                if (hasOracle) {
                    startClean();
                    Stopwatch.Timed<RunResult> byOracle =
                            Stopwatch.time(() -> run(policy, Oracles.forPolicy(policyId), book));
                    oracle.add(i, byOracle);
                    if (i == 0) {
                        List<String> differences = byFingerprint
                                ? (rulesPrint.equals(RunComparison.fingerprint(byOracle.value())) ? List.of()
                                        : List.of(
                                                "the fingerprints differ; run a smaller size for the first difference"))
                                : RunComparison.differences(rulesResult, byOracle.value());
                        if (!differences.isEmpty()) {
                            agrees = "no";
                            System.out.println("the oracle disagrees with the rules: " + differences.get(0));
                        }
                    }
                }
                startClean();
                int[] floor = engineRounds;
                Stopwatch.Timed<ColumnarAnchor.Result> byAnchor =
                        Stopwatch.time(() -> anchor(policy, book, loss, floor));
                anchor.add(i, byAnchor);
                if (i == 0) anchored = byAnchor.value();
                System.out.printf(Locale.ROOT, "run %d: rules %s%s, anchor %s%n", i + 1, rules.line(i),
                        hasOracle ? ", oracle " + oracle.line(i) : "", anchor.line(i));
            }
            System.out.println("counts: " + counts);
            System.out.println("anchor: " + anchored.fields());
            System.out.printf(Locale.ROOT, "RESULT kind=engine policy=%s positions=%d accounts=%d generate=%.1f"
                            + " rules=%s rulesCpu=%s rulesGc=%d oracle=%s oracleCpu=%s oracleGc=%d agrees=%s "
                            + "peakMb=%d retainedMb=%d maxMb=%d anchor=%s anchorCpu=%s %s %s%n",
                    policyId, book.positions(), book.accounts().accounts().size(), book.generationNanos() / 1e6,
                    rules.wall().encode(), rules.cpu().encode(), rules.gcMedian(),
                    hasOracle ? oracle.wall().encode() : "-", hasOracle ? oracle.cpu().encode() : "-",
                    oracle.gcMedian(), agrees, heap.peakLiveMb(), retainedMb, HeapWatch.maxHeapMb(),
                    anchor.wall().encode(), anchor.cpu().encode(), anchored.fields(), counts);
            if (profile) profile(policy, policyId, book, hasOracle);
        }
    }

    /**
     * A full collection before each timed run, outside its time, so that every run starts from the same heap: the
     * book, already old. Without it the first run paid for promoting the book it was just given (a young collection
     * of 0.8 s at 1M), and the run after it for a full collection of the run before's garbage (2.5 s at 1M, in the
     * oracle's run): each measured the one before it as much as itself.
     */
    private static void startClean() { System.gc(); }

    /** Wall, CPU and GC time of each measured run. */
    private static final class Samples {
        final long[] wall, cpu, gc;

        Samples(int n) { wall = new long[n]; cpu = new long[n]; gc = new long[n]; }

        void add(int i, Stopwatch.Timed<?> t) { wall[i] = t.wallNanos(); cpu[i] = t.cpuNanos(); gc[i] = t.gcMillis(); }

        Stats wall() { return Stats.ofNanos(wall); }

        Stats cpu() { return Stats.ofNanos(cpu); }

        long gcMedian() { return gc.length == 0 ? 0 : java.util.Arrays.stream(gc).sorted().toArray()[gc.length / 2]; }

        String line(int i) {
            return String.format(Locale.ROOT, "%.0f ms (cpu %.0f ms, gc %d ms)", wall[i] / 1e6, cpu[i] / 1e6, gc[i]);
        }
    }

    private static ColumnarAnchor.Result anchor(Policy policy, BenchBook book, ColumnarAnchor.Loss loss,
            int[] minRounds) {
        return ColumnarAnchor.run(book.accounts(), book.scenario(), policy.settings(), loss, minRounds);
    }

    private static RunResult run(Policy policy, Decisions decisions, BenchBook book) {
        return new Engine().run(policy.settings(), decisions, book.accounts(), book.scenario(), book.scenario().seed(),
                RunListener.NONE);
    }

    /** What the crash did, so that a fast run can be told from an idle one. */
    private static String counts(BenchBook book, RunResult r) {
        int liquidations = 0, adl = 0;
        StringBuilder rounds = new StringBuilder();
        for (StepMetrics s : r.steps()) {
            liquidations += s.liquidations();
            adl += s.adlCount();
            rounds.append(rounds.isEmpty() ? "" : ",").append(s.rounds());
        }
        long haircuts = r.events().stream().filter(e -> e.kind() == RunEvent.Kind.SOCIALIZED).count();
        long backstop = r.events().stream().filter(e -> e.kind() == RunEvent.Kind.BACKSTOP).count();
        // from the ledger, not the scenario: a policy without a fund (Hyperliquid) starts with none
        BigDecimal fundStart = r.ledgerStart().values().stream().map(LedgerSnapshot::insuranceFunds)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fundEnd = sum(r.fundsEnd());
        return String.format(Locale.ROOT, "rounds=%s liquidations=%d adlFills=%d haircuts=%d backstop=%d events=%d"
                        + " queueEntries=%d fundStart=%s fundEnd=%s badDebt=%s", rounds, liquidations, adl, haircuts,
                backstop, r.events().size(), r.queues().size(), fundStart.toBigInteger(), fundEnd.toBigInteger(),
                r.totalBadDebt().toBigInteger());
    }

    private static BigDecimal sum(Map<String, BigDecimal> m) {
        return m.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void profile(Policy policy, String policyId, BenchBook book, boolean hasOracle) {
        profileOne("rules", () -> run(policy, policy.newDecisions(), book));
        if (hasOracle) profileOne("oracle", () -> run(policy, Oracles.forPolicy(policyId), book));
    }

    private static void profileOne(String who, Runnable run) {
        try (Sampler s = new Sampler(Thread.currentThread(), 5)) {
            run.run();
            s.shares(0.02).forEach((place, share) ->
                    System.out.printf(Locale.ROOT, "PROFILE %s %s=%.3f%n", who, place.replace(' ', '_'), share));
        }
    }
}
