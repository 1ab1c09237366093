package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The full account of a run: what happened, step by step and account by account, and the books at the end. */
public record RunResult(List<RunEvent> events, List<StepMetrics> steps, List<AccountOutcome> outcomes,
                        List<QueueEntry> queues, Map<String, BigDecimal> fundsEnd, Map<String, BigDecimal> badDebt,
                        Map<String, LedgerSnapshot> ledgerStart, Map<String, LedgerSnapshot> ledgerEnd,
                        Map<String, Integer> rulesFired) {

    public BigDecimal totalBadDebt() {
        return badDebt.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }
}
