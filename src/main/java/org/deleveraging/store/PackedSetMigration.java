package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The V4 migration (called by {@code db.migration.V4__packed_account_sets}): account sets' chunks of array columns
 * become packed chunks with the same keys ({@link AccountSetChunks}), then the V2 tables are dropped and
 * {@code set_account} and {@code set_position} put back as read-only views over {@link PackedViews}. As in V3, a
 * failure half-way leaves the V2 tables untouched and the migration starts again from empty packed tables.
 */
public final class PackedSetMigration {
    private PackedSetMigration() {}

    private static final String[] CREATE = {
            "DROP TABLE IF EXISTS set_account_pack",
            "DROP TABLE IF EXISTS set_position_pack",
            """
            CREATE TABLE set_account_pack (
                set_id   BIGINT NOT NULL,
                chunk_no INT    NOT NULL,                 -- accounts chunk_no * 4096 + 0 .. entries - 1
                entries  INT    NOT NULL,
                data     VARBINARY(1000000000) NOT NULL,  -- AccountSetChunks: id, margin mode, wallet balance
                PRIMARY KEY (set_id, chunk_no))""",
            """
            CREATE TABLE set_position_pack (
                set_id   BIGINT NOT NULL,
                chunk_no INT    NOT NULL,                 -- positions in (account_no, position_no) order, 4,096 a chunk
                entries  INT    NOT NULL,
                data     VARBINARY(1000000000) NOT NULL,  -- AccountSetChunks.Positions
                PRIMARY KEY (set_id, chunk_no))"""};

    private static final String[] REPLACE_V2 = {
            "DROP VIEW IF EXISTS set_account",
            "DROP VIEW IF EXISTS set_position",
            "DROP TABLE set_account_chunk",
            "DROP TABLE set_position_chunk",
            "CREATE ALIAS set_account_rows FOR 'org.deleveraging.store.PackedViews.accounts'",
            "CREATE ALIAS set_position_rows FOR 'org.deleveraging.store.PackedViews.positions'",
            "CREATE VIEW set_account AS SELECT * FROM set_account_rows(CAST(NULL AS BIGINT))",
            "CREATE VIEW set_position AS SELECT * FROM set_position_rows(CAST(NULL AS BIGINT))"};

    public static void migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : CREATE) st.execute(sql);
        }
        convertAccounts(c);
        convertPositions(c);
        try (Statement st = c.createStatement()) {
            for (String sql : REPLACE_V2) st.execute(sql);
        }
    }

    private static void convertAccounts(Connection c) throws SQLException {
        ChunkEncoder packer = new ChunkEncoder();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT set_id, chunk_no, entries, account_ids, margin_modes, wallet_balances
                     FROM set_account_chunk ORDER BY set_id, chunk_no""");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO set_account_pack (set_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            while (rs.next()) {
                int n = rs.getInt(3);
                Object[] ids = (Object[]) rs.getArray(4).getArray();
                Object[] modes = (Object[]) rs.getArray(5).getArray();
                Object[] wallets = (Object[]) rs.getArray(6).getArray();
                packer.reset();
                packer.count(n);
                for (int i = 0; i < n; i++)
                    AccountSetChunks.account(packer, (String) ids[i], (String) modes[i], (BigDecimal) wallets[i]);
                insert.setLong(1, rs.getLong(1));
                insert.setInt(2, rs.getInt(2));
                insert.setInt(3, n);
                insert.setBytes(4, packer.toBytes());
                insert.executeUpdate();
            }
        }
    }

    private static void convertPositions(Connection c) throws SQLException {
        AccountSetChunks.Positions chunk = new AccountSetChunks.Positions(new ChunkEncoder());
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT set_id, chunk_no, entries, account_nos, position_nos, market_nos, sides, sizes, \
                     entry_prices,
                            isolated_margins
                     FROM set_position_chunk ORDER BY set_id, chunk_no""");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO set_position_pack (set_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            while (rs.next()) {
                int n = rs.getInt(3);
                Object[][] col = new Object[7][];
                for (int k = 0; k < col.length; k++) col[k] = (Object[]) rs.getArray(4 + k).getArray();
                chunk.clear();
                for (int i = 0; i < n; i++)
                    chunk.add((Integer) col[0][i], (Integer) col[1][i], (Integer) col[2][i], (String) col[3][i],
                            (BigDecimal) col[4][i], (BigDecimal) col[5][i], (BigDecimal) col[6][i]);
                insert.setLong(1, rs.getLong(1));
                insert.setInt(2, rs.getInt(2));
                insert.setInt(3, n);
                insert.setBytes(4, chunk.toBytes());
                insert.executeUpdate();
            }
        }
    }
}
