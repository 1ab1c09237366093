package org.deleveraging.report;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** A step and side of one market, with how many positions ADL closed there. */
    public record AdlCloses(int step, String side, int closes) {}

    /** How many positions ADL closed on the market, per step and side of the closed positions, in step order. */
    public List<AdlCloses> adlCloses(long runId, String market) {
        // in the order the query over run_event gave: by step, then side
        Map<AdlCloses, int[]> counts = new TreeMap<>(Comparator.comparingInt(AdlCloses::step)
                .thenComparing(AdlCloses::side, Comparator.nullsFirst(Comparator.naturalOrder())));
        chunks.events(runId, e -> {
            if (e.kind() == RunEvent.Kind.ADL && market.equals(e.market()))
                counts.computeIfAbsent(new AdlCloses(e.step(), e.side(), 0), k -> new int[1])[0]++;
        });
        List<AdlCloses> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new AdlCloses(k.step(), k.side(), n[0])));
        return out;
    }

    /** The accounts whose positions ADL closed on the market at that step and side. */
    public Set<String> deleveraged(long runId, String market, int step, String side) {
        Set<String> out = new TreeSet<>();
        chunks.events(runId, e -> {
            if (e.kind() == RunEvent.Kind.ADL && e.step() == step && market.equals(e.market()) && side.equals(e.side()))
                out.add(e.accountId());
        });
        return out;
    }

    /** Every stored queue entry of the run, in key order (market, step, round, side, rank), one at a time. */
    public void queueEntries(long runId, Consumer<QueueEntry> each) { chunks.queueEntries(runId, each); }
}
