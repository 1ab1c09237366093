package org.deleveraging.store;

import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.OutcomeSpread;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.policy.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of BitMEX's published ADL example (https://www.bitmex.com/app/autoDeleveragingExamples), written to a temporary
 * H2 and read back.
 */
class RunStoreTest {
    @TempDir Path folder;
    TempStore db;
    H2WorkbenchStore store;

    final Policy bitmex = policy("bitmex");
    final AccountSet sixLongs = set(linear("XBTUSD"),
            cross("acct1", "120", pos("XBTUSD", Side.LONG, "10", "650")),
            cross("acct2", "10", pos("XBTUSD", Side.LONG, "10", "650")),
            cross("acct3", "1120", pos("XBTUSD", Side.LONG, "20", "650")),
            cross("acct4", "195", pos("XBTUSD", Side.LONG, "30", "650")),
            cross("acct5", "64", pos("XBTUSD", Side.LONG, "20", "650")),
            cross("acct6", "230", pos("XBTUSD", Side.LONG, "10", "650")),
            cross("short", "1000", pos("XBTUSD", Side.SHORT, "20", "600")),
            cross("bystander", "50"));
    final RunResult result = run(bitmex, sixLongs, marks("XBTUSD", Map.of("XBTUSD", d(0)), "660"));

    @BeforeEach
    void open() {
        db = new TempStore(folder);
        store = db.store;
    }

    @AfterEach
    void close() { db.close(); }

    private long save(String setName) { return save(setName, result); }

    /** The same run, as if it had left the account alone. */
    private long saveWithout(String accountId) {
        RunResult r = new RunResult(result.events(), result.steps(),
                result.outcomes().stream().filter(o -> !o.accountId().equals(accountId)).toList(), result.queues(),
                result.fundsEnd(), result.badDebt(), result.ledgerStart(), result.ledgerEnd(), result.rulesFired());
        return save("six-longs", r);
    }

    private long save(String setName, RunResult result) {
        RunProvenance p = new RunProvenance("bitmex", bitmex.version(), bitmex.hash(), null, setName, "f".repeat(64),
                "test", "e".repeat(64), "name: test", 7, "0.1.0", TempStore.NOW);
        RunSummary s = new RunSummary(8, 7, 1, d("13200"), d("0"), d("0"), d("0"), d("0"), 2, d("13000"), d("20"),
                d("20"), d("0"), 0.25, "acct2", 1.0, "acct2", 3, "RANK-BITMEX-010=6", "d".repeat(64), 5, 40);
        return store.saveRun(p, bitmex.files(), s, result, StoreProgress.NONE);
    }

    @Test
    void a_run_reads_back_with_its_provenance_summary_and_per_step_metrics() {
        long id = save("six-longs");
        StoredRun run = store.run(id).orElseThrow();
        assertThat(run.label()).isEqualTo("bitmex@" + bitmex.hash().substring(0, 8) + " x six-longs x test");
        assertThat(run.provenance().policyHash()).isEqualTo(bitmex.hash());
        assertThat(run.provenance().policyVersion()).isEqualTo(bitmex.version());
        assertThat(run.summary().adlOvershoot()).isEqualByComparingTo("0");
        assertThat(run.summary().maxHaircutEquityAccount()).isEqualTo("acct2");
        assertThat(store.runSteps(id)).isEqualTo(result.steps());
        assertThat(store.policyFiles(bitmex.hash())).containsExactlyElementsOf(bitmex.files());
    }

    @Test
    void only_touched_accounts_are_kept_and_each_reads_back_exactly() {
        long id = save("six-longs");
        var touched = result.outcomes().stream().filter(o -> o.touched()).toList();
        assertThat(touched).isNotEmpty();
        for (var o : touched) assertThat(store.outcome(id, o.accountId())).contains(o);
        assertThat(store.outcome(id, "bystander")).isEmpty();
        assertThat(db.rows("run_outcome")).isEqualTo(touched.size());
    }

    @Test
    void an_accounts_events_include_those_where_it_was_the_counterparty() {
        long id = save("six-longs");
        List<RunEvent> expected = new ArrayList<>();
        for (RunEvent e : result.events())
            if (e.accountId().equals("short") || "short".equals(e.counterpartyId())) expected.add(e);
        assertThat(store.events(id, "short")).containsExactlyElementsOf(expected)
                .anyMatch(e -> e.kind() == RunEvent.Kind.ADL && e.accountId().equals("acct2"));
    }

