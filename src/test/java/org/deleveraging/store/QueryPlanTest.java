package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries on the results tables, as H2 plans them: each must use an index, never scan a table. A "top N by rank"
 * written as ORDER BY ... LIMIT made H2 sort a million rows (../shared/STACK.md); these are written as ranges.
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
    void a_ranked_queue_is_read_by_a_range_on_the_primary_key() {
        String plan = plan(H2WorkbenchStore.QUEUE_RANGE, 1L, "BTCUSDT", 3, 1, "LONG", 1, 20);
        assertThat(plan).contains("PRIMARY_KEY").contains("QUEUE_RANK").doesNotContain("tableScan");
    }

    @Test
    void an_accounts_queue_places_are_found_by_the_account_index() {
        assertThat(plan(H2WorkbenchStore.QUEUE_OF_ACCOUNT, 1L, "A000001", "BTCUSDT"))
                .contains("RUN_QUEUE_ACCOUNT").doesNotContain("tableScan");
    }

    @Test
    void an_accounts_events_are_found_by_the_account_and_counterparty_indexes() {
        assertThat(plan(H2WorkbenchStore.EVENTS_OF_ACCOUNT, 1L, "A000001", 1L, "A000001"))
                .contains("RUN_EVENT_ACCOUNT").contains("RUN_EVENT_COUNTERPARTY").doesNotContain("tableScan");
    }

    @Test
    void an_outcome_is_one_primary_key_look_up() {
        assertThat(plan(H2WorkbenchStore.OUTCOME, 1L, "A000001")).contains("PRIMARY_KEY").doesNotContain("tableScan");
    }

    @Test
    void the_queue_moments_of_a_market_come_from_the_primary_key() {
        assertThat(plan(H2WorkbenchStore.QUEUE_POINTS, 1L, "BTCUSDT")).contains("PRIMARY_KEY").doesNotContain("tableScan");
    }
}
