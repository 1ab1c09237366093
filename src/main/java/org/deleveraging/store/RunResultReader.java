package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a run's events and ADL queues back from their chunks (see {@link RunResultWriter}). Every read goes through
 * a primary key: a queue range reads the blocks of ranks it needs, an account's events and places are found in its
 * {@link AccountIndex} bucket and read from the chunks that hold them.
 */
final class RunResultReader {
    private final JdbcClient jdbc;

    RunResultReader(JdbcClient jdbc) { this.jdbc = jdbc; }

    static final String INDEX_BUCKET = "SELECT entries FROM run_account_index WHERE run_id = ? AND bucket = ?";

    static final String EVENT_CHUNK = """
            SELECT chunk_no, entries, steps, rounds, kinds, account_ids, counterparty_ids, markets, sides, sizes, prices,
                   amounts, equities_after, rule_ids, reasons
            FROM run_event_chunk WHERE run_id = ? AND chunk_no = ?""";

    /** Every chunk of a run, for runs stored before the account index existed. */
    static final String EVENT_CHUNKS_OF_RUN = """
            SELECT chunk_no, entries, steps, rounds, kinds, account_ids, counterparty_ids, markets, sides, sizes, prices,
                   amounts, equities_after, rule_ids, reasons
            FROM run_event_chunk WHERE run_id = ? ORDER BY chunk_no""";

    static final String QUEUE_POINTS = """
            SELECT market, step, round_no, side, SUM(entries) FROM run_queue_chunk WHERE run_id = ? AND market = ?
            GROUP BY market, step, round_no, side ORDER BY step, round_no, side""";

    private static final String QUEUE_CHUNK_COLUMNS = """
            SELECT step, round_no, market, side, entries, ranks, account_ids, sizes, scores, percentiles, rule_ids
            FROM run_queue_chunk""";

    /** The blocks of one ranking that hold ranks from..to: a range on the primary key's last column. */
    static final String QUEUE_RANGE = QUEUE_CHUNK_COLUMNS + " " + """
            WHERE run_id = ? AND market = ? AND step = ? AND round_no = ? AND side = ? AND rank_block BETWEEN ? AND ?
            ORDER BY rank_block""";

    static final String QUEUE_POINT_NUMBERS = """
            SELECT DISTINCT point_no, market, step, round_no, side FROM run_queue_chunk WHERE run_id = ?""";

    /** Every block of a run's rankings on one market, for runs stored before the account index existed. */
    static final String QUEUE_CHUNKS_OF_MARKET = QUEUE_CHUNK_COLUMNS + " WHERE run_id = ? AND market = ?";

    List<RunEvent> events(long runId, String accountId, boolean indexed) {
        List<RunEvent> out = new ArrayList<>();
        if (!indexed) {
            jdbc.sql(EVENT_CHUNKS_OF_RUN).param(runId).query(rs -> {
                EventChunk chunk = new EventChunk(rs);
                for (int i = 0; i < chunk.entries; i++)
                    if (accountId.equals(chunk.accounts[i]) || accountId.equals(chunk.counterparties[i])) out.add(chunk.event(i));
            });
            return out;
        }
        AccountIndex.Entry entry = indexEntry(runId, accountId);
        if (entry == null) return out;
        Map<Integer, List<Integer>> byChunk = new TreeMap<>();
        for (int no : entry.events()) byChunk.computeIfAbsent(no / RunResultWriter.EVENT_CHUNK, k -> new ArrayList<>()).add(no);
        byChunk.forEach((chunkNo, numbers) -> jdbc.sql(EVENT_CHUNK).param(runId).param(chunkNo).query(rs -> {
            EventChunk chunk = new EventChunk(rs);
            for (int no : numbers) out.add(chunk.event(no - chunkNo * RunResultWriter.EVENT_CHUNK));
        }));
        return out;
    }

