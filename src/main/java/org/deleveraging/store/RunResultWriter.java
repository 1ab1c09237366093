package org.deleveraging.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * Writes a run's results on one connection, committing as it goes (the run stays RUNNING, so none of it is shown
 * until the caller's last commit): per-step metrics and touched accounts' outcomes one row each, events and ranked
 * queues in chunks of array columns (see V2__compact_run_results.sql), and the account index over both.
 */
final class RunResultWriter {
    static final int EVENT_CHUNK = 1024;
    static final int QUEUE_BLOCK = 4096;
    /** Outcome rows per JDBC batch and commit. */
    private static final int OUTCOME_BATCH = 4096;
    private static final int COMMIT_ROWS = 65_536;

    private final Connection c;
    private final long runId;
    private final StoreProgress progress;
    private final AccountIndex index = new AccountIndex();
    private long total;
    private long done;
    private long committed;

    RunResultWriter(Connection c, long runId, StoreProgress progress) {
        this.c = c;
        this.runId = runId;
        this.progress = progress;
    }

    /** Writes everything and returns the number of index buckets, for the run row. */
    int write(RunResult r) throws SQLException {
        List<AccountOutcome> touched = new ArrayList<>(r.outcomes().stream().filter(AccountOutcome::touched).toList());
        total = (long) r.steps().size() + touched.size() + r.events().size() + r.queues().size();
        steps(r.steps());
        outcomes(touched);
        events(r.events());
        queues(r.queues());
        indexRows();
        progress.onRows(total, total);
        return AccountIndex.BUCKETS;
    }

    /**
     * Commits every {@link #COMMIT_ROWS} rows: each commit makes H2 write its pages out, so committing every chunk
     * cost a tenth of a 1M run; one transaction for everything would hold the whole run in H2's undo log.
     */
    private void advance(long rows) throws SQLException {
        done += rows;
        if (done - committed >= COMMIT_ROWS) {
            c.commit();
            committed = done;
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
        // in key order, so that H2 appends to the primary key instead of splitting pages all over it (a chunk of
        // rows as arrays H2 unnests measured the same: the cost is in the row inserts, not JDBC)
        touched.sort(Comparator.comparing(AccountOutcome::accountId));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_outcome (run_id, account_id, equity_start, equity_end, liquidated_notional, adl_size,
                    haircut, equity_before_haircut, profit_before_haircut, bad_debt, events)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            for (AccountOutcome o : touched) {
                ps.setLong(1, runId);
                ps.setString(2, o.accountId());
                ps.setBigDecimal(3, o.equityStart());
                ps.setBigDecimal(4, o.equityEnd());
                ps.setBigDecimal(5, o.liquidatedNotional());
                ps.setBigDecimal(6, o.adlSize());
                ps.setBigDecimal(7, o.haircut());
                ps.setBigDecimal(8, o.equityBeforeHaircut());
                ps.setBigDecimal(9, o.profitBeforeHaircut());
                ps.setBigDecimal(10, o.badDebt());
                ps.setInt(11, o.events());
                ps.addBatch();
                if (++pending == OUTCOME_BATCH) {
                    ps.executeBatch();
                    advance(pending);
                    pending = 0;
                }
            }
            ps.executeBatch();
            advance(pending);
        }
    }

    private void events(List<RunEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_event_chunk (run_id, chunk_no, entries, steps, rounds, kinds, account_ids, counterparty_ids,
                    markets, sides, sizes, prices, amounts, equities_after, rule_ids, reasons)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int from = 0; from < events.size(); from += EVENT_CHUNK) {
                int n = Math.min(EVENT_CHUNK, events.size() - from);
                Object[][] columns = new Object[13][n];
                for (int i = 0; i < n; i++) {
                    RunEvent e = events.get(from + i);
                    int eventNo = from + i;
                    if (e.accountId() == null || e.kind() == null)
                        throw new SQLException("event " + eventNo + " has no " + (e.kind() == null ? "kind" : "account"));
                    columns[0][i] = e.step();
                    columns[1][i] = e.round();
                    columns[2][i] = e.kind().name();
                    columns[3][i] = e.accountId();
                    columns[4][i] = e.counterpartyId();
                    columns[5][i] = e.market();
                    columns[6][i] = e.side();
                    columns[7][i] = e.size();
                    columns[8][i] = e.price();
                    columns[9][i] = e.amount();
                    columns[10][i] = e.equityAfter();
                    columns[11][i] = e.ruleId();
                    columns[12][i] = H2WorkbenchStore.clip(e.reason(), 1000);
                    index.event(e.accountId(), eventNo);
                    if (e.counterpartyId() != null) index.event(e.counterpartyId(), eventNo);
                }
                ps.setLong(1, runId);
                ps.setInt(2, from / EVENT_CHUNK);
                ps.setInt(3, n);
                for (int k = 0; k < columns.length; k++) ps.setObject(4 + k, columns[k]);
                ps.executeUpdate();
                advance(n);
            }
        }
    }

    /** The run's rankings in the order the engine made them, each with its places in rank order. */
    private static Map<String, List<QueueEntry>> rankings(List<QueueEntry> queues) {
        Map<String, List<QueueEntry>> out = new LinkedHashMap<>();
        for (QueueEntry q : queues)
            out.computeIfAbsent(q.market() + '\u001f' + q.step() + '\u001f' + q.round() + '\u001f' + q.side(),
                    k -> new ArrayList<>()).add(q);
        for (List<QueueEntry> places : out.values()) places.sort(Comparator.comparingInt(QueueEntry::rank));
        return out;
    }

    private void queues(List<QueueEntry> queues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO run_queue_chunk (run_id, market, step, round_no, side, rank_block, point_no, entries, ranks,
                    account_ids, sizes, scores, percentiles, rule_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int point = 0;
            for (List<QueueEntry> places : rankings(queues).values()) {
                int from = 0;
                while (from < places.size()) {
                    QueueEntry first = places.get(from);
                    if (first.rank() < 1) throw new SQLException("queue rank " + first.rank() + " is not 1-based");
                    int block = (first.rank() - 1) / QUEUE_BLOCK;
                    int to = from;
                    while (to < places.size() && (places.get(to).rank() - 1) / QUEUE_BLOCK == block) to++;
                    int n = to - from;
                    Object[][] columns = new Object[6][n];
                    for (int i = 0; i < n; i++) {
                        QueueEntry q = places.get(from + i);
                        columns[0][i] = q.rank();
                        columns[1][i] = q.accountId();
                        columns[2][i] = q.size();
                        columns[3][i] = q.score();
                        columns[4][i] = q.percentile();
                        columns[5][i] = q.ruleId();
                        index.place(q.accountId(), point, q.rank());
                    }
                    ps.setLong(1, runId);
                    ps.setString(2, first.market());
                    ps.setInt(3, first.step());
                    ps.setInt(4, first.round());
                    ps.setString(5, first.side());
                    ps.setInt(6, block);
                    ps.setInt(7, point);
                    ps.setInt(8, n);
                    for (int k = 0; k < columns.length; k++) ps.setObject(9 + k, columns[k]);
                    ps.executeUpdate();
                    advance(n);
                    from = to;
                }
                point++;
            }
        }
    }

    private void indexRows() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_account_index (run_id, bucket, entries) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (var bucket : index.encode().entrySet()) {
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
