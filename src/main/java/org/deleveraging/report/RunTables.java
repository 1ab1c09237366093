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

import javax.sql.DataSource;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.store.RunChunkScan;

/**
 * Whole-run reads the report needs and {@link org.deleveraging.store.WorkbenchStore} does not offer (it answers one
 * account at a time): every outcome of a run, every queue entry of a run, and where ADL closed positions. Outcomes,
 * events and queue places are packed chunks, read one run at a time through the leading {@code run_id} of their
 * primary key and unpacked by {@link RunChunkScan}: grouping them in Java is faster than SQL over the views
 * ({@code run_event} ...), which unpack every run's chunks.
 */
public final class RunTables {
    private final RunChunkScan chunks;

    public RunTables(DataSource dataSource) { this.chunks = new RunChunkScan(dataSource); }

    /** Every account the run touched, by account id. */
    public List<AccountOutcome> outcomes(long runId) {
        List<AccountOutcome> out = new ArrayList<>();
        chunks.outcomes(runId, out::add);
        return out;
    }

    /** How many queue entries the run stored per market, by market name. */
    public Map<String, Integer> queueSizes(long runId) { return chunks.queueSizes(runId); }

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
        chunks.events(runId, e -> {
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
    public void queueEntries(long runId, Consumer<QueueEntry> each) { chunks.queueEntries(runId, each); }
}
