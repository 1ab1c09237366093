package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries on the results tables, as H2 plans them: each must use an index, never scan a table. A "top N by rank"
 * written as ORDER BY ... LIMIT made H2 sort a million rows (../shared/STACK.md); these are written as ranges. Since
 * V2 events and queues are stored in chunks, found by key or through the account index (one bucket row).
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
    void an_outcome_is_one_primary_key_look_up() {
        assertThat(plan(H2WorkbenchStore.OUTCOME, 1L, "A000001")).contains("PRIMARY_KEY").doesNotContain("tableScan");
    }

    @Test
    void the_queue_moments_of_a_market_come_from_the_primary_key() {
        assertThat(plan(RunResultReader.QUEUE_POINTS, 1L, "BTCUSDT")).contains("PRIMARY_KEY").doesNotContain("tableScan");
    }

    @Test
    void the_compatibility_views_read_one_runs_chunks_through_the_primary_key() {
        assertThat(plan("SELECT account_id FROM run_event WHERE run_id = ? AND kind = 'ADL' ORDER BY event_no", 1L))
                .contains("RUN_EVENT_CHUNK").contains("PRIMARY_KEY").doesNotContain("RUN_EVENT_CHUNK.tableScan");
        assertThat(plan("SELECT MIN(market) FROM run_queue WHERE run_id = ?", 1L))
                .contains("RUN_QUEUE_CHUNK").contains("PRIMARY_KEY").doesNotContain("RUN_QUEUE_CHUNK.tableScan");
    }
}
