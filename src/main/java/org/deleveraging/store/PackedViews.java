package org.deleveraging.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.h2.tools.SimpleResultSet;

/**
 * H2 table functions that unpack stored chunks as one row per outcome, event, queue place, account or position,
 * with the columns the tables {@code run_outcome}, {@code run_event}, {@code run_queue}, {@code set_account} and
 * {@code set_position} had in V1. The views of those names call them with NULL (every run);
 * {@code SELECT * FROM run_event_rows(7)} unpacks run 7 only. They are for ad-hoc SQL and small reads: H2 cannot
 * push a WHERE clause into a function, so a view reads every chunk it covers; the workbench itself reads chunks
 * through {@link RunResultReader}, {@link RunChunkScan} and {@link AccountSetChunks}. The migrations V3 and V4 name
 * these methods in {@code CREATE ALIAS}: renaming or moving one needs a migration that recreates its alias.
 */
public final class PackedViews {
    private PackedViews() {}

    /** H2 asks a table function for its columns with a connection of this URL, expecting no rows. */
    private static final String COLUMN_LIST = "jdbc:columnlist:connection";

    public static ResultSet events(Connection c, Long runId) throws SQLException {
        SimpleResultSet out = new SimpleResultSet();
        out.addColumn("RUN_ID", Types.BIGINT, 19, 0);
        out.addColumn("EVENT_NO", Types.INTEGER, 10, 0);
        out.addColumn("STEP", Types.INTEGER, 10, 0);
        out.addColumn("ROUND_NO", Types.INTEGER, 10, 0);
        out.addColumn("KIND", Types.VARCHAR, 16, 0);
        out.addColumn("ACCOUNT_ID", Types.VARCHAR, 64, 0);
        out.addColumn("COUNTERPARTY_ID", Types.VARCHAR, 64, 0);
        out.addColumn("MARKET", Types.VARCHAR, 32, 0);
        out.addColumn("SIDE", Types.VARCHAR, 5, 0);
        for (String name : new String[] {"SIZE", "PRICE", "AMOUNT", "EQUITY_AFTER"}) decimal(out, name);
        out.addColumn("RULE_ID", Types.VARCHAR, 100, 0);
        out.addColumn("REASON", Types.VARCHAR, 1_000_000, 0);
        if (c.getMetaData().getURL().equals(COLUMN_LIST)) return out;
        scan(c, "SELECT run_id, chunk_no, data FROM run_event_pack", "run_id", runId, "run_id, chunk_no", rs -> {
            int no = rs.getInt(2) * ResultChunks.EVENTS;
            for (RunEvent e : ResultChunks.events(rs.getBytes(3)))
                out.addRow(rs.getLong(1), no++, e.step(), e.round(), e.kind().name(), e.accountId(),
                        e.counterpartyId(), e.market(), e.side(), e.size(), e.price(), e.amount(), e.equityAfter(),
                        e.ruleId(), e.reason());
        });
        return out;
    }

    public static ResultSet outcomes(Connection c, Long runId) throws SQLException {
        SimpleResultSet out = new SimpleResultSet();
        out.addColumn("RUN_ID", Types.BIGINT, 19, 0);
        out.addColumn("ACCOUNT_ID", Types.VARCHAR, 64, 0);
        for (String name : new String[] {"EQUITY_START", "EQUITY_END", "LIQUIDATED_NOTIONAL", "ADL_SIZE", "HAIRCUT",
                "EQUITY_BEFORE_HAIRCUT", "PROFIT_BEFORE_HAIRCUT", "BAD_DEBT"}) decimal(out, name);
        out.addColumn("EVENTS", Types.INTEGER, 10, 0);
        if (c.getMetaData().getURL().equals(COLUMN_LIST)) return out;
        scan(c, "SELECT run_id, data FROM run_outcome_pack", "run_id", runId, "run_id, chunk_no", rs -> {
            for (AccountOutcome o : ResultChunks.outcomes(rs.getBytes(2)))
                out.addRow(rs.getLong(1), o.accountId(), o.equityStart(), o.equityEnd(), o.liquidatedNotional(),
                        o.adlSize(), o.haircut(), o.equityBeforeHaircut(), o.profitBeforeHaircut(), o.badDebt(),
                        o.events());
        });
        return out;
    }

