package org.deleveraging.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * Writes a run's results on one connection, committing as it goes (the run stays RUNNING, so none of it is shown
 * until the caller's last commit): per-step metrics one row each; touched accounts' outcomes, events and ranked
 * queues in packed chunks ({@link ResultChunks}, V3__packed_run_results); and the account index over events and
 * queue places.
 */
final class RunResultWriter {
    static final int EVENT_CHUNK = ResultChunks.EVENTS;
    static final int QUEUE_BLOCK = ResultChunks.PLACES;
    static final int OUTCOME_CHUNK = ResultChunks.OUTCOMES;
    private static final int COMMIT_ROWS = 65_536;
    private static final int COMMIT_BYTES = 16 << 20;

    private final Connection c;
    private final long runId;
    private final StoreProgress progress;
    private AccountIndex index;
    private long total;
    private long done;
    private long committed;
    private long bytes;
    private long bytesCommitted;

    RunResultWriter(Connection c, long runId, StoreProgress progress) {
        this.c = c;
        this.runId = runId;
        this.progress = progress;
    }

    /** Writes everything and returns the number of index buckets, for the run row. */
    int write(RunResult r) throws SQLException { return write(r, null); }

    /**
     * As {@link #write(RunResult)}, with the events, the queues and the account index packed while the run went on
     * ({@link RunPacker}; null: none were). Either way the same rows are written.
     */
    int write(RunResult r, RunPacker.Packed packed) throws SQLException {
        List<AccountOutcome> touched = new ArrayList<>(r.outcomes().stream().filter(AccountOutcome::touched).toList());
        total = (long) r.steps().size() + touched.size() + r.events().size() + r.queues().size();
        if (packed != null) {
            steps(r.steps());
            outcomes(touched);
            packedEvents(packed.events());
            packedQueues(packed.queues());
            indexRows(join(packed.buckets()));
            progress.onRows(total, total);
            return AccountIndex.BUCKETS;
        }
        Collection<List<QueueEntry>> rankings = rankings(r.queues()).values();
        index = new AccountIndex(2 * r.events().size(), r.queues().size());
        // the index is most of the CPU a run's store takes: built on the other core while the chunks are written
        indexEvents(r.events());
        indexPlaces(rankings);
        CompletableFuture<Map<Integer, byte[]>> buckets = CompletableFuture.supplyAsync(index::encode);
        steps(r.steps());
        outcomes(touched);
        events(r.events());
        queues(rankings);
        indexRows(buckets.join());
        progress.onRows(total, total);
        return AccountIndex.BUCKETS;
    }

    private void indexEvents(List<RunEvent> events) throws SQLException {
        for (int eventNo = 0; eventNo < events.size(); eventNo++) {
            RunEvent e = events.get(eventNo);
            if (e.accountId() == null || e.kind() == null)
                throw new SQLException("event " + eventNo + " has no " + (e.kind() == null ? "kind" : "account"));
            index.event(e.accountId(), eventNo);
            if (e.counterpartyId() != null) index.event(e.counterpartyId(), eventNo);
        }
    }

    private void indexPlaces(Collection<List<QueueEntry>> rankings) throws SQLException {
        int point = 0;
        for (List<QueueEntry> places : rankings) {
            for (QueueEntry q : places) {
                if (q.rank() < 1) throw new SQLException("queue rank " + q.rank() + " is not 1-based");
                index.place(q.accountId(), point, q.rank());
            }
            point++;
        }
    }

    private void advance(long rows) throws SQLException { advance(rows, 0); }

    /**
     * Commits every {@link #COMMIT_ROWS} rows (steps) or {@link #COMMIT_BYTES} of packed chunks: each commit makes H2
     * write its pages out, so committing every chunk cost a tenth of a 1M run; one transaction for everything would
     * hold the whole run in H2's undo log.
     */
    private void advance(long rows, int packedBytes) throws SQLException {
        done += rows;
        bytes += packedBytes;
        if (packedBytes == 0 ? done - committed >= COMMIT_ROWS : bytes - bytesCommitted >= COMMIT_BYTES) {
            c.commit();
            committed = done;
            bytesCommitted = bytes;
        }
        progress.onRows(done, total);
    }

