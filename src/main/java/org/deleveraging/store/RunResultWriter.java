package org.deleveraging.store;

import org.deleveraging.accounts.StoreProgress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.AccountOutcome;
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
    int write(RunResult r) throws SQLException {
        List<AccountOutcome> touched = new ArrayList<>(r.outcomes().stream().filter(AccountOutcome::touched).toList());
        total = (long) r.steps().size() + touched.size() + r.events().size() + r.queues().size();
        // nothing written while it packs: the progress says so, and a cancelled run stops there
        RunPacker.Packed packed = RunPacker.pack(r, () -> progress.onRows(0, total));
        steps(r.steps());
        outcomes(touched);
        events(packed.events());
        queues(packed.queues());
        indexRows(packed.buckets());
        progress.onRows(total, total);
        return AccountIndex.BUCKETS;
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
                ps.setString(3, Db.marks(m.marks()));
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
                "INSERT INTO run_outcome_pack (run_id, chunk_no, entries, last_account, data) VALUES (?, ?, "
                + "?, ?, ?)")) {
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

    private void events(List<RunPacker.EventChunk> chunks) throws SQLException {
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

    private void queues(List<RunPacker.QueueChunk> chunks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_queue_pack (run_id, market, step, round_no, side, rank_block, point_no, entries, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (RunPacker.QueueChunk q : chunks) {
                ps.setLong(1, runId);
                ps.setString(2, q.market());
                ps.setInt(3, q.step());
                ps.setInt(4, q.round());
                ps.setString(5, q.side());
                ps.setInt(6, q.block());
                ps.setInt(7, q.point());
                ps.setInt(8, q.entries());
                ps.setBytes(9, q.data());
                ps.executeUpdate();
                advance(q.entries(), q.data().length);
            }
        }
    }

    private void indexRows(Map<Integer, byte[]> buckets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_account_index (run_id, bucket, entries) VALUES (?, ?, ?)")) {
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
