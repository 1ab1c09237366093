package org.deleveraging.store;

import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.scenario.StoredScenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Fixtures.d;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: what the store says it stored survives the process being killed, the start-up clean-up never fails a
 * start, a full disk is said before the work, and a backup taken while the store is open restores into another folder.
 * A kill is {@code SHUTDOWN IMMEDIATELY}: H2 closes its files at once without writing what it had not written yet,
 * as a killed process would leave them.
 */
class DurabilityTest {
    @TempDir Path folder;

    private static final Map<String,
            java.math.BigDecimal> MARKS = Map.of("BTCUSDT", d("121000"), "XBTUSD", d("121000"));

    @Test
    void the_store_writes_every_commit_out_before_it_returns() {
        try (TempStore db = new TempStore(folder)) {
            assertThat(db.sql.sql("SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = "
                    + "'WRITE_DELAY'")
                    .query(String.class).single()).isEqualTo("0");
        }
    }

    @Test
    void a_set_and_a_scenario_acknowledged_just_before_a_kill_are_there_after_it() throws Exception {
        String hash;
        try (TempStore db = new TempStore(folder)) {
            hash = db.store.saveAccountSet(AccountSetStoreTest.book("desk"), MARKS, "t", StoreProgress.NONE).hash();
            db.store.saveScenario(new StoredScenario("shock", "t", "name: shock", "h", TempStore.NOW));
            kill(db);
        }
        try (TempStore db = new TempStore(folder)) {
            assertThat(db.store.discardUnfinished()).isEmpty();
            assertThat(db.store.accountSet("desk")).get().extracting(AccountSetInfo::hash).isEqualTo(hash);
            assertThat(ContentHash.accountSet(db.store.loadAccountSet("desk").orElseThrow().set())).isEqualTo(hash);
            assertThat(db.store.scenario("shock")).isPresent();
        }
    }

    @Test
    void a_row_still_locked_at_start_up_is_left_hidden_and_said_in_one_line_without_waiting_for_h2s_ten_seconds()
            throws Exception {
        try (TempStore db = new TempStore(folder)) {
            db.store.saveAccountSet(AccountSetStoreTest.book("desk"), MARKS, "t", StoreProgress.NONE);
            db.sql.sql("UPDATE account_set SET status = 'LOADING' WHERE name = 'desk'").update();
            try (Connection holder = db.dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE account_set SET source = 'held' WHERE name = 'desk'");
                }
                long t0 = System.nanoTime();
                assertThat(db.store.discardUnfinished()).singleElement().asString()
                        .startsWith(
                                "account set 'desk' was interrupted while it was being written; it stays hidden, and "
                                + "could not be removed yet")
                        .endsWith("the next start tries again").doesNotContain("\n");
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
                holder.rollback();
            }
            assertThat(db.store.accountSets()).isEmpty();
            assertThat(db.store.discardUnfinished()).containsExactly(
                    "account set 'desk' was interrupted while it was being written; it has been discarded");
        }
    }

    @Test
    void an_import_that_would_not_fit_on_the_disk_is_refused_before_anything_is_written() {
        try (TempStore db = new TempStore(folder)) {
            assertThatThrownBy(() -> DataFolder.checkRoom(db.dataSource, Long.MAX_VALUE / 4, "this account set"))
                    .isInstanceOf(DataFolder.DataFolderException.class)
                    .hasMessageContaining("not enough disk space for this account set: the data folder")
                    .hasMessageContaining("nothing was stored").hasMessageNotContaining("\n");
            DataFolder.checkRoom(db.dataSource, 1024, "this account set");
        }
    }

    @Test
    void a_full_disk_and_a_read_only_folder_are_named_as_such() {
        assertThat(DataFolder.reason(new RuntimeException("x", new java.io.IOException("No space left on device"))))
                .isEqualTo("the disk is full");
        assertThat(DataFolder.reason(new java.nio.file.AccessDeniedException("/data/workbench.mv.db")))
                .isEqualTo("the data folder is read-only");
    }

    @Test
    void a_backup_taken_while_the_store_is_open_restores_into_a_new_folder_and_opens_there() throws Exception {
        String hash;
        Path zip = folder.resolve("backup.zip");
        try (TempStore db = new TempStore(folder.resolve("live"))) {
            hash = db.store.saveAccountSet(AccountSetStoreTest.book("desk"), MARKS, "t", StoreProgress.NONE).hash();
            StoreBackup.Contents c = StoreBackup.backup(db.dataSource, zip);
            assertThat(c.sets()).isEqualTo(1);
            assertThatThrownBy(() -> StoreBackup.backup(db.dataSource, zip))
                    .hasMessageContaining("exists; choose another file name");
            db.store.deleteAccountSet("desk"); // after the backup: not in it
        }
        StoreBackup.Restored r = StoreBackup.restore(zip, folder.resolve("restored"), "sa");
        assertThat(r.contents().sets()).isEqualTo(1);
        assertThat(r.url()).isEqualTo("jdbc:h2:file:" + folder.resolve("restored/wb"));
        assertThat(Files.list(folder.resolve("restored")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("wb.mv.db", "wb.secret");
        try (TempStore back = new TempStore(folder.resolve("restored"))) {
            assertThat(ContentHash.accountSet(back.store.loadAccountSet("desk").orElseThrow().set())).isEqualTo(hash);
        }
        assertThatThrownBy(() -> StoreBackup.restore(zip, folder.resolve("restored"), "sa"))
                .hasMessageContaining("already holds a store (wb.mv.db); restore into a new or empty folder");
        Path notZip = Files.writeString(folder.resolve("x.zip"), "hello");
        assertThatThrownBy(() -> StoreBackup.restore(notZip, folder.resolve("other"), "sa"))
                .hasMessageContaining("is not a backup");
    }

    /** As a SIGKILL leaves the files: H2 closes them without writing anything it still held. */
    private static void kill(TempStore db) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException expected) {
            // the connection goes with the database
        }
    }
}
