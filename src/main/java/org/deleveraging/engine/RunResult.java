package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The full account of a run: what happened, step by step and account by account, and the books at the end.
 *
 * <p>A result made by the engine holds its events and queue places as columns ({@link EventLog}, {@link QueueLog}),
 * each entry built when it is read: a crash over a million positions records millions of them.
 *
 * @param largestProfitHaircut the largest haircut as a share of profit ({@link ProfitHaircut}); NONE for a result not
 *                             made by the engine
 */
public record RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                        List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                        Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                        Map<String, Integer> rulesFired, ProfitHaircut largestProfitHaircut) {

    public RunResult {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(queues, "queues");
    }

    public RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                     List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                     Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                     Map<String, Integer> rulesFired) {
        this(events, steps, outcomes, queues, fundsEnd, badDebt, ledgerStart, ledgerEnd, rulesFired,
                ProfitHaircut.NONE);
    }

    public BigDecimal totalBadDebt() {
        return badDebt.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }
}
