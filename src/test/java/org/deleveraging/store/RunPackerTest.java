package org.deleveraging.store;

import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
 * A run packed while the engine goes on is stored as the same rows, byte for byte, as the finished result packed
 * afterwards: the demo book under the 10-Oct crash, whose events and queues span several chunks, rank blocks and
 * rankings, handed over round by round.
 */
class RunPackerTest {
    private static final List<String> TABLES = List.of("run_step", "run_outcome_pack", "run_event_pack",
            "run_queue_pack", "run_account_index");
    private static final Policy BITMEX = Fixtures.policy("bitmex");

    private static RunResult result;
    /**
     * The same run with a listener that took its events and places, as the workbench's run does: its result keeps none.
     */
    private static RunResult notKept;
    /** What the engine handed over, round by round. */
    private static final List<List<RunEvent>> handedEvents = new ArrayList<>();
    private static final List<List<QueueEntry>> handedPlaces = new ArrayList<>();

    @TempDir Path folder;
    TempStore db;

    @BeforeAll
    static void runTheCrashOnce() {
        Scenario oct10 = ScenarioCatalog.load("oct-10");
        result = new Engine().run(BITMEX.settings(), BITMEX.newDecisions(), DemoData.accountSet(), oct10, oct10.seed(),
                new RunListener() {
                    @Override public void onStep(int done, int total) {}

                    @Override public void onRecorded(List<RunEvent> events, List<QueueEntry> places) {
                        handedEvents.add(events);
                        handedPlaces.add(places);
                    }
                });
        notKept = new Engine().run(BITMEX.settings(), BITMEX.newDecisions(), DemoData.accountSet(), oct10, oct10.seed(),
                new RunListener() {
                    @Override public void onStep(int done, int total) {}

                    @Override public boolean keepRecorded() { return false; }
                });
    }

    @BeforeEach
    void open() { db = new TempStore(folder); }

    @AfterEach
    void close() { db.close(); }

    @Test
    void the_engine_hands_over_every_event_and_place_once_in_order_and_each_ranking_whole() {
        assertThat(handedEvents.size()).isGreaterThan(5);
        assertThat(handedEvents.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(result.events());
        List<QueueEntry> places = handedPlaces.stream().flatMap(List::stream).toList();
        assertThat(places).containsExactlyElementsOf(result.queues());
        assertThat(result.queues().size()).isGreaterThan(ResultChunks.PLACES);
        for (List<QueueEntry> handed : handedPlaces)
            if (!handed.isEmpty()) assertThat(handed.get(0).rank()).as("a handed-over list starts a ranking")
                    .isEqualTo(1);
    }

    @Test
    void a_run_packed_as_it_went_is_stored_as_the_same_bytes_as_one_packed_afterwards() {
        long afterwards = save(null);
        long asItWent;
        try (RunPacker packer = fed(handedEvents, handedPlaces)) {
            asItWent = save(packer);
        }
        assertThat(db.rows("run_event_pack")).as("several chunks each").isGreaterThanOrEqualTo(2 * 3);
        for (String table : TABLES) assertThat(rows(table, asItWent)).as(table).isNotEmpty()
                .isEqualTo(rows(table, afterwards));
        assertThat(db.store.events(asItWent, "A000042")).isEqualTo(db.store.events(afterwards, "A000042"));
    }

    @Test
    void a_packer_fed_something_else_than_the_result_is_ignored_and_the_result_stored_as_it_is() {
        long afterwards = save(null);
        long fedHalf;
        try (RunPacker packer = fed(handedEvents.subList(0, handedEvents.size() / 2), handedPlaces)) {
            fedHalf = save(packer);
        }
        for (String table : TABLES) assertThat(rows(table, fedHalf)).as(table).isEqualTo(rows(table, afterwards));
    }

    @Test
    void a_result_that_did_not_keep_its_events_and_places_is_stored_from_what_was_packed_as_the_same_bytes() {
        long afterwards = save(null);
        long fromPacked;
        try (RunPacker packer = fed(handedEvents, handedPlaces)) {
            fromPacked = save(packer, notKept);
        }
        assertThat(notKept.recordedKept()).isFalse();
        assertThat(notKept.eventCount()).isEqualTo(result.events().size());
        assertThat(notKept.queuePlaceCount()).isEqualTo(result.queues().size());
        assertThatThrownBy(notKept::events).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(result.events().size() + " events went to its listener");
        assertThatThrownBy(notKept::queues).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(result.queues().size() + " queue places went to its listener");
        assertThat(notKept.toString()).as("a result printed in a log").contains("eventCount=" + result.events().size());
        for (String table : TABLES) assertThat(rows(table, fromPacked)).as(table).isNotEmpty()
                .isEqualTo(rows(table, afterwards));
    }

    @Test
    void a_result_that_did_not_keep_its_events_is_refused_when_the_packer_missed_some_and_leaves_no_rows() {
        try (RunPacker packer = fed(handedEvents.subList(0, handedEvents.size() / 2), handedPlaces)) {
            assertThatThrownBy(() -> save(packer, notKept)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("what it packed is not the run's")
                    .hasMessageContaining("the run has " + result.events().size());
        }
        assertThat(db.store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event_pack") + db.rows("run_queue_pack")).isZero();
    }

    @Test
    void an_event_the_store_cannot_take_fails_the_save_and_leaves_no_rows() {
        RunEvent broken = new RunEvent(0, 1, RunEvent.Kind.ADL, null, null, "BTCUSDT", "LONG", BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, "R", "x");
        List<RunEvent> events = new ArrayList<>(result.events());
        events.add(broken);
        RunResult bad = new RunResult(events, result.steps(), result.outcomes(), result.queues(), result.fundsEnd(),
                result.badDebt(), result.ledgerStart(), result.ledgerEnd(), result.rulesFired());
        try (RunPacker packer = new RunPacker()) {
            packer.add(events, result.queues());
            assertThatThrownBy(() -> save(packer, bad)).isInstanceOf(StoreException.class)
                    .hasRootCauseMessage("event " + result.events().size() + " has no account");
        }
        assertThat(db.store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event_pack") + db.rows("run_queue_pack")).isZero();
    }

    private static RunPacker fed(List<List<RunEvent>> events, List<List<QueueEntry>> places) {
        RunPacker packer = new RunPacker();
        for (int i = 0; i < Math.max(events.size(), places.size()); i++)
            packer.add(i < events.size() ? events.get(i) : List.of(), i < places.size() ? places.get(i) : List.of());
        return packer;
    }

    private long save(RunPacker packer) { return save(packer, result); }

    private long save(RunPacker packer, RunResult r) {
        RunProvenance p = new RunProvenance("bitmex", BITMEX.version(), BITMEX.hash(), null, "demo", "f".repeat(64),
                "oct-10", "e".repeat(64), "name: oct-10", 7, "0.1.0", TempStore.NOW);
        RunSummary s = new RunSummary(1, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0, null, 0, null, 1,
                "", "d".repeat(64), 1, 1);
        return db.store.saveRun(p, BITMEX.files(), java.util.concurrent.CompletableFuture.completedFuture(s), r, packer,
                StoreProgress.NONE);
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