    private void steps(List<StepMetrics> steps) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_step (run_id, step, marks, rounds, round_cap_hit, liquidations, liquidation_notional,
                    shortfall, fund_balance, fund_paid, backstop_equity, adl_count, adl_notional, adl_haircut,
                    adl_covered, adl_profit_closed, socialized, bad_debt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (StepMetrics m : steps) {
                ps.setLong(1, runId);
                ps.setInt(2, m.step());
                ps.setString(3, H2WorkbenchStore.marks(m.marks()));
                ps.setInt(4, m.rounds());
                ps.setBoolean(5, m.roundCapHit());
                ps.setInt(6, m.liquidations());
                ps.setBigDecimal(7, m.liquidationNotional());
                ps.setBigDecimal(8, m.shortfall());
                ps.setBigDecimal(9, m.fundBalance());
                ps.setBigDecimal(10, m.fundPaid());
                ps.setBigDecimal(11, m.backstopEquity());
                ps.setInt(12, m.adlCount());
                ps.setBigDecimal(13, m.adlNotional());
                ps.setBigDecimal(14, m.adlHaircut());
                ps.setBigDecimal(15, m.adlCovered());
                ps.setBigDecimal(16, m.adlProfitClosed());
                ps.setBigDecimal(17, m.socialized());
                ps.setBigDecimal(18, m.badDebt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        advance(steps.size());
    }

    private void outcomes(List<AccountOutcome> touched) throws SQLException {
        // in account id order, so that a look-up finds an account's chunk by the chunk's last id
        touched.sort(Comparator.comparing(AccountOutcome::accountId));
        ChunkEncoder packer = new ChunkEncoder();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_outcome_pack (run_id, chunk_no, entries, last_account, data) VALUES (?, ?, ?, ?, ?)")) {
            for (int from = 0; from < touched.size(); from += OUTCOME_CHUNK) {
                int n = Math.min(OUTCOME_CHUNK, touched.size() - from);
                String last = touched.get(from + n - 1).accountId();
                if (from + n < touched.size() && last.equals(touched.get(from + n).accountId()))
                    throw new SQLException("account " + last + " has two outcomes");
                byte[] data = ResultChunks.outcomes(packer, touched, from, n);
                ps.setLong(1, runId);
                ps.setInt(2, from / OUTCOME_CHUNK);
                ps.setInt(3, n);
                ps.setString(4, last);
                ps.setBytes(5, data);
                ps.executeUpdate();
                advance(n, data.length);
            }
        }
    }

    private void events(List<RunEvent> events) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_event_pack (run_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            for (int from = 0; from < events.size(); from += EVENT_CHUNK) {
                int n = Math.min(EVENT_CHUNK, events.size() - from);
                byte[] data = ResultChunks.events(packer, events, from, n);
                ps.setLong(1, runId);
                ps.setInt(2, from / EVENT_CHUNK);
                ps.setInt(3, n);
                ps.setBytes(4, data);
                ps.executeUpdate();
                advance(n, data.length);
            }
        }
    }

    private void packedEvents(List<RunPacker.EventChunk> chunks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_event_pack (run_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            for (int no = 0; no < chunks.size(); no++) {
                RunPacker.EventChunk chunk = chunks.get(no);
                ps.setLong(1, runId);
                ps.setInt(2, no);
                ps.setInt(3, chunk.entries());
                ps.setBytes(4, chunk.data());
                ps.executeUpdate();
                advance(chunk.entries(), chunk.data().length);
            }
        }
    }

