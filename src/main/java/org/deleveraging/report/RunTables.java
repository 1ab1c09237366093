package org.deleveraging.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole-run reads the report needs and {@link org.deleveraging.store.WorkbenchStore} does not offer (it answers one
 * account at a time): every outcome of a run, and every queue entry of a run. Read-only, bound parameters, and each
 * query walks a table's primary key in key order, so H2 neither scans other runs nor sorts.
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
