package org.deleveraging.shell;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.deleveraging.support.SmallSets;
import org.deleveraging.scenario.ScenarioService;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.deleveraging.run.StoredRun;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive session's warm-up: it runs the active policy in a store of its own, changes nothing a session
 * stores or computes, and gets out of a command's way.
 */
class WarmUpTest {
    @TempDir static Path folder;
    static TempStore db;
    static PolicyRegistry policies;
    static RunService runs;

    @BeforeAll
    static void session() {
        db = new TempStore(folder.resolve("session"));
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        Path policyFolder = PolicyFolders.copy(folder.resolve("copy"), "bitmex");
        policies = new PolicyRegistry(policyFolder, folder.resolve("copy/rules"), "bitmex");
        AccountSetService sets = new AccountSetService(db.store);
        runs = new RunService(db.store, policies, sets, new ScenarioService(db.store, clock), clock, "test");
        SmallSets.generate(sets, "small", 300);
    }

    @AfterAll
    static void close() { db.close(); }

    @Test
    void a_warm_up_runs_the_policy_in_a_store_of_its_own_and_removes_it() throws Exception {
        Path temp = Files.createDirectories(folder.resolve("tmp-done"));
        int runsBefore = db.rows("run");
        int setsBefore = db.rows("account_set");

        WarmUp warmUp = new WarmUp(policies, 2_000, 2, temp);
        warmUp.start();

        assertThat(warmUp.await()).isEqualTo(WarmUp.Outcome.DONE);
        assertThat(db.rows("run")).isEqualTo(runsBefore);
        assertThat(db.rows("account_set")).isEqualTo(setsBefore);
        assertThat(entries(temp)).as("the throwaway store is deleted").isZero();
    }

    @Test
    void a_run_after_a_warm_up_stores_what_it_stores_without_one() throws Exception {
        StoredRun before = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);
        WarmUp warmUp = new WarmUp(policies, 2_000, 1, Files.createDirectories(folder.resolve("tmp-same")));
        warmUp.start();
        warmUp.await();

        StoredRun after = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);

        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(after.summary().resultDigest()).isEqualTo(before.summary().resultDigest());
        assertThat(after.summary().adlCount()).as("the run reaches ADL, so every stage is compared").isPositive();
    }

    @Test
    @Timeout(120)
    void a_command_that_stands_aside_stops_the_warm_up_and_the_throwaway_store_goes() throws Exception {
        Path temp = Files.createDirectories(folder.resolve("tmp-aside"));
        // far more than a test would wait for: only standing aside ends it
        WarmUp warmUp = new WarmUp(policies, 100_000, 100, temp);
        warmUp.start();

        warmUp.standAside();

        assertThat(warmUp.outcome()).isEqualTo(WarmUp.Outcome.STOOD_ASIDE);
        assertThat(entries(temp)).isZero();
        warmUp.start();
        assertThat(warmUp.outcome()).as("a warm-up starts once a session").isEqualTo(WarmUp.Outcome.STOOD_ASIDE);
    }

    @Test
    void no_warm_up_when_switched_off() {
        WarmUp off = new WarmUp(policies, 0, 3, folder);
        off.start();
        off.standAside();
        assertThat(off.outcome()).isEqualTo(WarmUp.Outcome.NOT_STARTED);
    }

    @Test
    void no_warm_up_in_a_heap_too_small_to_hold_its_book_beside_the_session() {
        assertThat(WarmUp.fits(100_000, 2L << 30)).isTrue();
        assertThat(WarmUp.fits(100_000, 512L << 20)).isFalse();
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