    private void packedQueues(List<RunPacker.QueueChunk> chunks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUEUE_INSERT)) {
            for (RunPacker.QueueChunk q : chunks) {
                queueRow(ps, q.market(), q.step(), q.round(), q.side(), q.block(), q.point(), q.entries(), q.data());
                advance(q.entries(), q.data().length);
            }
        }
    }

    private static Map<Integer, byte[]> join(java.util.concurrent.Future<Map<Integer, byte[]>> buckets) throws SQLException {
        try {
            return buckets.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while indexing the run's accounts", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SQLException("could not index the run's accounts", e.getCause());
        }
    }

    /** One ranking of a run: a market side at a step and round. */
    private record Ranking(String market, int step, int round, String side) {
        static Ranking of(QueueEntry q) { return new Ranking(q.market(), q.step(), q.round(), q.side()); }

        boolean holds(QueueEntry q) {
            return step == q.step() && round == q.round() && Objects.equals(market, q.market()) && Objects.equals(side, q.side());
        }
    }

    /**
     * The run's rankings in the order the engine made them, each with its places in rank order, as views of the
     * queue list by position: a run's queue list builds each entry when it is read (engine/QueueLog), and holding
     * its 2.24M places as objects for the whole write was a tenth of the heap of a 1M run.
     */
    private static Map<Ranking, List<QueueEntry>> rankings(List<QueueEntry> queues) {
        Map<Ranking, Places> out = new LinkedHashMap<>();
        Ranking current = null;
        Places places = null;
        for (int i = 0; i < queues.size(); i++) {
            QueueEntry q = queues.get(i);
            // a ranking's places come one after another: look the ranking up only when it changes
            if (current == null || !current.holds(q)) {
                current = Ranking.of(q);
                places = out.computeIfAbsent(current, k -> new Places(queues));
            }
            places.add(i, q.rank());
        }
        Map<Ranking, List<QueueEntry>> ranked = new LinkedHashMap<>();
        out.forEach((ranking, p) -> ranked.put(ranking, p.inRankOrder()));
        return ranked;
    }

    /** Where one ranking's places are in the queue list. */
    private static final class Places extends java.util.AbstractList<QueueEntry> {
        private final List<QueueEntry> queues;
        private int[] at = new int[16];
        private int size;
        private boolean ascending = true;
        private int lastRank = Integer.MIN_VALUE;

        Places(List<QueueEntry> queues) { this.queues = queues; }

        void add(int position, int rank) {
            if (size == at.length) at = java.util.Arrays.copyOf(at, size * 2);
            at[size++] = position;
            ascending &= rank > lastRank;
            lastRank = rank;
        }

        /** The engine records a ranking best first; a list made otherwise is sorted here. */
        List<QueueEntry> inRankOrder() {
            if (ascending) return this;
            List<QueueEntry> sorted = new ArrayList<>(this);
            sorted.sort(Comparator.comparingInt(QueueEntry::rank));
            return sorted;
        }

        @Override public QueueEntry get(int i) {
            java.util.Objects.checkIndex(i, size);
            return queues.get(at[i]);
        }

        @Override public int size() { return size; }
    }

    private void queues(Collection<List<QueueEntry>> rankings) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (PreparedStatement ps = c.prepareStatement(QUEUE_INSERT)) {
            int point = 0;
            for (List<QueueEntry> places : rankings) {
                int from = 0;
                while (from < places.size()) {
                    QueueEntry first = places.get(from);
                    int block = (first.rank() - 1) / QUEUE_BLOCK;
                    int to = from;
                    while (to < places.size() && (places.get(to).rank() - 1) / QUEUE_BLOCK == block) to++;
                    int n = to - from;
                    byte[] data = ResultChunks.places(packer, places, from, n);
                    queueRow(ps, first.market(), first.step(), first.round(), first.side(), block, point, n, data);
                    advance(n, data.length);
                    from = to;
                }
                point++;
            }
        }
    }

    private static final String QUEUE_INSERT = """
            INSERT INTO run_queue_pack (run_id, market, step, round_no, side, rank_block, point_no, entries, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private void queueRow(PreparedStatement ps, String market, int step, int round, String side, int block, int point,
                          int entries, byte[] data) throws SQLException {
        ps.setLong(1, runId);
        ps.setString(2, market);
        ps.setInt(3, step);
        ps.setInt(4, round);
        ps.setString(5, side);
        ps.setInt(6, block);
        ps.setInt(7, point);
        ps.setInt(8, entries);
        ps.setBytes(9, data);
        ps.executeUpdate();
    }

    private void indexRows(Map<Integer, byte[]> buckets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_account_index (run_id, bucket, entries) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (var bucket : buckets.entrySet()) {
                ps.setLong(1, runId);
                ps.setInt(2, bucket.getKey());
                ps.setBytes(3, bucket.getValue());
                ps.addBatch();
                if (++pending == 64) {
                    ps.executeBatch();
                    c.commit();
                    pending = 0;
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
