package org.deleveraging.store;

import static org.deleveraging.store.Db.dec;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.AccountSetRepository;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.input.DuplicateNameException;

/**
 * Account sets in H2: a header row, the markets, and the accounts and positions in packed chunks
 * ({@link AccountSetChunks}); the header's status turns READY in the last commit, and every read filters on it.
 */
final class H2AccountSets implements AccountSetRepository {
    private final Db db;
    private final Clock clock;

    H2AccountSets(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public AccountSetInfo saveAccountSet(AccountSet set, Map<String, BigDecimal> referenceMarks, String source,
                                         StoreProgress progress) {
        for (String symbol : set.markets().keySet())
            if (!referenceMarks.containsKey(symbol))
                throw new IllegalArgumentException("no reference mark for market " + symbol);
        if (accountSet(set.name()).isPresent())
            throw new DuplicateNameException("an account set named '" + set.name()
                    + "' exists; delete it first or choose another name");
        // hashing a million positions takes about a second: on the other core, while the rows are written
        CompletableFuture<String> hashing = CompletableFuture.supplyAsync(() -> ContentHash.accountSet(set));
        int positions = set.accounts().stream().mapToInt(a -> a.positions().size()).sum();
        DataFolder.checkRoom(db.dataSource, DataFolder.SET_BYTES_PER_POSITION * (positions + set.accounts().size()),
                "this account set");
        Instant now = clock.instant();
        record Written(long id, String hash) {}
        Written written;
        try {
            written = db.inTransaction(c -> {
                long id = insertSetHeader(c, set, source, positions, now);
                c.commit();
                writeSetRows(c, id, set, referenceMarks, progress, positions);
                String hash = hashing.join();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE account_set SET status = 'READY', content_hash = ? WHERE set_id = ?")) {
                    ps.setString(1, hash);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                return new Written(id, hash);
            });
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1)
                throw new DuplicateNameException("an account set named '" + set.name()
                        + "' exists; delete it first or choose another name");
            discardLoadingSet(set.name());
            throw StoreException.because("could not store account set " + set.name() + " (" + DataFolder.reason(e)
                    + "); nothing of it was kept", e);
        } catch (RuntimeException e) {
            discardLoadingSet(set.name());
            throw e;
        }
        db.acknowledge();
        return new AccountSetInfo(written.id(), set.name(), source, written.hash(), set.accounts().size(), positions,
                now);
    }

    /** The set's row, LOADING; its content hash is filled in with the status, in the last commit. */
    private static long insertSetHeader(Connection c, AccountSet set, String source, int positions, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account_set (name, status, source, content_hash, account_count, position_count, created_at)
                VALUES (?, 'LOADING', ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, set.name());
            ps.setString(2, Db.clip(source, 1000));
            ps.setString(3, "0".repeat(64));
            ps.setInt(4, set.accounts().size());
            ps.setInt(5, positions);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void writeSetRows(Connection c, long id, AccountSet set, Map<String, BigDecimal> marks,
                                     StoreProgress progress, int positions) throws SQLException {
        Map<String, Integer> marketNo = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO set_market (set_id, market_no, symbol, contract_type, settlement_asset, tick_size, lot_size,
                    contract_value, bid_depth, ask_depth, permanent_impact, reference_mark)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int n = 0;
            for (Market m : set.markets().values()) {
                marketNo.put(m.symbol(), n);
                ps.setLong(1, id);
                ps.setInt(2, n++);
                ps.setString(3, m.symbol());
                ps.setString(4, m.type().name());
                ps.setString(5, m.settlementAsset());
                ps.setBigDecimal(6, m.tickSize());
                ps.setBigDecimal(7, m.lotSize());
                ps.setBigDecimal(8, m.contractValue());
                ps.setBigDecimal(9, m.liquidity().bidDepth());
                ps.setBigDecimal(10, m.liquidity().askDepth());
                ps.setBigDecimal(11, m.liquidity().permanentImpact());
                ps.setBigDecimal(12, marks.get(m.symbol()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        AccountSetChunks.write(c, id, set.accounts(), marketNo, positions, progress);
    }

    private void discardLoadingSet(String name) {
        try {
            db.jdbc.sql("SELECT set_id FROM account_set WHERE name = ? AND status = 'LOADING'").param(name)
                    .query(Long.class).list().forEach(this::deleteSetRows);
        } catch (RuntimeException ignored) {
            // the next start removes it: discardUnfinished()
        }
    }

    @Override
    public List<AccountSetInfo> accountSets() {
        return db.jdbc.sql(SET_COLUMNS + " WHERE status = 'READY' ORDER BY name").query(H2AccountSets::setInfo).list();
    }

    @Override
    public Optional<AccountSetInfo> accountSet(String name) {
        return db.jdbc.sql(SET_COLUMNS + " WHERE name = ? AND status = 'READY'").param(name)
                .query(H2AccountSets::setInfo).optional();
    }

    private static final String SET_COLUMNS = """
            SELECT set_id, name, source, content_hash, account_count, position_count, created_at FROM account_set""";

    private static AccountSetInfo setInfo(ResultSet rs, int row) throws SQLException {
        return new AccountSetInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getTimestamp(7).toInstant());
    }

    @Override
    public Optional<StoredAccountSet> loadAccountSet(String name) {
        Optional<AccountSetInfo> info = accountSet(name);
        if (info.isEmpty()) return Optional.empty();
        long id = info.get().id();
        try (Connection c = db.dataSource.getConnection()) {
            Map<Integer, Market> markets = new LinkedHashMap<>();
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT market_no, symbol, contract_type, settlement_asset, tick_size, lot_size, contract_value,
                           bid_depth, ask_depth, permanent_impact, reference_mark
                    FROM set_market WHERE set_id = ? ORDER BY market_no""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Market m = new Market(rs.getString(2), ContractType.valueOf(rs.getString(3)), rs.getString(4),
                                dec(rs, 5), dec(rs, 6), dec(rs, 7), new Liquidity(dec(rs, 8), dec(rs, 9), dec(rs, 10)));
                        markets.put(rs.getInt(1), m);
                        marks.put(m.symbol(), dec(rs, 11));
                    }
                }
            }
            List<Account> accounts = AccountSetChunks.read(c, id, markets, info.get().accounts());
            Map<String, Market> bySymbol = new LinkedHashMap<>();
            for (Market m : markets.values()) bySymbol.put(m.symbol(), m);
            return Optional.of(new StoredAccountSet(info.get(), new AccountSet(name, bySymbol, accounts), marks));
        } catch (SQLException e) {
            throw new StoreException("could not read account set " + name, e);
        }
    }

    @Override
    public boolean deleteAccountSet(String name) {
        Optional<AccountSetInfo> info = accountSet(name);
        if (info.isEmpty()) return false;
        long id = info.get().id();
        db.jdbc.sql("UPDATE run SET set_id = NULL WHERE set_id = ?").param(id).update();
        // hide it first, in its own commit: a delete interrupted half-way is finished by the next start
        db.jdbc.sql("UPDATE account_set SET status = 'LOADING' WHERE set_id = ?").param(id).update();
        deleteSetRows(id);
        db.acknowledge();
        return true;
    }

    /** The tables holding a set's rows. */
    static final Db.Rows ROWS = new Db.Rows("set_id", List.of("set_position_pack", "set_account_pack",
            "set_market", "account_set"));

    private void deleteSetRows(long id) { ROWS.delete(db.jdbc, id); }

}
