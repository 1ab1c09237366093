package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries on the results tables, as H2 plans them: each must use an index, never scan a table. A "top N by rank"
 * written as ORDER BY ... LIMIT made H2 sort a million rows (9 to 12 s in a prototype, against 1 ms for the same
 * query as a range predicate); these are written as ranges. Since
 * V2 events and queues are stored in chunks (packed since V3), found by key or through the account index (one bucket
 * row). The views run_event and run_queue unpack every chunk in a table function and are for ad-hoc SQL only.
 */
class QueryPlanTest {
    @TempDir Path folder;
    TempStore db;

    @BeforeEach
    void open() { db = new TempStore(folder); }

    @AfterEach
    void close() { db.close(); }

    private String plan(String sql, Object... params) {
        var spec = db.sql.sql("EXPLAIN " + sql);
        for (Object p : params) spec = spec.param(p);
        return spec.query(String.class).single();
    }

    @Test
    void a_ranked_queue_is_read_by_a_range_of_rank_blocks_on_the_primary_key() {
        String plan = plan(RunResultReader.QUEUE_RANGE, 1L, "BTCUSDT", 3, 1, "LONG", 0, 0);
        assertThat(plan).contains("PRIMARY_KEY").contains("RANK_BLOCK").doesNotContain("tableScan");
    }

    @Test
    void an_accounts_events_and_queue_places_are_found_by_one_index_bucket() {
        assertThat(plan(RunResultReader.INDEX_BUCKET, 1L, 17)).contains("PRIMARY_KEY").contains("BUCKET")
                .doesNotContain("tableScan");
    }

    @Test
    void an_event_chunk_is_one_primary_key_look_up() {
        assertThat(plan(RunResultReader.EVENT_CHUNK, 1L, 3)).contains("PRIMARY_KEY").contains("CHUNK_NO")
                .doesNotContain("tableScan");
    }

    @Test
    void the_rankings_of_a_run_come_from_the_primary_key() {
        assertThat(plan(RunResultReader.QUEUE_POINT_NUMBERS, 1L)).contains("PRIMARY_KEY").doesNotContain("tableScan");
    }

    @Test
    void an_outcome_is_found_in_the_one_chunk_whose_last_account_follows_it() {
        assertThat(plan(H2Runs.OUTCOME, 1L, "A000001")).contains("RUN_OUTCOME_PACK_LAST")
                .contains("index sorted").doesNotContain("tableScan");
    }

    @Test
    void the_queue_moments_of_a_market_come_from_the_primary_key() {
        assertThat(plan(RunResultReader.QUEUE_POINTS, 1L, "BTCUSDT")).contains("PRIMARY_KEY")
                .doesNotContain("tableScan");
    }

    @Test
    void a_runs_chunks_are_read_whole_through_the_primary_key() {
        assertThat(plan("SELECT data FROM run_event_pack WHERE run_id = ? ORDER BY chunk_no", 1L))
                .contains("PRIMARY_KEY").doesNotContain("tableScan");
        assertThat(plan("""
                SELECT step, round_no, market, side, data FROM run_queue_pack WHERE run_id = ?
                ORDER BY market, step, round_no, side, rank_block""", 1L))
                .contains("PRIMARY_KEY").doesNotContain("tableScan");
    }

    @Test
    void a_sets_chunks_are_read_whole_through_the_primary_key() {
        assertThat(plan("SELECT data FROM set_account_pack WHERE set_id = ? ORDER BY chunk_no", 1L))
                .contains("PRIMARY_KEY").doesNotContain("tableScan");
        assertThat(plan("SELECT data FROM set_position_pack WHERE set_id = ? ORDER BY chunk_no", 1L))
                .contains("PRIMARY_KEY").doesNotContain("tableScan");
    }
}