    public static ResultSet places(Connection c, Long runId) throws SQLException {
        SimpleResultSet out = new SimpleResultSet();
        out.addColumn("RUN_ID", Types.BIGINT, 19, 0);
        out.addColumn("MARKET", Types.VARCHAR, 32, 0);
        out.addColumn("STEP", Types.INTEGER, 10, 0);
        out.addColumn("ROUND_NO", Types.INTEGER, 10, 0);
        out.addColumn("SIDE", Types.VARCHAR, 5, 0);
        out.addColumn("QUEUE_RANK", Types.INTEGER, 10, 0);
        out.addColumn("ACCOUNT_ID", Types.VARCHAR, 64, 0);
        decimal(out, "SIZE");
        out.addColumn("SCORE", Types.DOUBLE, 17, 0);
        out.addColumn("PERCENTILE", Types.INTEGER, 10, 0);
        out.addColumn("RULE_ID", Types.VARCHAR, 100, 0);
        if (c.getMetaData().getURL().equals(COLUMN_LIST)) return out;
        scan(c, "SELECT step, round_no, market, side, data, run_id FROM run_queue_pack", "run_id", runId,
                "run_id, market, step, round_no, side, rank_block", rs -> {
            for (QueueEntry q : RunResultReader.places(rs))
                out.addRow(rs.getLong(6), q.market(), q.step(), q.round(), q.side(), q.rank(), q.accountId(),
                        q.size(), q.score(), q.percentile(), q.ruleId());
        });
        return out;
    }

    public static ResultSet accounts(Connection c, Long setId) throws SQLException {
        SimpleResultSet out = new SimpleResultSet();
        out.addColumn("SET_ID", Types.BIGINT, 19, 0);
        out.addColumn("ACCOUNT_NO", Types.INTEGER, 10, 0);
        out.addColumn("ACCOUNT_ID", Types.VARCHAR, 64, 0);
        out.addColumn("MARGIN_MODE", Types.VARCHAR, 8, 0);
        decimal(out, "WALLET_BALANCE");
        if (c.getMetaData().getURL().equals(COLUMN_LIST)) return out;
        scan(c, "SELECT set_id, chunk_no, data FROM set_account_pack", "set_id", setId, "set_id, chunk_no", rs -> {
            long set = rs.getLong(1);
            int[] no = {rs.getInt(2) * AccountSetChunks.CHUNK};
            AccountSetChunks.accounts(rs.getBytes(3), (id, mode, wallet) -> out.addRow(set, no[0]++, id, mode, wallet));
        });
        return out;
    }

    public static ResultSet positions(Connection c, Long setId) throws SQLException {
        SimpleResultSet out = new SimpleResultSet();
        out.addColumn("SET_ID", Types.BIGINT, 19, 0);
        out.addColumn("ACCOUNT_NO", Types.INTEGER, 10, 0);
        out.addColumn("POSITION_NO", Types.INTEGER, 10, 0);
        out.addColumn("MARKET_NO", Types.INTEGER, 10, 0);
        out.addColumn("SIDE", Types.CHAR, 1, 0);
        for (String name : new String[] {"SIZE", "ENTRY_PRICE", "ISOLATED_MARGIN"}) decimal(out, name);
        if (c.getMetaData().getURL().equals(COLUMN_LIST)) return out;
        scan(c, "SELECT set_id, data FROM set_position_pack", "set_id", setId, "set_id, chunk_no", rs -> {
            long set = rs.getLong(1);
            AccountSetChunks.positions(rs.getBytes(2), (accountNo, positionNo, marketNo, side, size, entryPrice,
                    isolatedMargin) -> out.addRow(set, accountNo, positionNo, marketNo, side, size, entryPrice,
                    isolatedMargin));
        });
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Reads every row of {@code select}, or those whose {@code idColumn} is {@code id} when given, in {@code order}.
     */
    private static void scan(Connection c, String select, String idColumn, Long id, String order, RowReader row)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + (id == null ? "" : " WHERE " + idColumn + " = ?")
                + " ORDER BY " + order)) {
            if (id != null) ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.read(rs);
            }
        }
    }

    /** A DECFLOAT column, as the V2 views had: any scale, so that no figure is rounded on its way out. */
    private static void decimal(SimpleResultSet out, String name) {
        out.addColumn(name, Types.DECIMAL, "DECFLOAT", 100_000, 0);
    }
}