    @Test
    void the_adl_queue_reads_back_in_rank_order_by_range() {
        long id = save("six-longs");
        QueuePoint point = store.queuePoints(id, "XBTUSD").get(0);
        assertThat(point.length()).isEqualTo(6);
        assertThat(store.queue(id, point, 1, 6)).containsExactlyElementsOf(result.queues());
        assertThat(store.queue(id, point, 2, 3)).extracting(q -> q.accountId()).containsExactly("acct5", "acct4");
        assertThat(store.queueEntries(id, "XBTUSD", "acct3")).extracting(q -> q.rank()).containsExactly(6);
    }

    @Test
    void runs_that_differ_most_for_an_account_come_first() {
        long a = save("six-longs");
        long same = save("six-longs");
        // the same run twice: nobody was treated differently
        assertThat(store.mostDifferentAccounts(List.of(a, same), 10)).isEmpty();
        long b = saveWithout("acct2");
        List<OutcomeSpread> spread = store.mostDifferentAccounts(List.of(a, b), 10);
        BigDecimal haircut = store.outcome(a, "acct2").orElseThrow().haircut();
        assertThat(spread).singleElement().satisfies(s -> {
            assertThat(s.accountId()).isEqualTo("acct2");
            assertThat(s.haircutSpread()).isEqualByComparingTo(haircut);
            assertThat(s.runsTouching()).isEqualTo(1);
        });
    }

    @Test
    void the_policy_files_are_kept_once_per_hash() {
        save("six-longs");
        save("six-longs");
        assertThat(db.rows("policy_snapshot")).isEqualTo(1);
        assertThat(db.rows("policy_snapshot_file")).isEqualTo(bitmex.files().size());
    }

    @Test
    void a_run_whose_summary_fails_after_its_results_are_written_leaves_no_rows() {
        RunProvenance p = new RunProvenance("bitmex", 1, bitmex.hash(), null, "s", "f".repeat(64), "t", "e".repeat(64),
                "name: t", 7, "0.1.0", TempStore.NOW);
        java.util.concurrent.CompletableFuture<RunSummary> digestFailed =
                java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("digest failed"));
        assertThatThrownBy(() -> store.saveRun(p, bitmex.files(), digestFailed, result, StoreProgress.NONE))
                .hasMessage("digest failed");
        assertThat(store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event") + db.rows("run_step") + db.rows("run_outcome")).isZero();
    }

    @Test
    void a_run_whose_write_fails_leaves_no_rows_and_is_not_listed() {
        RunEvent broken = new RunEvent(0, 1, RunEvent.Kind.ADL, null, null, "XBTUSD", "LONG", d(1), d(1), d(1), d(1),
                "R", "x");
        List<RunEvent> events = new ArrayList<>(result.events());
        events.add(broken);
        RunResult bad = new RunResult(events, result.steps(), result.outcomes(), result.queues(), result.fundsEnd(),
                result.badDebt(), result.ledgerStart(), result.ledgerEnd(), result.rulesFired());
        RunProvenance p = new RunProvenance("bitmex", 1, bitmex.hash(), null, "s", "f".repeat(64), "t", "e".repeat(64),
                "name: t", 7, "0.1.0", TempStore.NOW);
        assertThatThrownBy(() -> store.saveRun(p, bitmex.files(), (RunSummary) null, bad, StoreProgress.NONE))
                .isInstanceOf(StoreException.class);
        assertThat(store.runs()).isEmpty();
        assertThat(db.rows("run") + db.rows("run_event") + db.rows("run_step") + db.rows("run_outcome")).isZero();
    }

    @Test
    void a_run_killed_while_it_was_written_is_never_listed_and_is_reported_at_the_next_start() {
        long id = save("six-longs");
        db.sql.sql("UPDATE run SET status = 'RUNNING' WHERE run_id = ?").param(id).update();
        assertThat(store.runs()).isEmpty();
        assertThat(store.run(id)).isEmpty();
        assertThat(store.discardUnfinished()).singleElement().asString()
                .startsWith("run " + id + " (bitmex x six-longs x test) was interrupted");
        assertThat(db.rows("run_event") + db.rows("run_queue")).isZero();
    }
}