    List<QueuePoint> queuePoints(long runId, String market) {
        return jdbc.sql(QUEUE_POINTS).param(runId).param(market)
                .query((rs, i) -> new QueuePoint(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank) {
        List<QueueEntry> out = new ArrayList<>();
        if (toRank < fromRank || toRank < 1) return out;
        int from = Math.max(1, fromRank);
        jdbc.sql(QUEUE_RANGE).param(runId).param(point.market()).param(point.step()).param(point.round()).param(point.side())
                .param((from - 1) / RunResultWriter.QUEUE_BLOCK).param((toRank - 1) / RunResultWriter.QUEUE_BLOCK)
                .query(rs -> {
                    QueueChunk chunk = new QueueChunk(rs);
                    for (int i = 0; i < chunk.entries; i++)
                        if (chunk.ranks[i] >= from && chunk.ranks[i] <= toRank) out.add(chunk.entry(i));
                });
        return out;
    }

    List<QueueEntry> queueEntries(long runId, String market, String accountId, boolean indexed) {
        List<QueueEntry> out = new ArrayList<>();
        if (!indexed) {
            jdbc.sql(QUEUE_CHUNKS_OF_MARKET).param(runId).param(market).query(rs -> {
                QueueChunk chunk = new QueueChunk(rs);
                for (int i = 0; i < chunk.entries; i++) if (accountId.equals(chunk.accounts[i])) out.add(chunk.entry(i));
            });
        } else {
            AccountIndex.Entry entry = indexEntry(runId, accountId);
            if (entry == null) return out;
            record Point(String market, int step, int round, String side) {}
            Map<Integer, Point> points = new HashMap<>();
            jdbc.sql(QUEUE_POINT_NUMBERS).param(runId).query(rs -> {
                points.put(rs.getInt(1), new Point(rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5)));
            });
            for (int i = 0; i < entry.placePoints().length; i++) {
                Point p = points.get(entry.placePoints()[i]);
                if (p == null || !p.market().equals(market)) continue;
                int rank = entry.placeRanks()[i];
                out.addAll(queue(runId, new QueuePoint(p.market(), p.step(), p.round(), p.side(), 0), rank, rank));
            }
        }
        out.sort(Comparator.comparingInt(QueueEntry::step).thenComparingInt(QueueEntry::round)
                .thenComparing(QueueEntry::side).thenComparingInt(QueueEntry::rank));
        return out;
    }

    private AccountIndex.Entry indexEntry(long runId, String accountId) {
        Optional<byte[]> bucket = jdbc.sql(INDEX_BUCKET).param(runId).param(AccountIndex.bucket(accountId))
                .query((rs, i) -> rs.getBytes(1)).optional();
        return bucket.map(b -> AccountIndex.find(b, accountId)).orElse(null);
    }

    private static Object[] array(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return (Object[]) a.getArray();
    }

    private static BigDecimal dec(Object v) { return v == null ? null : Money.clean((BigDecimal) v); }

    private static final class EventChunk {
        final int chunkNo;
        final int entries;
        final Object[] steps, rounds, kinds, accounts, counterparties, markets, sides, sizes, prices, amounts, equities,
                rules, reasons;

        EventChunk(ResultSet rs) throws SQLException {
            chunkNo = rs.getInt(1);
            entries = rs.getInt(2);
            steps = array(rs, 3);
            rounds = array(rs, 4);
            kinds = array(rs, 5);
            accounts = array(rs, 6);
            counterparties = array(rs, 7);
            markets = array(rs, 8);
            sides = array(rs, 9);
            sizes = array(rs, 10);
            prices = array(rs, 11);
            amounts = array(rs, 12);
            equities = array(rs, 13);
            rules = array(rs, 14);
            reasons = array(rs, 15);
        }

        RunEvent event(int i) {
            return new RunEvent((Integer) steps[i], (Integer) rounds[i], RunEvent.Kind.valueOf((String) kinds[i]),
                    (String) accounts[i], (String) counterparties[i], (String) markets[i], (String) sides[i], dec(sizes[i]),
                    dec(prices[i]), dec(amounts[i]), dec(equities[i]), (String) rules[i], (String) reasons[i]);
        }
    }

    private static final class QueueChunk {
        final int step, round;
        final String market, side;
        final int entries;
        final int[] ranks;
        final Object[] accounts, sizes, scores, percentiles, rules;

        QueueChunk(ResultSet rs) throws SQLException {
            step = rs.getInt(1);
            round = rs.getInt(2);
            market = rs.getString(3);
            side = rs.getString(4);
            entries = rs.getInt(5);
            Object[] r = array(rs, 6);
            ranks = new int[r.length];
            for (int i = 0; i < r.length; i++) ranks[i] = (Integer) r[i];
            accounts = array(rs, 7);
            sizes = array(rs, 8);
            scores = array(rs, 9);
            percentiles = array(rs, 10);
            rules = array(rs, 11);
        }

        QueueEntry entry(int i) {
            return new QueueEntry(step, round, market, side, ranks[i], (String) accounts[i], dec(sizes[i]),
                    (Double) scores[i], (Integer) percentiles[i], (String) rules[i]);
        }
    }
}
