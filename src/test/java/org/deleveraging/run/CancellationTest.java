package org.deleveraging.run;

import org.deleveraging.support.SmallSets;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.scenario.ScenarioService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunListener;
import org.deleveraging.accounts.AccountSetGenerator;
import org.deleveraging.accounts.GrownDemo;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C below the shell: a cancelled run or import unwinds with {@link Cancellation.Cancelled}, the store's
 * all-or-nothing write rolls it back so that no row of it is left, and the store goes on working.
 */
class CancellationTest {
    private static final List<String> RUN_TABLES = List.of("run", "run_step", "run_outcome_pack", "run_event_pack",
            "run_queue_pack", "run_account_index");
    private static final List<String> SET_TABLES = List.of("account_set", "set_market", "set_account_pack",
            "set_position_pack");

    @TempDir Path folder;
    TempStore db;
    AccountSetService sets;
    RunService runs;
    PolicyRegistry policies;

    @BeforeEach
    void open() {
        db = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        Path policyFolder = PolicyFolders.copy(folder.resolve("copy"), "bitmex");
        policies = new PolicyRegistry(policyFolder, folder.resolve("copy/rules"), "bitmex");
        sets = new AccountSetService(db.store);
        runs = new RunService(db.store, policies, sets, new ScenarioService(db.store, clock), clock, "test");
        SmallSets.generate(sets, "small", 300);
    }

    @AfterEach
    void close() { db.close(); }

    @Test
    void a_run_cancelled_at_step_1_stores_nothing_and_the_next_run_is_stored() {
        Cancellation cancel = new Cancellation();
        AtomicInteger stepsAfter = new AtomicInteger();
        assertThatThrownBy(() -> runs.run("bitmex", "small", "oct-10", null, (phase, done, total) -> {
            if (!phase.startsWith("running")) return;
            if (cancel.requested()) stepsAfter.incrementAndGet();
            if (done == 1) cancel.cancel();
        }, cancel)).isInstanceOf(Cancellation.Cancelled.class).hasMessage("cancelled: nothing was stored");
        assertThat(stepsAfter).as("steps run after the cancellation").hasValue(0);
        for (String table : RUN_TABLES) assertThat(db.rows(table)).as(table).isZero();

        StoredRun next = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);
        assertThat(db.store.runs()).extracting(StoredRun::id).containsExactly(next.id());
        assertThat(db.rows("run_step")).isEqualTo(6);
    }

    @Test
    void a_run_cancelled_while_it_is_being_stored_leaves_no_row() {
        Cancellation cancel = new Cancellation();
        assertThatThrownBy(() -> runs.run("bitmex", "small", "oct-10", null, (phase, done, total) -> {
            if (phase.equals("storing") && done > 0) cancel.cancel();
        }, cancel)).isInstanceOf(Cancellation.Cancelled.class);
        for (String table : RUN_TABLES) assertThat(db.rows(table)).as(table).isZero();
        assertThat(runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE).summary().liquidations()).isPositive();
    }

    @Test
    void an_import_cancelled_midway_stores_nothing_and_the_same_import_then_succeeds() throws IOException {
        int before = db.rows("account_set");
        Path csv = bigCsv(10_000);
        Cancellation cancel = new Cancellation();
        AtomicLong stored = new AtomicLong();
        assertThatThrownBy(() -> sets.importFile(csv, "desk", null, (done, total) -> {
            stored.set(done);
            if (done >= 4096) cancel.cancel();
        }, cancel)).isInstanceOf(Cancellation.Cancelled.class);
        assertThat(stored.get()).as("cancelled midway").isBetween(4096L, 9_999L);
        assertThat(sets.names()).containsExactly("small");
        assertThat(db.rows("account_set")).isEqualTo(before);
        assertThat(db.sql.sql(
                "SELECT COUNT(*) FROM set_account_pack p JOIN account_set s ON s.set_id = p.set_id WHERE s.name = "
                + "'desk'")
                .query(Integer.class).single()).isZero();
        for (String table : SET_TABLES)
            assertThat(db.sql.sql("SELECT COUNT(*) FROM " + table
                    + " WHERE set_id NOT IN (SELECT set_id FROM account_set)")
                    .query(Integer.class).single()).as(table + " rows of no set").isZero();

        assertThat(sets.importFile(csv, "desk", null, StoreProgress.NONE).accounts()).isEqualTo(10_000);
    }

    @Test
    void a_generated_set_cancelled_before_it_is_stored_leaves_nothing() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> sets.generate("big", GrownDemo.of(20_000).settings(), StoreProgress.NONE, cancel))
                .isInstanceOf(Cancellation.Cancelled.class);
        assertThat(sets.names()).containsExactly("small");
    }

    /**
     * Loosely: a book of 200,000 positions, cancelled a moment into its run, stops well within a second on an idle
     * machine; the bound is wider because the build shares its cores.
     */
    @Test
    void the_engine_stops_soon_after_a_cancellation_on_a_large_book() throws Exception {
        GrownDemo grown = GrownDemo.of(200_000);
        AccountSet set = new AccountSetGenerator().generate("large", grown.settings());
        Scenario scenario = grown.scaled(ScenarioCatalog.load("oct-10"));
        Policy policy = policies.get("bitmex");
        Cancellation cancel = new Cancellation();
        AtomicLong cancelledAt = new AtomicLong();
        Thread ctrlC = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            cancelledAt.set(System.nanoTime());
            cancel.cancel();
        });
        ctrlC.start();
        long stoppedAt;
        try {
            new Engine().run(policy.settings(), policy.newDecisions(), set, scenario, scenario.seed(), RunListener.NONE,
                    cancel);
            stoppedAt = 0;
        } catch (Cancellation.Cancelled e) {
            stoppedAt = System.nanoTime();
        } finally {
            ctrlC.join();
        }
        assertThat(stoppedAt).as("the run was cancelled before it ended").isNotZero();
        Duration latency = Duration.ofNanos(stoppedAt - cancelledAt.get());
        System.out.println("engine stopped " + latency.toMillis() + " ms after the cancellation");
        assertThat(latency).isLessThan(Duration.ofSeconds(2));
    }

    private Path bigCsv(int accounts) throws IOException {
        StringBuilder b = new StringBuilder("account,mode,wallet,market,side,size,entry,margin\n");
        for (int i = 0; i < accounts; i++)
            b.append(String.format("B%06d,cross,1000,BTCUSDT,%s,0.01,121000,%n", i, i % 2 == 0 ? "long" : "short"));
        return Files.writeString(folder.resolve("desk.csv"), b);
    }
}
