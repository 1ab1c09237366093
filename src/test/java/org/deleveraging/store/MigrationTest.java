package org.deleveraging.store;

import org.deleveraging.run.QueuePoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A data folder written under V1 (one row per event, queue place, account, position) reads the same after V2 (chunks
 * of arrays), V3 and V4 (packed chunks), through the store and through the views kept for ad-hoc SQL.
 */
class MigrationTest {
    @TempDir Path folder;

    @Test
    void a_v1_data_folder_reads_back_the_same_after_the_chunk_migration() {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:file:" + folder.resolve("wb").toAbsolutePath());
            ds.setUsername("sa");
            ds.setPassword(StoreCredentials.passwordFor(ds.getJdbcUrl(), "sa"));
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
            JdbcClient sql = JdbcClient.create(ds);
            sql.sql("""
                    INSERT INTO account_set VALUES (1, 'old', 'READY', 'f', 'h', 2, 3, \
                    TIMESTAMP '2025-10-10 21:00:00')""").update();
            sql.sql("INSERT INTO set_market VALUES (1, 0, 'BTCUSDT', 'LINEAR', 'USDT', 0.1, 0.001, 1, 100, 100, "
                    + "0.25, 121000)").update();
            sql.sql("INSERT INTO set_account VALUES (1, 0, 'alice', 'CROSS', 1000.50), (1, 1, 'bob', 'ISOLATED', 20)")
                    .update();
            sql.sql("""
                    INSERT INTO set_position VALUES (1, 0, 0, 0, 'L', 0.25, 121000.1, 0), (1, 1, 0, 0, 'S', 1.5, \
                    120000, 3000),
                        (1, 0, 1, 0, 'S', 2, 100, 0)""").update();
            sql.sql("INSERT INTO policy_snapshot VALUES ('p', 'bitmex', 1)").update();
            sql.sql("""
                    INSERT INTO run (run_id, status, policy_id, policy_hash, set_id, set_name, set_hash, scenario_name,
                        scenario_hash, scenario_yaml, seed, engine_version, started_at)
                    VALUES (7, 'DONE', 'bitmex', 'p', 1, 'old', 'h', 's', 'h', 'y', 1, 'v', \
                    TIMESTAMP '2025-10-10 21:00:00')""").update();
            sql.sql("""
                    INSERT INTO run_event VALUES (7, 0, 0, 1, 'LIQUIDATION', 'bob', '@book', 'BTCUSDT', 'SHORT', 1.5, \
                    122000, -3.50, 1, 'LIQ', 'why'),
                        (7, 1, 0, 1, 'ADL', 'alice', 'bob', 'BTCUSDT', 'LONG', 0.25, 122000, 2, 1000, 'RANK', \
                    'because')""").update();
            sql.sql("""
                    INSERT INTO run_queue VALUES (7, 'BTCUSDT', 0, 1, 'LONG', 1, 'alice', 0.25, 1.5, 20, 'RANK'),
                        (7, 'BTCUSDT', 0, 1, 'LONG', 2, 'carol', 3, 0.5, 100, 'RANK')""").update();

            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            H2WorkbenchStore store = new H2WorkbenchStore(ds, Clock.fixed(TempStore.NOW, ZoneOffset.UTC));

            var set = store.loadAccountSet("old").orElseThrow().set();
            assertThat(set.accounts()).extracting(a -> a.id()).containsExactly("alice", "bob");
            assertThat(set.accounts().get(0).positions()).extracting(p -> p.side())
                    .containsExactly(Side.LONG, Side.SHORT);
            assertThat(set.accounts().get(0).walletBalance()).isEqualTo(new BigDecimal("1000.5"));
            assertThat(store.events(7, "bob")).extracting(RunEvent::kind)
                    .containsExactly(RunEvent.Kind.LIQUIDATION, RunEvent.Kind.ADL);
            assertThat(store.events(7, "bob").get(0).amount()).isEqualTo(new BigDecimal("-3.5"));
            QueuePoint point = store.queuePoints(7, "BTCUSDT").get(0);
            assertThat(point.length()).isEqualTo(2);
            assertThat(store.queue(7, point, 2, 2)).extracting(QueueEntry::accountId).containsExactly("carol");
            assertThat(store.queueEntries(7, "BTCUSDT", "carol")).extracting(QueueEntry::rank).containsExactly(2);
            assertThat(sql.sql("SELECT COUNT(*) FROM run_queue WHERE run_id = 7").query(Integer.class).single())
                    .isEqualTo(2);
            assertThat(sql.sql("SELECT account_id FROM run_event WHERE run_id = 7 AND kind = 'ADL' ORDER BY event_no")
                    .query(String.class).list()).isEqualTo(List.of("alice"));
            assertThat(sql.sql("SELECT wallet_balance FROM set_account WHERE account_id = 'alice'")
                    .query(BigDecimal.class).single()).isEqualTo(new BigDecimal("1000.5"));
            assertThat(sql.sql("SELECT COUNT(*) FROM set_position WHERE set_id = 1 AND side = 'S'").query(Integer.class)
                    .single()).isEqualTo(2);
            assertThat(sql.sql("SELECT amount FROM run_event WHERE run_id = 7 AND kind = 'LIQUIDATION'")
                    .query(BigDecimal.class).single()).isEqualTo(new BigDecimal("-3.5"));
            assertThat(sql.sql("SELECT size FROM run_queue_rows(7) WHERE queue_rank = 1").query(BigDecimal.class)
                    .single()).isEqualTo(new BigDecimal("0.25"));
        }
    }
}
