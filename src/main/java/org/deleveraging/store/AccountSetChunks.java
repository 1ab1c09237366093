package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;

/**
 * An account set's accounts and positions, 4,096 to a row of array columns (see V2__compact_run_results.sql): a
 * million positions are ~250 rows instead of a million, which is what made an import and a load take seconds.
 */
final class AccountSetChunks {
    static final int CHUNK = 4096;

    private AccountSetChunks() {}

    /** Writes the accounts and positions, committing after each chunk; the set stays LOADING until the caller's commit. */
    static void write(Connection c, long setId, List<Account> accounts, Map<String, Integer> marketNo, int positions,
                      StoreProgress progress) throws SQLException {
        long total = accounts.size() + (long) positions;
        long done = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO set_account_chunk (set_id, chunk_no, entries, account_ids, margin_modes, wallet_balances)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (int from = 0; from < accounts.size(); from += CHUNK) {
                int n = Math.min(CHUNK, accounts.size() - from);
                Object[] ids = new Object[n];
                Object[] modes = new Object[n];
                Object[] wallets = new Object[n];
                for (int i = 0; i < n; i++) {
                    Account a = accounts.get(from + i);
                    ids[i] = a.id();
                    modes[i] = a.mode().name();
                    wallets[i] = a.walletBalance();
                }
                ps.setLong(1, setId);
                ps.setInt(2, from / CHUNK);
                ps.setInt(3, n);
                ps.setObject(4, ids);
                ps.setObject(5, modes);
                ps.setObject(6, wallets);
                ps.executeUpdate();
                c.commit();
                progress.onRows(done += n, total);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO set_position_chunk (set_id, chunk_no, entries, account_nos, position_nos, market_nos, sides,
                    sizes, entry_prices, isolated_margins)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            PositionChunk chunk = new PositionChunk();
            int chunkNo = 0;
            for (int accountNo = 0; accountNo < accounts.size(); accountNo++) {
                Account a = accounts.get(accountNo);
                int positionNo = 0;
                for (Position p : a.positions()) {
                    Integer market = marketNo.get(p.market());
                    if (market == null) throw new IllegalArgumentException(a.id() + ": unknown market " + p.market());
                    chunk.add(accountNo, positionNo++, market, p);
                    if (chunk.size == CHUNK) {
                        chunk.insert(ps, setId, chunkNo++);
                        c.commit();
                        progress.onRows(done += CHUNK, total);
                        chunk = new PositionChunk();
                    }
                }
            }
            if (chunk.size > 0) chunk.insert(ps, setId, chunkNo);
        }
        progress.onRows(total, total);
    }

    /** Reads the accounts in their order, with their positions; {@code markets} by market number. */
    static List<Account> read(Connection c, long setId, Map<Integer, Market> markets, int accountCount) throws SQLException {
        List<Position>[] positions = readPositions(c, setId, markets, accountCount);
        List<Account> accounts = new ArrayList<>(accountCount);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT account_ids, margin_modes, wallet_balances FROM set_account_chunk WHERE set_id = ? ORDER BY chunk_no""")) {
            ps.setLong(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] ids = array(rs, 1);
                    Object[] modes = array(rs, 2);
                    Object[] wallets = array(rs, 3);
                    for (int i = 0; i < ids.length; i++) {
                        int no = accounts.size();
                        accounts.add(new Account((String) ids[i], MarginMode.valueOf((String) modes[i]), dec(wallets[i]),
                                positions[no] == null ? List.of() : positions[no]));
                    }
                }
            }
        }
        return accounts;
    }

    @SuppressWarnings("unchecked")
    private static List<Position>[] readPositions(Connection c, long setId, Map<Integer, Market> markets, int accounts)
            throws SQLException {
        List<Position>[] out = new List[accounts];
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT account_nos, market_nos, sides, sizes, entry_prices, isolated_margins FROM set_position_chunk
                WHERE set_id = ? ORDER BY chunk_no""")) {
            ps.setLong(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] accountNos = array(rs, 1);
                    Object[] marketNos = array(rs, 2);
                    Object[] sides = array(rs, 3);
                    Object[] sizes = array(rs, 4);
                    Object[] entries = array(rs, 5);
                    Object[] margins = array(rs, 6);
                    for (int i = 0; i < accountNos.length; i++) {
                        int no = (Integer) accountNos[i];
                        if (out[no] == null) out[no] = new ArrayList<>(2);
                        out[no].add(new Position(markets.get((Integer) marketNos[i]).symbol(),
                                "L".equals(sides[i]) ? Side.LONG : Side.SHORT, dec(sizes[i]), dec(entries[i]), dec(margins[i])));
                    }
                }
            }
        }
        return out;
    }

    private static Object[] array(ResultSet rs, int column) throws SQLException {
        return (Object[]) rs.getArray(column).getArray();
    }

    private static BigDecimal dec(Object v) { return v == null ? null : Money.clean((BigDecimal) v); }

    private static final class PositionChunk {
        final Object[] accountNos = new Object[CHUNK];
        final Object[] positionNos = new Object[CHUNK];
        final Object[] marketNos = new Object[CHUNK];
        final Object[] sides = new Object[CHUNK];
        final Object[] sizes = new Object[CHUNK];
        final Object[] entries = new Object[CHUNK];
        final Object[] margins = new Object[CHUNK];
        int size;

        void add(int accountNo, int positionNo, int marketNo, Position p) {
            accountNos[size] = accountNo;
            positionNos[size] = positionNo;
            marketNos[size] = marketNo;
            sides[size] = p.side() == Side.LONG ? "L" : "S";
            sizes[size] = p.size();
            entries[size] = p.entryPrice();
            margins[size] = p.isolatedMargin();
            size++;
        }

        void insert(PreparedStatement ps, long setId, int chunkNo) throws SQLException {
            ps.setLong(1, setId);
            ps.setInt(2, chunkNo);
            ps.setInt(3, size);
            Object[][] columns = {accountNos, positionNos, marketNos, sides, sizes, entries, margins};
            for (int k = 0; k < columns.length; k++)
                ps.setObject(4 + k, size == CHUNK ? columns[k] : java.util.Arrays.copyOf(columns[k], size));
            ps.executeUpdate();
        }
    }
}
