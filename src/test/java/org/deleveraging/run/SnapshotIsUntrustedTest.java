package org.deleveraging.run;

import org.deleveraging.support.SmallSets;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.scenario.ScenarioService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored policy snapshot is as untrusted as the folder it was taken from: reproducing a run writes its files into a
 * temporary copy, and a path that climbs out of the copy is refused before anything is written.
 */
class SnapshotIsUntrustedTest {
    @TempDir Path folder;

    @Test
    void a_snapshot_path_that_climbs_out_of_the_copy_is_refused() throws Exception {
        try (TempStore db = new TempStore(folder)) {
            Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
            PolicyRegistry policies = new PolicyRegistry(PolicyFolders.copy(folder.resolve("copy"), "bitmex"),
                    folder.resolve("copy/rules"), "bitmex");
            AccountSetService sets = new AccountSetService(db.store);
            SmallSets.generate(sets, "tiny", 50);
            StoredRun run = new RunService(db.store, policies, sets, new ScenarioService(db.store, clock), clock,
                    "test")
                    .run("bitmex", "tiny", "oct-10", null, RunProgress.NONE);
            RunReports reports = new RunReports(db.store);
            assertThat(reports.reproduce(String.valueOf(run.id()), sets).exact()).as("the honest snapshot reproduces")
                    .isTrue();

            Path escaped = folder.resolve("escaped.drl");
            db.sql.sql("UPDATE policy_snapshot_file SET path = ? WHERE path LIKE '%tier-step-down.drl'")
                    .param("rules/../../../../.." + escaped.toAbsolutePath()).update();

            assertThatThrownBy(() -> reports.reproduce(String.valueOf(run.id()), sets))
                    .hasMessageContaining("snapshot file outside policies/ and rules/");
            assertThat(Files.exists(escaped)).isFalse();
        }
    }
}
