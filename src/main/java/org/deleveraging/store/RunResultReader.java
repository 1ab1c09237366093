package org.deleveraging.store;

import org.deleveraging.run.QueuePoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    static final String EVENT_CHUNK = "SELECT data FROM run_event_pack WHERE run_id = ? AND chunk_no = ?";

    /** Every chunk of a run, for runs stored before the account index existed. */
    static final String EVENT_CHUNKS_OF_RUN = "SELECT data FROM run_event_pack WHERE run_id = ? ORDER BY chunk_no";

    static final String QUEUE_POINTS = """
            SELECT market, step, round_no, side, SUM(entries) FROM run_queue_pack WHERE run_id = ? AND market = ?
            GROUP BY market, step, round_no, side ORDER BY step, round_no, side""";

    private static final String QUEUE_CHUNK_COLUMNS = "SELECT step, round_no, market, side, data FROM run_queue_pack";

    /** The blocks of one ranking that hold ranks from..to: a range on the primary key's last column. */
    static final String QUEUE_RANGE = QUEUE_CHUNK_COLUMNS + " " + """
            WHERE run_id = ? AND market = ? AND step = ? AND round_no = ? AND side = ? AND rank_block BETWEEN ? AND ?
            ORDER BY rank_block""";

    static final String QUEUE_POINT_NUMBERS = """
            SELECT DISTINCT point_no, market, step, round_no, side FROM run_queue_pack WHERE run_id = ?""";

    /** Every block of a run's rankings on one market, for runs stored before the account index existed. */
    static final String QUEUE_CHUNKS_OF_MARKET = QUEUE_CHUNK_COLUMNS + " WHERE run_id = ? AND market = ?";

    List<RunEvent> events(long runId, String accountId, boolean indexed) {
        List<RunEvent> out = new ArrayList<>();
        if (!indexed) {
            jdbc.sql(EVENT_CHUNKS_OF_RUN).param(runId).query(rs -> {
                for (RunEvent e : ResultChunks.events(rs.getBytes(1)))
                    if (accountId.equals(e.accountId()) || accountId.equals(e.counterpartyId())) out.add(e);
            });
            return out;
        }
        AccountIndex.Entry entry = indexEntry(runId, accountId);
        if (entry == null) return out;
        Map<Integer, List<Integer>> byChunk = new TreeMap<>();
        for (int no : entry.events()) byChunk.computeIfAbsent(no / RunResultWriter.EVENT_CHUNK, k -> new ArrayList<>())
                .add(no);
        byChunk.forEach((chunkNo, numbers) -> jdbc.sql(EVENT_CHUNK).param(runId).param(chunkNo).query(rs -> {
            List<RunEvent> chunk = ResultChunks.events(rs.getBytes(1));
            for (int no : numbers) out.add(chunk.get(no - chunkNo * RunResultWriter.EVENT_CHUNK));
        }));
        return out;
    }

    List<QueuePoint> queuePoints(long runId, String market) {
        return jdbc.sql(QUEUE_POINTS).param(runId).param(market)
                .query((rs, i) ->
                        new QueuePoint(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank) {
        List<QueueEntry> out = new ArrayList<>();
        if (toRank < fromRank || toRank < 1) return out;
        int from = Math.max(1, fromRank);
        jdbc.sql(QUEUE_RANGE).param(runId).param(point.market()).param(point.step()).param(point.round())
                .param(point.side())
                .param((from - 1) / RunResultWriter.QUEUE_BLOCK).param((toRank - 1) / RunResultWriter.QUEUE_BLOCK)
                .query(rs -> {
                    for (QueueEntry q : places(rs)) if (q.rank() >= from && q.rank() <= toRank) out.add(q);
                });
        return out;
    }

    List<QueueEntry> queueEntries(long runId, String market, String accountId, boolean indexed) {
        List<QueueEntry> out = new ArrayList<>();
        if (!indexed) {
            jdbc.sql(QUEUE_CHUNKS_OF_MARKET).param(runId).param(market).query(rs -> {
                for (QueueEntry q : places(rs)) if (accountId.equals(q.accountId())) out.add(q);
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

    /** The places of the queue chunk in the current row of a {@link #QUEUE_CHUNK_COLUMNS} query. */
    static List<QueueEntry> places(ResultSet rs) throws SQLException {
        return ResultChunks.places(rs.getBytes(5), rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4));
    }
}
