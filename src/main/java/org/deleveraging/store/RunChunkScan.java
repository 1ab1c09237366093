package org.deleveraging.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole-run reads of the packed chunks, for reports that need every outcome, event or queue place of a run: one query
 * over the primary key's leading run id, each chunk unpacked in Java as it arrives. Reading a view ({@code run_event},
 * {@code run_queue}) instead would unpack every run's chunks in H2 before filtering.
 */
final class RunChunkScan {
    private final JdbcClient jdbc;

    RunChunkScan(DataSource dataSource) { this.jdbc = JdbcClient.create(dataSource); }

    /** Every account the run touched, with its outcome, in account id order. */
    void outcomes(long runId, Consumer<AccountOutcome> each) {
        jdbc.sql("SELECT data FROM run_outcome_pack WHERE run_id = ? ORDER BY chunk_no").param(runId)
                .query(rs -> { ResultChunks.outcomes(rs.getBytes(1)).forEach(each); });
    }

    /** Every event of the run, in the order the engine recorded them. */
    void events(long runId, Consumer<RunEvent> each) {
        jdbc.sql("SELECT data FROM run_event_pack WHERE run_id = ? ORDER BY chunk_no").param(runId)
                .query(rs -> { ResultChunks.events(rs.getBytes(1)).forEach(each); });
    }

    /** Every stored queue place of the run, in key order (market, step, round, side, rank). */
    void queueEntries(long runId, Consumer<QueueEntry> each) {
        jdbc.sql("""
                        SELECT step, round_no, market, side, data FROM run_queue_pack WHERE run_id = ?
                        ORDER BY market, step, round_no, side, rank_block""").param(runId)
                .query(rs -> { RunResultReader.places(rs).forEach(each); });
    }

    /** How many queue places the run stored per market, by market name, without unpacking any. */
    Map<String, Integer> queueSizes(long runId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.sql("SELECT market, SUM(entries) FROM run_queue_pack WHERE run_id = ? GROUP BY market ORDER BY market")
                .param(runId).query(rs -> { out.put(rs.getString(1), rs.getInt(2)); });
        return out;
    }
}
