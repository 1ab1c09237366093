package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The full account of a run: what happened, step by step and account by account, and the books at the end.
 *
 * <p>The events and queue places are kept here unless the run handed them to a listener that stores them as they come
 * ({@link RunListener#keepRecorded()}); then the result knows how many there were ({@link #eventCount()},
 * {@link #queuePlaceCount()}) and says so when asked for them ({@link #recordedKept()}), rather than hold a list that
 * cannot be read.
 *
 * @param largestProfitHaircut the largest haircut as a share of profit ({@link ProfitHaircut}); NONE for a result not
 *                             made by the engine
 */
public record RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                        List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                        Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                        Map<String, Integer> rulesFired, ProfitHaircut largestProfitHaircut, int eventCount,
                        int queuePlaceCount) {

    public RunResult {
        if ((events == null) != (queues == null))
            throw new IllegalArgumentException("a result keeps both its events and its queue places, or neither");
        if (events != null && (events.size() != eventCount || queues.size() != queuePlaceCount))
            throw new IllegalArgumentException("the counts are not the lists' sizes");
    }

    /** A result that keeps what it recorded. */
    public RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                     List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                     Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                     Map<String, Integer> rulesFired, ProfitHaircut largestProfitHaircut) {
        this(events, steps, outcomes, queues, fundsEnd, badDebt, ledgerStart, ledgerEnd, rulesFired,
                largestProfitHaircut, events.size(), queues.size());
    }

    public RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                     List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                     Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                     Map<String, Integer> rulesFired) {
        this(events, steps, outcomes, queues, fundsEnd, badDebt, ledgerStart, ledgerEnd, rulesFired,
                ProfitHaircut.NONE);
    }

    /** Whether this result holds its events and queue places, or handed them to the run's listener. */
    public boolean recordedKept() { return events != null; }

    /** Every event, in the order they happened; only for a result that kept them ({@link #recordedKept()}). */
    @Override
    public List<RunEvent> events() {
        if (events == null) throw handedOver(eventCount + " events");
        return events;
    }

    /** Every queue place ranked; only for a result that kept them ({@link #recordedKept()}). */
    @Override
    public List<QueueEntry> queues() {
        if (queues == null) throw handedOver(queuePlaceCount + " queue places");
        return queues;
    }

    private static IllegalStateException handedOver(String what) {
        return new IllegalStateException("the run's " + what + " went to its listener as it ran and are not kept in"
                + " its result; read them from where the listener put them");
    }

    public BigDecimal totalBadDebt() {
        return badDebt.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }
}
