package org.deleveraging.store;

import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events and queues large enough to span several chunks and rank blocks, with gaps in the ranks (a result may keep
 * only some places of a ranking), read back exactly through the account index and the compatibility views.
 */
class ChunkedResultsTest {
    @TempDir Path folder;
    TempStore db;

    final List<RunEvent> events = new ArrayList<>();
    final List<QueueEntry> queue = new ArrayList<>();
    final List<AccountOutcome> outcomes = new ArrayList<>();

    @BeforeEach
    void open() {
        db = new TempStore(folder);
        for (int i = 0; i < 5000; i++) {
            String account = "A" + (i % 700);
            boolean adl = i % 3 == 0;
            events.add(new RunEvent(i / 2000, 1 + i % 4, adl ? RunEvent.Kind.ADL : RunEvent.Kind.LIQUIDATION, account,
                    adl ? "A" + ((i + 1) % 700) : "@book", "BTCUSDT", i % 2 == 0 ? "LONG" : "SHORT",
                    clean(new BigDecimal("0.001").multiply(BigDecimal.valueOf(i + 1))),
                    BigDecimal.valueOf(100000 + i), i % 5 == 0 ? null : clean(BigDecimal.valueOf(-i, 2)),
                    BigDecimal.ONE, "R-" + (i % 3), "reason " + i));
        }
        // ranks 1..3000, then every third rank up to 12000: blocks 0..2, the last ones sparse
        int rank = 0;
        for (int i = 0; i < 6000; i++) {
            rank = i < 3000 ? i + 1 : rank + 3;
            queue.add(new QueueEntry(1, 2, i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", "LONG", rank, "A" + (i * 7 % 900),
                    clean(BigDecimal.valueOf(i + 1, 3)), 1.0 / (i + 1), 20 * (1 + i % 5),
                    i % 2 == 0 ? "RANK-1" : null));
        }
        queue.replaceAll(q ->
                new QueueEntry(q.step(), q.round(), "BTCUSDT", q.side(), q.rank(), q.accountId(), q.size(),
                q.score(), q.percentile(), q.ruleId()));
        for (int i = 0; i < 700; i++)
            outcomes.add(new AccountOutcome("A" + i, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 1));
    }

    /** Decimals come back without trailing zeros, as they always have. */
    private static BigDecimal clean(BigDecimal v) { return Money.clean(v); }

    @AfterEach
    void close() { db.close(); }

    private long save() {
        RunResult r = new RunResult(events, List.of(), outcomes, queue, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());
        RunProvenance p = new RunProvenance("x", 1, "p".repeat(64), null, "s", "f".repeat(64), "t", "e".repeat(64),
                "name: t", 7, "0.1.0", TempStore.NOW);
        RunSummary s = new RunSummary(1, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0, null, 0, null, 1,
                "", "d".repeat(64), 1, 1);
        long[] last = {0, 0};
        long id = db.store.saveRun(p, List.of(), s, r, (done, total) -> { last[0] = done; last[1] = total; });
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(700 + 5000 + 6000);
        return id;
    }

    @Test
    void the_same_run_is_stored_as_the_same_bytes() {
        long first = save();
        long second = save();
        for (String table : List.of("run_outcome_pack", "run_event_pack", "run_queue_pack", "run_account_index")) {
            String column = table.equals("run_account_index") ? "entries" : "data";
            String sql = "SELECT " + column + " FROM " + table + " WHERE run_id = ? ORDER BY 1";
            List<String> a = db.sql.sql(sql).param(first).query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1)))
                    .list();
            List<String> b = db.sql.sql(sql).param(second).query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1)))
                    .list();
            assertThat(a).as(table).isNotEmpty().isEqualTo(b);
        }
    }

    @Test
    void every_accounts_events_read_back_in_order_from_either_side() {
        long id = save();
        for (String account : List.of("A0", "A1", "A350", "A699", "@book")) {
            List<RunEvent> expected = events.stream()
                    .filter(e -> e.accountId().equals(account) || account.equals(e.counterpartyId())).toList();
            assertThat(db.store.events(id, account)).as(account).containsExactlyElementsOf(expected);
        }
        assertThat(db.store.events(id, "nobody")).isEmpty();
        assertThat(db.rows("run_event")).isEqualTo(5000);
    }

    @Test
    void queue_ranges_cross_rank_blocks_and_skip_missing_ranks() {
        long id = save();
        QueuePoint point = db.store.queuePoints(id, "BTCUSDT").get(0);
        assertThat(point.length()).isEqualTo(6000);
        assertThat(db.store.queue(id, point, 1, Integer.MAX_VALUE)).containsExactlyElementsOf(queue);
        assertThat(db.store.queue(id, point, 4090, 4110)).extracting(QueueEntry::rank)
                .containsExactly(4092, 4095, 4098, 4101, 4104, 4107, 4110);
        for (String account : List.of("A0", "A7", "A899")) {
            List<QueueEntry> expected = queue.stream().filter(q -> q.accountId().equals(account)).toList();
            assertThat(db.store.queueEntries(id, "BTCUSDT", account)).as(account).containsExactlyElementsOf(expected);
            assertThat(db.store.queueEntries(id, "ETHUSDT", account)).isEmpty();
        }
        assertThat(db.sql.sql("SELECT COUNT(*) FROM run_queue WHERE run_id = ? AND rule_id IS NULL").param(id)
                .query(Integer.class).single()).isEqualTo(3000);
    }

    @Test
    void the_same_run_stored_twice_reads_back_identically() {
        long a = save();
        long b = save();
        assertThat(db.store.events(b, "A5")).isEqualTo(db.store.events(a, "A5"));
        String chunks = "SELECT entries FROM run_account_index WHERE run_id = ? ORDER BY bucket";
        assertThat(db.sql.sql(chunks).param(b).query(byte[].class).list())
                .usingElementComparator((x, y) -> java.util.Arrays.equals(x, y) ? 0 : 1)
                .containsExactlyElementsOf(db.sql.sql(chunks).param(a).query(byte[].class).list());
    }
}
