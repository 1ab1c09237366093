package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.engine.AccountOutcome;

/**
 * The V3 migration (called by {@code db.migration.V3__packed_run_results}): creates the packed chunk tables, converts
 * every V2 chunk of array columns into one packed chunk with the same key (chunk for chunk, so the account index
 * stays valid) and every run's outcome rows into chunks of 1,024 accounts, then drops the old tables and puts
 * {@code run_outcome}, {@code run_event} and {@code run_queue} back as read-only views over {@link PackedViews}. H2
 * commits each DDL statement, so a conversion that fails half-way leaves the V2 tables
 * untouched, and the migration starts again from an empty packed table after {@code flyway repair}.
 */
public final class PackedRunMigration {
    private PackedRunMigration() {}

    private static final String[] CREATE = {
            "DROP TABLE IF EXISTS run_event_pack",
            "DROP TABLE IF EXISTS run_queue_pack",
            "DROP TABLE IF EXISTS run_outcome_pack",
            """
            CREATE TABLE run_outcome_pack (
                run_id       BIGINT NOT NULL,
                chunk_no     INT    NOT NULL,             -- chunks are in account id order
                entries      INT    NOT NULL,
                last_account VARCHAR(1000) NOT NULL,      -- the chunk's greatest account id: a look-up's key
                data         VARBINARY(1000000000) NOT NULL, -- ResultChunks.outcomes
                PRIMARY KEY (run_id, chunk_no))""",
            "CREATE UNIQUE INDEX run_outcome_pack_last ON run_outcome_pack (run_id, last_account)",
            """
            CREATE TABLE run_event_pack (
                run_id   BIGINT NOT NULL,
                chunk_no INT    NOT NULL,                 -- holds event_no chunk_no * 1024 + 0 .. entries - 1
                entries  INT    NOT NULL,
                data     VARBINARY(1000000000) NOT NULL,  -- ResultChunks.events
                PRIMARY KEY (run_id, chunk_no))""",
            """
            CREATE TABLE run_queue_pack (
                run_id     BIGINT      NOT NULL,
                market     VARCHAR(32) NOT NULL,
                step       INT         NOT NULL,
                round_no   INT         NOT NULL,
                side       VARCHAR(5)  NOT NULL,
                rank_block INT         NOT NULL,          -- ranks rank_block * 4096 + 1 .. (rank_block + 1) * 4096
                point_no   INT         NOT NULL,          -- the ranking's number in the run, as run_account_index has \
            it
                entries    INT         NOT NULL,
                data       VARBINARY(1000000000) NOT NULL, -- ResultChunks.places, in rank order
                PRIMARY KEY (run_id, market, step, round_no, side, rank_block))"""};

    private static final String[] REPLACE_V2 = {
            "DROP VIEW IF EXISTS run_event",
            "DROP VIEW IF EXISTS run_queue",
            "DROP TABLE run_event_chunk",
            "DROP TABLE run_queue_chunk",
            "DROP TABLE run_outcome",
            "CREATE ALIAS run_outcome_rows FOR 'org.deleveraging.store.PackedViews.outcomes'",
            "CREATE VIEW run_outcome AS SELECT * FROM run_outcome_rows(CAST(NULL AS BIGINT))",
            "CREATE ALIAS run_event_rows FOR 'org.deleveraging.store.PackedViews.events'",
            "CREATE ALIAS run_queue_rows FOR 'org.deleveraging.store.PackedViews.places'",
            "CREATE VIEW run_event AS SELECT * FROM run_event_rows(CAST(NULL AS BIGINT))",
            "CREATE VIEW run_queue AS SELECT * FROM run_queue_rows(CAST(NULL AS BIGINT))"};

    public static void migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : CREATE) st.execute(sql);
        }
        convertOutcomes(c);
        convertEvents(c);
        convertQueues(c);
        try (Statement st = c.createStatement()) {
            for (String sql : REPLACE_V2) st.execute(sql);
        }
    }

    private static void convertOutcomes(Connection c) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT run_id, account_id, equity_start, equity_end, liquidated_notional, adl_size, haircut,
                            equity_before_haircut, profit_before_haircut, bad_debt, events
                     FROM run_outcome ORDER BY run_id, account_id""");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO run_outcome_pack (run_id, chunk_no, entries, last_account, data) VALUES "
                     + "(?, ?, ?, ?, ?)")) {
            List<AccountOutcome> chunk = new ArrayList<>();
            long run = -1;
            int chunkNo = 0;
            while (true) {
                boolean more = rs.next();
                if (!chunk.isEmpty() && (!more || rs.getLong(1) != run || chunk.size() == ResultChunks.OUTCOMES)) {
                    insert.setLong(1, run);
                    insert.setInt(2, chunkNo++);
                    insert.setInt(3, chunk.size());
                    insert.setString(4, chunk.get(chunk.size() - 1).accountId());
                    insert.setBytes(5, ResultChunks.outcomes(packer, chunk, 0, chunk.size()));
                    insert.executeUpdate();
                    chunk.clear();
                }
                if (!more) break;
                if (rs.getLong(1) != run) chunkNo = 0;
                run = rs.getLong(1);
                chunk.add(new AccountOutcome(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getInt(11)));
            }
        }
    }

    private static void convertEvents(Connection c) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT run_id, chunk_no, entries, steps, rounds, kinds, account_ids, counterparty_ids, markets, \
                     sides,
                            sizes, prices, amounts, equities_after, rule_ids, reasons
                     FROM run_event_chunk ORDER BY run_id, chunk_no""");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO run_event_pack (run_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            while (rs.next()) {
                int n = rs.getInt(3);
                Object[][] col = new Object[13][];
                for (int k = 0; k < col.length; k++) col[k] = (Object[]) rs.getArray(4 + k).getArray();
                packer.reset();
                packer.count(n);
                for (int i = 0; i < n; i++)
                    ResultChunks.event(packer, (Integer) col[0][i], (Integer) col[1][i], (String) col[2][i],
                            (String) col[3][i], (String) col[4][i], (String) col[5][i], (String) col[6][i],
                            (BigDecimal) col[7][i], (BigDecimal) col[8][i], (BigDecimal) col[9][i],
                            (BigDecimal) col[10][i], (String) col[11][i], (String) col[12][i]);
                insert.setLong(1, rs.getLong(1));
                insert.setInt(2, rs.getInt(2));
                insert.setInt(3, n);
                insert.setBytes(4, packer.toBytes());
                insert.executeUpdate();
            }
        }
    }

    private static void convertQueues(Connection c) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT run_id, market, step, round_no, side, rank_block, point_no, entries, ranks, account_ids, \
                     sizes,
                            scores, percentiles, rule_ids
                     FROM run_queue_chunk ORDER BY run_id, market, step, round_no, side, rank_block""");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO run_queue_pack (run_id, market, step, round_no, side, rank_block, point_no, entries, \
                     data)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            while (rs.next()) {
                int n = rs.getInt(8);
                Object[][] col = new Object[6][];
                for (int k = 0; k < col.length; k++) col[k] = (Object[]) rs.getArray(9 + k).getArray();
                packer.reset();
                packer.count(n);
                int previous = 0;
                for (int i = 0; i < n; i++)
                    previous = ResultChunks.place(packer, previous, (Integer) col[0][i], (String) col[1][i],
                            (BigDecimal) col[2][i], (Double) col[3][i], (Integer) col[4][i], (String) col[5][i]);
                for (int k = 1; k <= 8; k++) insert.setObject(k, rs.getObject(k));
                insert.setBytes(9, packer.toBytes());
                insert.executeUpdate();
            }
        }
    }
}
