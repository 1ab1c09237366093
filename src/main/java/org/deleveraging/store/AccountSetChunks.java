package org.deleveraging.store;

import org.deleveraging.accounts.StoreProgress;
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
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;

/**
 * An account set's accounts and positions, 4,096 to a packed chunk (see V4__packed_account_sets): a million
 * positions are ~250 binary values, which H2 stores without converting an element at a time. Accounts keep their
 * number (chunk_no * 4096 + place in the chunk); positions are in (account number, position number) order.
 *
 * <p>An account is its id, margin mode and wallet balance; a position is the step from the previous position's
 * account number (from 0 for a chunk's first), its position number, market number, side ("L" or "S"), size, entry price
 * and isolated margin.
 * Amounts are stored as {@link org.deleveraging.domain.Money#clean} leaves them, as they have always been read.
 */
final class AccountSetChunks {
    static final int CHUNK = 4096;
    private static final int COMMIT_BYTES = 16 << 20;

    private AccountSetChunks() {}

    /** Writes the accounts and positions, committing as it goes; the set stays LOADING until the caller's commit. */
    static void write(Connection c, long setId, List<Account> accounts, Map<String, Integer> marketNo, int positions,
                      StoreProgress progress) throws SQLException {
        long total = accounts.size() + (long) positions;
        long done = 0;
        long uncommitted = 0;
        ChunkEncoder packer = new ChunkEncoder();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO set_account_pack (set_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            for (int from = 0; from < accounts.size(); from += CHUNK) {
                int n = Math.min(CHUNK, accounts.size() - from);
                packer.reset();
                packer.count(n);
                for (int i = from; i < from + n; i++) account(packer, accounts.get(i).id(),
                        accounts.get(i).mode().name(), accounts.get(i).walletBalance());
                uncommitted += insert(ps, setId, from / CHUNK, n, packer.toBytes());
                if (uncommitted >= COMMIT_BYTES) {
                    c.commit();
                    uncommitted = 0;
                }
                progress.onRows(done += n, total);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO set_position_pack (set_id, chunk_no, entries, data) VALUES (?, ?, ?, ?)")) {
            Positions chunk = new Positions(packer);
            int chunkNo = 0;
            for (int accountNo = 0; accountNo < accounts.size(); accountNo++) {
                Account a = accounts.get(accountNo);
                int positionNo = 0;
                for (Position p : a.positions()) {
                    Integer market = marketNo.get(p.market());
                    if (market == null) throw new IllegalArgumentException(a.id() + ": unknown market " + p.market());
                    chunk.add(accountNo, positionNo++, market, p.side() == Side.LONG ? "L" : "S", p.size(),
                            p.entryPrice(), p.isolatedMargin());
                    if (chunk.size == CHUNK) {
                        uncommitted += insert(ps, setId, chunkNo++, chunk.size, chunk.toBytes());
                        if (uncommitted >= COMMIT_BYTES) {
                            c.commit();
                            uncommitted = 0;
                        }
                        progress.onRows(done += CHUNK, total);
                        chunk.clear();
                    }
                }
            }
            if (chunk.size > 0) insert(ps, setId, chunkNo, chunk.size, chunk.toBytes());
        }
        progress.onRows(total, total);
    }

    private static int insert(PreparedStatement ps, long setId, int chunkNo, int entries,
            byte[] data) throws SQLException {
        ps.setLong(1, setId);
        ps.setInt(2, chunkNo);
        ps.setInt(3, entries);
        ps.setBytes(4, data);
        ps.executeUpdate();
        return data.length;
    }

    static void account(ChunkEncoder out, String id, String marginMode, BigDecimal walletBalance) {
        out.string(id);
        out.string(marginMode);
        out.money(walletBalance);
    }

    /** One account as {@link #account} packs it. */
    interface AccountRow {
        void accept(String id, String marginMode, BigDecimal walletBalance);
    }

    /** One position as {@link Positions#add} packs it. */
    interface PositionRow {
        void accept(int accountNo, int positionNo, int marketNo, String side, BigDecimal size, BigDecimal entryPrice,
                    BigDecimal isolatedMargin);
    }

    /** Unpacks a chunk of accounts, in order: the one reading of the format, for the store and the SQL views. */
    static void accounts(byte[] chunk, AccountRow each) {
        ChunkDecoder in = new ChunkDecoder(chunk);
        for (int i = in.count(); i > 0; i--) each.accept(in.string(), in.string(), in.decimal());
    }

    /** Unpacks a chunk of positions, in order: the one reading of the format, for the store and the SQL views. */
    static void positions(byte[] chunk, PositionRow each) {
        ChunkDecoder in = new ChunkDecoder(chunk);
        int accountNo = 0;
        for (int i = in.count(); i > 0; i--) {
            accountNo += in.integer();
            each.accept(accountNo, in.count(), in.count(), in.string(), in.decimal(), in.decimal(), in.decimal());
        }
    }

    /** Reads the accounts in their order, with their positions; {@code markets} by market number. */
    static List<Account> read(Connection c, long setId, Map<Integer, Market> markets,
            int accountCount) throws SQLException {
        List<Position>[] positions = readPositions(c, setId, markets, accountCount);
        List<Account> accounts = new ArrayList<>(accountCount);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM set_account_pack WHERE set_id = ? ORDER BY chunk_no")) {
            ps.setLong(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    accounts(rs.getBytes(1), (id, mode, wallet) -> {
                        List<Position> held = positions[accounts.size()];
                        accounts.add(
                                new Account(id, MarginMode.valueOf(mode), wallet, held == null ? List.of() : held));
                    });
            }
        }
        return accounts;
    }

    @SuppressWarnings("unchecked")
    private static List<Position>[] readPositions(Connection c, long setId, Map<Integer, Market> markets, int accounts)
            throws SQLException {
        List<Position>[] out = new List[accounts];
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM set_position_pack WHERE set_id = ? ORDER BY chunk_no")) {
            ps.setLong(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    // the position number is not needed: positions are stored in order
                    positions(rs.getBytes(1),
                            (accountNo, positionNo, marketNo, side, size, entryPrice, isolatedMargin) -> {
                        if (out[accountNo] == null) out[accountNo] = new ArrayList<>(2);
                        out[accountNo].add(
                                new Position(markets.get(marketNo).symbol(), "L".equals(side) ? Side.LONG : Side.SHORT,
                                size, entryPrice, isolatedMargin));
                    });
            }
        }
        return out;
    }

    /** A chunk of positions being packed; its count goes first but is known only when the chunk is full. */
    static final class Positions {
        private final ChunkEncoder body = new ChunkEncoder();
        private final ChunkEncoder packer;
        private int previousAccount;
        int size;

        Positions(ChunkEncoder packer) {
            this.packer = packer;
            clear();
        }

        void clear() {
            body.reset();
            size = 0;
            previousAccount = 0;
        }

        void add(int accountNo, int positionNo, int marketNo, String side, BigDecimal size, BigDecimal entryPrice,
                 BigDecimal isolatedMargin) {
            body.integer(accountNo - previousAccount);
            previousAccount = accountNo;
            body.count(positionNo);
            body.count(marketNo);
            body.string(side);
            body.money(size);
            body.money(entryPrice);
            body.money(isolatedMargin);
            this.size++;
        }

        byte[] toBytes() { return packer.reset().withCount(size, body); }
    }
}
