package org.deleveraging.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.run.RunRepository;

/**
 * Whole-run reads the report needs, over the repository's scans: every outcome of a run, every queue entry of a run,
 * and where ADL closed positions. The scans stream a run's stored chunks one at a time; grouping them here is faster
 * than asking the store account by account.
 */
public final class RunTables {
    private final RunRepository runs;

    public RunTables(RunRepository runs) { this.runs = runs; }

    /** Every account the run touched, by account id. */
    public List<AccountOutcome> outcomes(long runId) {
        List<AccountOutcome> out = new ArrayList<>();
        runs.scanOutcomes(runId, out::add);
        return out;
    }

    /** How many queue entries the run stored per market, by market name. */
    public Map<String, Integer> queueSizes(long runId) { return runs.queueSizes(runId); }

    /** A step and side of one market, with how many positions ADL closed there and the accounts they belonged to. */
    public record AdlCloses(int step, String side, int closes, Set<String> accounts) {}

    /**
     * Where ADL closed positions on the market, per step and side of the closed positions, in step order: one pass
     * over the run's events, which at 1M positions are 840,000 to unpack.
     */
    public List<AdlCloses> adlCloses(long runId, String market) {
        record At(int step, String side) {}
        Map<At, int[]> counts = new TreeMap<>(Comparator.comparingInt(At::step)
                .thenComparing(At::side, Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<At, Set<String>> accounts = new HashMap<>();
        runs.scanEvents(runId, e -> {
            if (e.kind() != RunEvent.Kind.ADL || !market.equals(e.market())) return;
            At at = new At(e.step(), e.side());
            counts.computeIfAbsent(at, k -> new int[1])[0]++;
            accounts.computeIfAbsent(at, k -> new TreeSet<>()).add(e.accountId());
        });
        List<AdlCloses> out = new ArrayList<>();
        counts.forEach((at, n) -> out.add(new AdlCloses(at.step(), at.side(), n[0], accounts.get(at))));
        return out;
    }

    /** Every stored queue entry of the run, in key order (market, step, round, side, rank), one at a time. */
    public void queueEntries(long runId, Consumer<QueueEntry> each) { runs.scanQueueEntries(runId, each); }
}
