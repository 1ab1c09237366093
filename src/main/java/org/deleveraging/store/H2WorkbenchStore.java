package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on H2 (file mode by default, any JDBC URL that H2 accepts). Bulk rows go through plain JDBC batches with
 * a commit per batch, which H2 writes several times faster than one large transaction; the status column of the
 * parent row is flipped in the final commit, and every read filters on it.
 */
public final class H2WorkbenchStore implements WorkbenchStore {
    /** Rows per JDBC batch and per commit. */
    static final int BATCH = 1000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;

    public H2WorkbenchStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    // ------------------------------------------------------------------ housekeeping

    @Override
    public List<String> discardUnfinished() {
        List<String> notices = new ArrayList<>();
        record Unfinished(long id, String what) {}
        List<Unfinished> runs = jdbc.sql("""
                        SELECT run_id, policy_id, set_name, scenario_name FROM run WHERE status = 'RUNNING' ORDER BY run_id""")
                .query((rs, i) -> new Unfinished(rs.getLong(1), rs.getString(2) + " x " + rs.getString(3) + " x " + rs.getString(4)))
                .list();
        for (Unfinished r : runs) {
            deleteRunRows(r.id());
            notices.add("run " + r.id() + " (" + r.what() + ") was interrupted before it was stored completely; it has been discarded");
        }
        List<Unfinished> sets = jdbc.sql("SELECT set_id, name FROM account_set WHERE status = 'LOADING' ORDER BY set_id")
                .query((rs, i) -> new Unfinished(rs.getLong(1), rs.getString(2))).list();
        for (Unfinished s : sets) {
            deleteSetRows(s.id());
            notices.add("account set '" + s.what() + "' was interrupted while it was being written; it has been discarded");
        }
        return notices;
    }

    @Override
    public Optional<String> meta(String key) {
        return jdbc.sql("SELECT meta_value FROM meta WHERE meta_key = ?").param(key).query(String.class).optional();
    }

    @Override
    public void putMeta(String key, String value) {
        jdbc.sql("MERGE INTO meta (meta_key, meta_value) KEY (meta_key) VALUES (?, ?)").param(key).param(value).update();
    }

    // ------------------------------------------------------------------ account sets

