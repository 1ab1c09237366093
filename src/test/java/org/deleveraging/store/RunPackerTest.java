package org.deleveraging.store;

import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store packs a run from the engine's columns as it would from plain lists of events and places, byte for byte:
 * the demo book under the 10-Oct crash, whose events and queues span several chunks, rank blocks and rankings.
 */
class RunPackerTest {
    private static final List<String> TABLES = List.of("run_step", "run_outcome_pack", "run_event_pack",
            "run_queue_pack", "run_account_index");
    private static final Policy BITMEX = Fixtures.policy("bitmex");

    private static RunResult result;

    @TempDir Path folder;
    TempStore db;

    @BeforeAll
    static void runTheCrashOnce() {
        Scenario oct10 = ScenarioCatalog.load("oct-10");
        result = new Engine().run(BITMEX.settings(), BITMEX.newDecisions(), DemoData.accountSet(), oct10, oct10.seed(),
                RunListener.NONE);
    }

    @BeforeEach
    void open() { db = new TempStore(folder); }

    @AfterEach
    void close() { db.close(); }

    @Test
    void a_run_read_from_the_engines_columns_is_stored_as_the_same_bytes_as_the_same_run_held_as_objects() {
        long fromColumns = save(result);
        long fromObjects = save(withLists(copies(result.events()), new ArrayList<>(result.queues())));
        assertThat(db.rows("run_event_pack")).as("several chunks each").isGreaterThanOrEqualTo(2 * 3);
        assertThat(result.queues().size()).as("several rank blocks").isGreaterThan(ResultChunks.PLACES);
        for (String table : TABLES) assertThat(rows(table, fromColumns)).as(table).isNotEmpty()
                .isEqualTo(rows(table, fromObjects));
        assertThat(db.store.events(fromColumns, "A000042")).isNotEmpty()
                .isEqualTo(db.store.events(fromObjects, "A000042"));
    }

    @Test
    void places_listed_worst_first_are_stored_best_first_as_the_engine_lists_them() {
        long asRanked = save(result);
        // each ranking where it is, its places from the last to the first
        Map<List<Object>, Integer> rankingNo = new HashMap<>();
        for (QueueEntry q : result.queues())
            rankingNo.putIfAbsent(List.of(q.step(), q.round(), q.market(), q.side()), rankingNo.size());
        List<QueueEntry> reversed = new ArrayList<>(result.queues());
        reversed.sort(Comparator.comparing((QueueEntry q) -> rankingNo.get(List.of(q.step(), q.round(), q.market(),
                q.side()))).thenComparing(QueueEntry::rank, Comparator.reverseOrder()));
        assertThat(reversed).isNotEqualTo(result.queues());
        long fromReversed = save(withLists(result.events(), reversed));
        for (String table : List.of("run_queue_pack", "run_account_index"))
            assertThat(rows(table, fromReversed)).as(table).isNotEmpty().isEqualTo(rows(table, asRanked));
    }

    @Test
    void a_run_of_more_chunks_than_one_packing_task_takes_stores_each_chunk_as_one_encoder_would_in_order() {
        List<RunEvent> many = new ArrayList<>();
        while (many.size() < 50 * ResultChunks.EVENTS) many.addAll(result.events());
        long id = save(withLists(many, result.queues()));
        List<String> expected = new ArrayList<>();
        ChunkEncoder one = new ChunkEncoder();
        for (int from = 0; from < many.size(); from += ResultChunks.EVENTS)
            expected.add(HexFormat.of().formatHex(ResultChunks.events(one, many, from,
                    Math.min(ResultChunks.EVENTS, many.size() - from))));
        List<String> stored = db.sql.sql("SELECT data FROM run_event_pack WHERE run_id = ? ORDER BY chunk_no")
                .param(id).query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1))).list();
        assertThat(stored).as("more chunks than one task packs").hasSizeGreaterThan(RunPacker.CHUNKS_PER_TASK)
                .isEqualTo(expected);
    }

    @Test
    void a_run_cancelled_while_it_is_packed_stops_there_and_leaves_no_rows() {
        List<RunEvent> many = new ArrayList<>();
        while (many.size() < 50 * ResultChunks.EVENTS) many.addAll(result.events());
        List<Long> calls = new ArrayList<>();
        StoreProgress cancelled = (done, total) -> {
            calls.add(done);
            if (calls.size() == 3) throw new IllegalStateException("cancelled");
        };
        assertThatThrownBy(() -> save(withLists(many, result.queues()), cancelled)).hasMessage("cancelled");
        assertThat(calls).as("called while packing, before anything was written").containsExactly(0L, 0L, 0L);
        assertThat(db.store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event_pack") + db.rows("run_step")).isZero();
    }

    @Test
    void an_event_the_store_cannot_take_fails_the_save_and_leaves_no_rows() {
        RunEvent broken = new RunEvent(0, 1, RunEvent.Kind.ADL, null, null, "BTCUSDT", "LONG", BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, "R", "x");
        List<RunEvent> events = new ArrayList<>(result.events());
        events.add(broken);
        assertThatThrownBy(() -> save(withLists(events, result.queues()))).isInstanceOf(StoreException.class)
                .hasRootCauseMessage("event " + result.events().size() + " has no account");
        assertThat(db.store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event_pack") + db.rows("run_queue_pack")).isZero();
    }

    /** Each event as an object of its own, its reason written out. */
    private static List<RunEvent> copies(List<RunEvent> events) {
        List<RunEvent> out = new ArrayList<>(events.size());
        for (RunEvent e : events)
            out.add(new RunEvent(e.step(), e.round(), e.kind(), e.accountId(), e.counterpartyId(), e.market(),
                    e.side(), e.size(), e.price(), e.amount(), e.equityAfter(), e.ruleId(), e.reason()));
        return out;
    }

    private static RunResult withLists(List<RunEvent> events, List<QueueEntry> places) {
        return new RunResult(events, result.steps(), result.outcomes(), places, result.fundsEnd(), result.badDebt(),
                result.ledgerStart(), result.ledgerEnd(), result.rulesFired(), result.largestProfitHaircut());
    }

    private long save(RunResult r) { return save(r, StoreProgress.NONE); }

    private long save(RunResult r, StoreProgress progress) {
        RunProvenance p = new RunProvenance("bitmex", BITMEX.version(), BITMEX.hash(), null, "demo", "f".repeat(64),
                "oct-10", "e".repeat(64), "name: oct-10", 7, "0.1.0", TempStore.NOW);
        RunSummary s = new RunSummary(1, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0, null, 0, null, 1,
                "", "d".repeat(64), 1, 1);
        return db.store.saveRun(p, BITMEX.files(), java.util.concurrent.CompletableFuture.completedFuture(s), r,
                progress);
    }

    /** Every column but the run id of a run's rows in one of its tables, as text, sorted. */
    private List<String> rows(String table, long runId) {
        return db.sql.sql("SELECT * FROM " + table + " WHERE run_id = ?").param(runId).query((rs, n) -> {
            StringBuilder b = new StringBuilder();
            for (int c = 2; c <= rs.getMetaData().getColumnCount(); c++) {
                Object v = rs.getObject(c);
                b.append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(v)).append('|');
            }
            return b.toString();
        }).list().stream().sorted().toList();
    }
}
