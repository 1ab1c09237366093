package org.deleveraging.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole-run reads the report needs and {@link org.deleveraging.store.WorkbenchStore} does not offer (it answers one
 * account at a time): every outcome of a run, every queue entry of a run, and where ADL closed positions. Read-only,
 * bound parameters; each query reads one run's rows through the leading {@code run_id} column of a table's primary
 * key, so H2 never scans other runs.
 */
public final class RunTables {
    private final JdbcClient jdbc;

    public RunTables(DataSource dataSource) { this.jdbc = JdbcClient.create(dataSource); }

    /** Every account the run touched, by account id. */
    public List<AccountOutcome> outcomes(long runId) {
        return jdbc.sql("""
                        SELECT account_id, equity_start, equity_end, liquidated_notional, adl_size, haircut,
                               equity_before_haircut, profit_before_haircut, bad_debt, events
                        FROM run_outcome WHERE run_id = ? ORDER BY account_id""").param(runId)
                .query((rs, i) -> new AccountOutcome(rs.getString(1), dec(rs, 2), dec(rs, 3), dec(rs, 4), dec(rs, 5),
                        dec(rs, 6), dec(rs, 7), dec(rs, 8), dec(rs, 9), rs.getInt(10)))
                .list();
    }

    /** How many queue entries the run stored per market, by market name. */
    public Map<String, Integer> queueSizes(long runId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.sql("SELECT market, COUNT(*) FROM run_queue WHERE run_id = ? GROUP BY market ORDER BY market").param(runId)
                .query(rs -> { out.put(rs.getString(1), rs.getInt(2)); });
        return out;
    }

    /** A step and side of one market, with how many positions ADL closed there. */
    public record AdlCloses(int step, String side, int closes) {}

    /** How many positions ADL closed on the market, per step and side of the closed positions, in step order. */
    public List<AdlCloses> adlCloses(long runId, String market) {
        return jdbc.sql("""
                        SELECT step, side, COUNT(*) FROM run_event WHERE run_id = ? AND kind = 'ADL' AND market = ?
                        GROUP BY step, side ORDER BY step, side""").param(runId).param(market)
                .query((rs, i) -> new AdlCloses(rs.getInt(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** The accounts whose positions ADL closed on the market at that step and side. */
    public Set<String> deleveraged(long runId, String market, int step, String side) {
        return new TreeSet<>(jdbc.sql("""
                        SELECT DISTINCT account_id FROM run_event
                        WHERE run_id = ? AND kind = 'ADL' AND market = ? AND step = ? AND side = ?""")
                .param(runId).param(market).param(step).param(side).query(String.class).list());
    }

    /** Every stored queue entry of the run, in key order (market, step, round, side, rank), one at a time. */
    public void queueEntries(long runId, Consumer<QueueEntry> each) {
        jdbc.sql("""
                        SELECT step, round_no, market, side, queue_rank, account_id, size, score, percentile, rule_id
                        FROM run_queue WHERE run_id = ? ORDER BY market, step, round_no, side, queue_rank""").param(runId)
                .query(rs -> {
                    each.accept(new QueueEntry(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), dec(rs, 7), rs.getDouble(8), rs.getInt(9), rs.getString(10)));
                });
    }

    private static BigDecimal dec(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : Money.clean(v);
    }
}