    @Override
    public AccountSetInfo saveAccountSet(AccountSet set, Map<String, BigDecimal> referenceMarks, String source,
                                         StoreProgress progress) {
        for (String symbol : set.markets().keySet())
            if (!referenceMarks.containsKey(symbol))
                throw new IllegalArgumentException("no reference mark for market " + symbol);
        if (accountSet(set.name()).isPresent())
            throw new DuplicateNameException("an account set named '" + set.name() + "' exists; delete it first or choose another name");
        String hash = ContentHash.accountSet(set);
        int positions = set.accounts().stream().mapToInt(a -> a.positions().size()).sum();
        Instant now = clock.instant();
        long id;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                id = insertSetHeader(c, set, source, hash, positions, now);
                c.commit();
                writeSetRows(c, id, set, referenceMarks, progress, positions);
                try (PreparedStatement ps = c.prepareStatement("UPDATE account_set SET status = 'READY' WHERE set_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1)
                throw new DuplicateNameException("an account set named '" + set.name() + "' exists; delete it first or choose another name");
            discardLoadingSet(set.name());
            throw new StoreException("could not store account set " + set.name(), e);
        } catch (RuntimeException e) {
            discardLoadingSet(set.name());
            throw e;
        }
        return new AccountSetInfo(id, set.name(), source, hash, set.accounts().size(), positions, now);
    }

    private static long insertSetHeader(Connection c, AccountSet set, String source, String hash, int positions,
                                        Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account_set (name, status, source, content_hash, account_count, position_count, created_at)
                VALUES (?, 'LOADING', ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, set.name());
            ps.setString(2, clip(source, 1000));
            ps.setString(3, hash);
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
        long total = set.accounts().size() + (long) positions;
        long done = 0;
        try (PreparedStatement acc = c.prepareStatement("""
                INSERT INTO set_account (set_id, account_no, account_id, margin_mode, wallet_balance) VALUES (?, ?, ?, ?, ?)""");
             PreparedStatement pos = c.prepareStatement("""
                INSERT INTO set_position (set_id, account_no, position_no, market_no, side, size, entry_price, isolated_margin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            int accountNo = 0;
            for (Account a : set.accounts()) {
                acc.setLong(1, id);
                acc.setInt(2, accountNo);
                acc.setString(3, a.id());
                acc.setString(4, a.mode().name());
                acc.setBigDecimal(5, a.walletBalance());
                acc.addBatch();
                pending++;
                int positionNo = 0;
                for (Position p : a.positions()) {
                    Integer market = marketNo.get(p.market());
                    if (market == null) throw new IllegalArgumentException(a.id() + ": unknown market " + p.market());
                    pos.setLong(1, id);
                    pos.setInt(2, accountNo);
                    pos.setInt(3, positionNo++);
                    pos.setInt(4, market);
                    pos.setString(5, p.side() == Side.LONG ? "L" : "S");
                    pos.setBigDecimal(6, p.size());
                    pos.setBigDecimal(7, p.entryPrice());
                    pos.setBigDecimal(8, p.isolatedMargin());
                    pos.addBatch();
                    pending++;
                }
                accountNo++;
                if (pending >= BATCH) {
                    acc.executeBatch();
                    pos.executeBatch();
                    c.commit();
                    done += pending;
                    pending = 0;
                    progress.onRows(done, total);
                }
            }
            acc.executeBatch();
            pos.executeBatch();
            progress.onRows(total, total);
        }
    }

    private void discardLoadingSet(String name) {
        try {
            jdbc.sql("SELECT set_id FROM account_set WHERE name = ? AND status = 'LOADING'").param(name)
                    .query(Long.class).list().forEach(this::deleteSetRows);
        } catch (RuntimeException ignored) {
            // the next start removes it: discardUnfinished()
        }
    }

    @Override
    public List<AccountSetInfo> accountSets() {
        return jdbc.sql(SET_COLUMNS + " WHERE status = 'READY' ORDER BY name").query(H2WorkbenchStore::setInfo).list();
    }

    @Override
    public Optional<AccountSetInfo> accountSet(String name) {
        return jdbc.sql(SET_COLUMNS + " WHERE name = ? AND status = 'READY'").param(name).query(H2WorkbenchStore::setInfo).optional();
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
        try (Connection c = dataSource.getConnection()) {
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
            List<Position>[] positions = readPositions(c, id, markets, info.get().accounts());
            List<Account> accounts = new ArrayList<>(info.get().accounts());
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT account_no, account_id, margin_mode, wallet_balance FROM set_account
                    WHERE set_id = ? ORDER BY account_no""")) {
                ps.setLong(1, id);
                ps.setFetchSize(BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int no = rs.getInt(1);
                        accounts.add(new Account(rs.getString(2), MarginMode.valueOf(rs.getString(3)), dec(rs, 4),
                                positions[no] == null ? List.of() : positions[no]));
                    }
                }
            }
            Map<String, Market> bySymbol = new LinkedHashMap<>();
            for (Market m : markets.values()) bySymbol.put(m.symbol(), m);
            return Optional.of(new StoredAccountSet(info.get(), new AccountSet(name, bySymbol, accounts), marks));
        } catch (SQLException e) {
            throw new StoreException("could not read account set " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Position>[] readPositions(Connection c, long id, Map<Integer, Market> markets, int accounts)
            throws SQLException {
        List<Position>[] out = new List[accounts];
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT account_no, market_no, side, size, entry_price, isolated_margin FROM set_position
                WHERE set_id = ? ORDER BY account_no, position_no""")) {
            ps.setLong(1, id);
            ps.setFetchSize(BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int no = rs.getInt(1);
                    if (out[no] == null) out[no] = new ArrayList<>(2);
                    out[no].add(new Position(markets.get(rs.getInt(2)).symbol(),
                            "L".equals(rs.getString(3)) ? Side.LONG : Side.SHORT, dec(rs, 4), dec(rs, 5), dec(rs, 6)));
                }
            }
        }
        return out;
    }

    @Override
    public boolean deleteAccountSet(String name) {
        Optional<AccountSetInfo> info = accountSet(name);
        if (info.isEmpty()) return false;
        long id = info.get().id();
        jdbc.sql("UPDATE run SET set_id = NULL WHERE set_id = ?").param(id).update();
        // hide it first, in its own commit: a delete interrupted half-way is finished by the next start
        jdbc.sql("UPDATE account_set SET status = 'LOADING' WHERE set_id = ?").param(id).update();
        deleteSetRows(id);
        return true;
    }

    private void deleteSetRows(long id) {
        jdbc.sql("DELETE FROM set_position WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM set_account WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM set_market WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM account_set WHERE set_id = ?").param(id).update();
    }

    // ------------------------------------------------------------------ scenarios

    @Override
    public void saveScenario(StoredScenario s) {
        if (scenario(s.name()).isPresent())
            throw new DuplicateNameException("a scenario named '" + s.name() + "' was imported already; choose another name");
        jdbc.sql("INSERT INTO scenario (name, source, yaml, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)")
                .param(s.name()).param(clip(s.source(), 1000)).param(s.yaml()).param(s.hash())
                .param(Timestamp.from(s.importedAt())).update();
    }

    @Override
    public List<StoredScenario> scenarios() {
        return jdbc.sql("SELECT name, source, yaml, content_hash, imported_at FROM scenario ORDER BY name")
                .query(H2WorkbenchStore::scenario).list();
    }

    @Override
    public Optional<StoredScenario> scenario(String name) {
        return jdbc.sql("SELECT name, source, yaml, content_hash, imported_at FROM scenario WHERE name = ?").param(name)
                .query(H2WorkbenchStore::scenario).optional();
    }

    private static StoredScenario scenario(ResultSet rs, int row) throws SQLException {
        return new StoredScenario(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    // ------------------------------------------------------------------ runs

    @Override
    public long saveRun(RunProvenance p, List<PolicyFile> files, RunSummary s, RunResult r, StoreProgress progress) {
        long started = System.nanoTime();
        savePolicySnapshot(p, files);
        long id = insertRunHeader(p);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<AccountOutcome> touched = r.outcomes().stream().filter(AccountOutcome::touched).toList();
                Rows rows = new Rows(c, progress, (long) r.steps().size() + touched.size() + r.events().size() + r.queues().size());
                rows.insert("""
                        INSERT INTO run_step (run_id, step, marks, rounds, round_cap_hit, liquidations, liquidation_notional,
                            shortfall, fund_balance, fund_paid, backstop_equity, adl_count, adl_notional, adl_haircut,
                            adl_covered, adl_profit_closed, socialized, bad_debt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.steps(), (ps, m) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, m.step());
                    ps.setString(3, marks(m.marks()));
                    ps.setInt(4, m.rounds());
                    ps.setBoolean(5, m.roundCapHit());
                    ps.setInt(6, m.liquidations());
                    ps.setBigDecimal(7, m.liquidationNotional());
                    ps.setBigDecimal(8, m.shortfall());
                    ps.setBigDecimal(9, m.fundBalance());
                    ps.setBigDecimal(10, m.fundPaid());
                    ps.setBigDecimal(11, m.backstopEquity());
                    ps.setInt(12, m.adlCount());
                    ps.setBigDecimal(13, m.adlNotional());
                    ps.setBigDecimal(14, m.adlHaircut());
                    ps.setBigDecimal(15, m.adlCovered());
                    ps.setBigDecimal(16, m.adlProfitClosed());
                    ps.setBigDecimal(17, m.socialized());
                    ps.setBigDecimal(18, m.badDebt());
                });
                rows.insert("""
                        INSERT INTO run_outcome (run_id, account_id, equity_start, equity_end, liquidated_notional, adl_size,
                            haircut, equity_before_haircut, profit_before_haircut, bad_debt, events)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", touched, (ps, o) -> {
                    ps.setLong(1, id);
                    ps.setString(2, o.accountId());
                    ps.setBigDecimal(3, o.equityStart());
                    ps.setBigDecimal(4, o.equityEnd());
                    ps.setBigDecimal(5, o.liquidatedNotional());
                    ps.setBigDecimal(6, o.adlSize());
                    ps.setBigDecimal(7, o.haircut());
                    ps.setBigDecimal(8, o.equityBeforeHaircut());
                    ps.setBigDecimal(9, o.profitBeforeHaircut());
                    ps.setBigDecimal(10, o.badDebt());
                    ps.setInt(11, o.events());
                });
                int[] eventNo = {0};
                rows.insert("""
                        INSERT INTO run_event (run_id, event_no, step, round_no, kind, account_id, counterparty_id, market,
                            side, size, price, amount, equity_after, rule_id, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.events(), (ps, e) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, eventNo[0]++);
                    ps.setInt(3, e.step());
                    ps.setInt(4, e.round());
                    ps.setString(5, e.kind().name());
                    ps.setString(6, e.accountId());
                    ps.setString(7, e.counterpartyId());
                    ps.setString(8, e.market());
                    ps.setString(9, e.side());
                    ps.setBigDecimal(10, e.size());
                    ps.setBigDecimal(11, e.price());
                    ps.setBigDecimal(12, e.amount());
                    ps.setBigDecimal(13, e.equityAfter());
                    ps.setString(14, e.ruleId());
                    ps.setString(15, clip(e.reason(), 1000));
                });
                rows.insert("""
                        INSERT INTO run_queue (run_id, market, step, round_no, side, queue_rank, account_id, size, score,
                            percentile, rule_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.queues(), (ps, q) -> {
                    ps.setLong(1, id);
                    ps.setString(2, q.market());
                    ps.setInt(3, q.step());
                    ps.setInt(4, q.round());
                    ps.setString(5, q.side());
                    ps.setInt(6, q.rank());
                    ps.setString(7, q.accountId());
                    ps.setBigDecimal(8, q.size());
                    ps.setDouble(9, q.score());
                    ps.setInt(10, q.percentile());
                    ps.setString(11, q.ruleId());
                });
                finishRun(c, id, s, (System.nanoTime() - started) / 1_000_000);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            discardRun(id);
            throw new StoreException("could not store run " + id, e);
        } catch (RuntimeException e) {
            discardRun(id);
            throw e;
        }
        return id;
    }

    private void savePolicySnapshot(RunProvenance p, List<PolicyFile> files) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM policy_snapshot WHERE policy_hash = ?").param(p.policyHash())
                .query(Integer.class).single() > 0;
        if (known) return;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_snapshot (policy_hash, policy_id, version) VALUES (?, ?, ?)")) {
                    ps.setString(1, p.policyHash());
                    ps.setString(2, p.policyId());
                    ps.setInt(3, p.policyVersion());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO policy_snapshot_file (policy_hash, file_no, path, content) VALUES (?, ?, ?, ?)")) {
                    int n = 0;
                    for (PolicyFile f : files) {
                        ps.setString(1, p.policyHash());
                        ps.setInt(2, n++);
                        ps.setString(3, f.path());
                        ps.setString(4, f.content());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not store the files of policy " + p.policyId(), e);
        }
    }

    private long insertRunHeader(RunProvenance p) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO run (status, policy_id, policy_hash, set_id, set_name, set_hash, scenario_name, scenario_hash,
                         scenario_yaml, seed, engine_version, started_at)
                     VALUES ('RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, p.policyId());
            ps.setString(2, p.policyHash());
            if (p.setId() == null) ps.setNull(3, Types.BIGINT); else ps.setLong(3, p.setId());
            ps.setString(4, p.setName());
            ps.setString(5, p.setHash());
            ps.setString(6, p.scenarioName());
            ps.setString(7, p.scenarioHash());
            ps.setString(8, p.scenarioYaml());
            ps.setLong(9, p.seed());
            ps.setString(10, p.engineVersion());
            ps.setTimestamp(11, Timestamp.from(p.startedAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("could not start storing a run", e);
        }
    }

    private static void finishRun(Connection c, long id, RunSummary s, long storeMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE run SET status = 'DONE', load_millis = ?, engine_millis = ?, store_millis = ?, accounts = ?,
                    positions = ?, liquidations = ?, liquidation_notional = ?, fund_start = ?, fund_end = ?, fund_paid = ?,
                    bad_debt = ?, adl_count = ?, adl_notional = ?, adl_haircut = ?, adl_covered = ?, socialized = ?,
                    max_haircut_equity_share = ?, max_haircut_equity_account = ?, max_haircut_profit_share = ?,
                    max_haircut_profit_account = ?, touched_accounts = ?, rules_fired = ?, result_digest = ?
                WHERE run_id = ?""")) {
            int i = 1;
            ps.setLong(i++, s.loadMillis());
            ps.setLong(i++, s.engineMillis());
            ps.setLong(i++, storeMillis);
            ps.setInt(i++, s.accounts());
            ps.setInt(i++, s.positions());
            ps.setInt(i++, s.liquidations());
            ps.setBigDecimal(i++, s.liquidationNotional());
            ps.setBigDecimal(i++, s.fundStart());
            ps.setBigDecimal(i++, s.fundEnd());
            ps.setBigDecimal(i++, s.fundPaid());
            ps.setBigDecimal(i++, s.badDebt());
            ps.setInt(i++, s.adlCount());
            ps.setBigDecimal(i++, s.adlNotional());
            ps.setBigDecimal(i++, s.adlHaircut());
            ps.setBigDecimal(i++, s.adlCovered());
            ps.setBigDecimal(i++, s.socialized());
            ps.setDouble(i++, s.maxHaircutEquityShare());
            ps.setString(i++, s.maxHaircutEquityAccount());
            ps.setDouble(i++, s.maxHaircutProfitShare());
            ps.setString(i++, s.maxHaircutProfitAccount());
            ps.setInt(i++, s.touchedAccounts());
            ps.setString(i++, clip(s.rulesFired(), 4000));
            ps.setString(i++, s.resultDigest());
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    private void discardRun(long id) {
        try {
            deleteRunRows(id);
        } catch (RuntimeException ignored) {
            // still RUNNING, so never shown; the next start removes it
        }
    }

    private void deleteRunRows(long id) {
        jdbc.sql("DELETE FROM run_queue WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_event WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_outcome WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_step WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run WHERE run_id = ?").param(id).update();
    }

    private static final String RUN_COLUMNS = """
            SELECT r.run_id, r.policy_id, p.version, r.policy_hash, r.set_id, r.set_name, r.set_hash, r.scenario_name,
                   r.scenario_hash, r.scenario_yaml, r.seed, r.engine_version, r.started_at,
                   r.accounts, r.positions, r.liquidations, r.liquidation_notional, r.fund_start, r.fund_end, r.fund_paid,
                   r.bad_debt, r.adl_count, r.adl_notional, r.adl_haircut, r.adl_covered, r.socialized,
                   r.max_haircut_equity_share, r.max_haircut_equity_account, r.max_haircut_profit_share,
                   r.max_haircut_profit_account, r.touched_accounts, r.rules_fired, r.result_digest,
                   r.load_millis, r.engine_millis, r.store_millis
            FROM run r JOIN policy_snapshot p ON p.policy_hash = r.policy_hash
            WHERE r.status = 'DONE'""";

    private static StoredRun storedRun(ResultSet rs, int row) throws SQLException {
        long setId = rs.getLong(5);
        Long set = rs.wasNull() ? null : setId;
        RunProvenance p = new RunProvenance(rs.getString(2), rs.getInt(3), rs.getString(4), set, rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getString(12),
                rs.getTimestamp(13).toInstant());
        RunSummary s = new RunSummary(rs.getInt(14), rs.getInt(15), rs.getInt(16), dec(rs, 17), dec(rs, 18), dec(rs, 19),
                dec(rs, 20), dec(rs, 21), rs.getInt(22), dec(rs, 23), dec(rs, 24), dec(rs, 25), dec(rs, 26),
                rs.getDouble(27), rs.getString(28), rs.getDouble(29), rs.getString(30), rs.getInt(31), rs.getString(32),
                rs.getString(33), rs.getLong(34), rs.getLong(35));
        return new StoredRun(rs.getLong(1), p, s, rs.getLong(36));
    }

    @Override
    public List<StoredRun> runs() {
        return jdbc.sql(RUN_COLUMNS + " ORDER BY r.run_id DESC").query(H2WorkbenchStore::storedRun).list();
    }

    @Override
    public Optional<StoredRun> run(long id) {
        return jdbc.sql(RUN_COLUMNS + " AND r.run_id = ?").param(id).query(H2WorkbenchStore::storedRun).optional();
    }

    @Override
    public List<PolicyFile> policyFiles(String policyHash) {
        return jdbc.sql("SELECT path, content FROM policy_snapshot_file WHERE policy_hash = ? ORDER BY file_no")
                .param(policyHash).query((rs, i) -> new PolicyFile(rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public List<StepMetrics> runSteps(long runId) {
        return jdbc.sql("""
                        SELECT step, marks, rounds, round_cap_hit, liquidations, liquidation_notional, shortfall, fund_balance,
                               fund_paid, backstop_equity, adl_count, adl_notional, adl_haircut, adl_covered,
                               adl_profit_closed, socialized, bad_debt
                        FROM run_step WHERE run_id = ? ORDER BY step""").param(runId)
                .query((rs, i) -> new StepMetrics(rs.getInt(1), parseMarks(rs.getString(2)), rs.getInt(3),
                        rs.getBoolean(4), rs.getInt(5), dec(rs, 6), dec(rs, 7), dec(rs, 8), dec(rs, 9), dec(rs, 10),
                        rs.getInt(11), dec(rs, 12), dec(rs, 13), dec(rs, 14), dec(rs, 15), dec(rs, 16), dec(rs, 17)))
                .list();
    }

    @Override
    public Optional<AccountOutcome> outcome(long runId, String accountId) {
        return jdbc.sql(OUTCOME).param(runId).param(accountId)
                .query((rs, i) -> new AccountOutcome(rs.getString(1), dec(rs, 2), dec(rs, 3), dec(rs, 4), dec(rs, 5),
                        dec(rs, 6), dec(rs, 7), dec(rs, 8), dec(rs, 9), rs.getInt(10)))
                .optional();
    }

    /** An account's events, as the account or as its counterparty: two indexed look-ups rather than an OR (a scan). */
    static final String EVENTS_OF_ACCOUNT = """
                        SELECT step, round_no, kind, account_id, counterparty_id, market, side, size, price, amount,
                               equity_after, rule_id, reason, event_no
                        FROM run_event WHERE run_id = ? AND account_id = ?
                        UNION
                        SELECT step, round_no, kind, account_id, counterparty_id, market, side, size, price, amount,
                               equity_after, rule_id, reason, event_no
                        FROM run_event WHERE run_id = ? AND counterparty_id = ?
                        ORDER BY event_no""";

    @Override
    public List<RunEvent> events(long runId, String accountId) {
        return jdbc.sql(EVENTS_OF_ACCOUNT).param(runId).param(accountId).param(runId).param(accountId)
                .query((rs, i) -> new RunEvent(rs.getInt(1), rs.getInt(2), RunEvent.Kind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), dec(rs, 8), dec(rs, 9),
                        dec(rs, 10), dec(rs, 11), rs.getString(12), rs.getString(13)))
                .list();
    }

    @Override
    public List<QueuePoint> queuePoints(long runId, String market) {
        return jdbc.sql(QUEUE_POINTS).param(runId).param(market)
                .query((rs, i) -> new QueuePoint(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    @Override
    public List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank) {
        // a range on the key's last column, not ORDER BY ... LIMIT: the planner would sort the whole queue
        return jdbc.sql(QUEUE_RANGE)
                .param(runId).param(point.market()).param(point.step()).param(point.round()).param(point.side())
                .param(fromRank).param(toRank).query(H2WorkbenchStore::queueEntry).list();
    }

    @Override
    public List<QueueEntry> queueEntries(long runId, String market, String accountId) {
        return jdbc.sql(QUEUE_OF_ACCOUNT)
                .param(runId).param(accountId).param(market).query(H2WorkbenchStore::queueEntry).list();
    }

    private static final String QUEUE_COLUMNS = """
            SELECT step, round_no, market, side, queue_rank, account_id, size, score, percentile, rule_id FROM run_queue""";

    static final String OUTCOME = """
            SELECT account_id, equity_start, equity_end, liquidated_notional, adl_size, haircut,
                   equity_before_haircut, profit_before_haircut, bad_debt, events
            FROM run_outcome WHERE run_id = ? AND account_id = ?""";

    static final String QUEUE_POINTS = """
            SELECT market, step, round_no, side, COUNT(*) FROM run_queue WHERE run_id = ? AND market = ?
            GROUP BY market, step, round_no, side ORDER BY step, round_no, side""";

    static final String QUEUE_RANGE = QUEUE_COLUMNS + " " + """
             WHERE run_id = ? AND market = ? AND step = ? AND round_no = ? AND side = ?
              AND queue_rank BETWEEN ? AND ? ORDER BY queue_rank""";

    static final String QUEUE_OF_ACCOUNT = QUEUE_COLUMNS
            + " WHERE run_id = ? AND account_id = ? AND market = ? ORDER BY step, round_no, side, queue_rank";

    private static QueueEntry queueEntry(ResultSet rs, int row) throws SQLException {
        return new QueueEntry(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), dec(rs, 7), rs.getDouble(8), rs.getInt(9), rs.getString(10));
    }

    @Override
    public List<OutcomeSpread> mostDifferentAccounts(List<Long> runIds, int limit) {
        if (runIds.isEmpty()) return List.of();
        // an account a run did not touch counts as zero haircut and zero liquidation in that run
        String in = String.join(", ", java.util.Collections.nCopies(runIds.size(), "?"));
        var spec = jdbc.sql("""
                SELECT account_id, haircut_spread, liquidation_spread, runs FROM (
                    SELECT account_id,
                           MAX(haircut) - CASE WHEN COUNT(*) < ? THEN 0 ELSE MIN(haircut) END AS haircut_spread,
                           MAX(liquidated_notional) - CASE WHEN COUNT(*) < ? THEN 0 ELSE MIN(liquidated_notional) END
                               AS liquidation_spread,
                           COUNT(*) AS runs
                    FROM run_outcome WHERE run_id IN (%s) GROUP BY account_id)
                WHERE haircut_spread > 0 OR liquidation_spread > 0
                ORDER BY haircut_spread DESC, liquidation_spread DESC, account_id
                FETCH FIRST ? ROWS ONLY""".formatted(in)).param(runIds.size()).param(runIds.size());
        for (Long id : runIds) spec = spec.param(id);
        return spec.param(limit)
                .query((rs, i) -> new OutcomeSpread(rs.getString(1), dec(rs, 2), dec(rs, 3), rs.getInt(4))).list();
    }

    // ------------------------------------------------------------------ helpers

    /** Batched inserts on one connection, committing every {@link #BATCH} rows and reporting progress. */
    private static final class Rows {
        private final Connection c;
        private final StoreProgress progress;
        private final long total;
        private long done;

        Rows(Connection c, StoreProgress progress, long total) {
            this.c = c;
            this.progress = progress;
            this.total = total;
        }

        <T> void insert(String sql, Collection<T> items, Binder<T> binder) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int pending = 0;
                for (T item : items) {
                    binder.bind(ps, item);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        c.commit();
                        done += pending;
                        pending = 0;
                        progress.onRows(done, total);
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                    done += pending;
                    progress.onRows(done, total);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private static BigDecimal dec(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : Money.clean(v);
    }

    static String marks(Map<String, BigDecimal> marks) {
        StringBuilder b = new StringBuilder();
        marks.forEach((k, v) -> b.append(b.isEmpty() ? "" : ";").append(k).append('=').append(Money.clean(v).toPlainString()));
        return b.toString();
    }

    static Map<String, BigDecimal> parseMarks(String text) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), new BigDecimal(part.substring(eq + 1)));
        }
        return out;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
