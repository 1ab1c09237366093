package org.deleveraging.store;

import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.input.DuplicateNameException;
import org.deleveraging.run.RunRecording;
import org.deleveraging.run.OutcomeSpread;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.StoredScenario;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on H2 (file mode by default, any JDBC URL that H2 accepts). Bulk data (accounts, positions, outcomes,
 * events, ADL queue places) is written in chunks, each packed into one binary value by {@link ChunkEncoder}, with a
 * commit every few megabytes ({@link AccountSetChunks}, {@link RunResultWriter}); the status column of the parent row
 * is flipped in the final commit, and every read filters on it.
 *
 * <p><b>Durability</b> (issue 22): what a method returns as stored is on the disk when it returns. H2's MVStore
 * does not write a commit to the file by itself: by default a background thread writes changes out every
 * {@code WRITE_DELAY} (500 ms) and nothing calls fsync, so a kill within half a second of "generated" took the set
 * back (and a RUNNING header written out without its final commit was then discarded as "interrupted"). The store
 * therefore sets {@code WRITE_DELAY 0} (each commit is written to the file before it returns: survives a killed
 * process) and ends every acknowledged write with {@code CHECKPOINT SYNC} (written and fsync'ed: survives a power
 * loss). {@code RETENTION_TIME} stays at H2's default (45 s), so the chunks of the last synced state are not
 * overwritten while a newer state may still be in the disk's buffers.
 */
public final class H2WorkbenchStore implements WorkbenchStore {
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final RunResultReader results;
    private final RunChunkScan chunks;

    public H2WorkbenchStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.results = new RunResultReader(jdbc);
        this.chunks = new RunChunkScan(dataSource);
        // a database setting (every connection, kept in the file): each commit is written out before it returns
        try {
            jdbc.sql("SET WRITE_DELAY 0").update();
        } catch (org.springframework.dao.DataAccessException e) {
            // a store opened read-only (ACCESS_MODE_DATA=r) takes no writes, so has nothing to lose
            if (!(e.getMostSpecificCause() instanceof SQLException s
                    && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY))
                throw e;
        }
    }

    /**
     * Makes everything committed so far durable: H2 writes its unsaved pages to the file and the file is fsync'ed.
     * Called after the last commit of every write the workbench reports as done, before it is reported.
     */
    private void acknowledge() {
        try {
            jdbc.sql("CHECKPOINT SYNC").update();
        } catch (RuntimeException e) {
            throw StoreException.because("could not write the store to disk (" + DataFolder.reason(e) + ")", e);
        }
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * The start-up clean-up. Each import or run that an earlier session left unfinished (its flag never set) is removed
     * in one transaction of its own and named in one line. H2 has by then rolled back what the killed process had not
     * committed; should a row still be locked, the clean-up waits a second, not H2's ten, leaves that one hidden for
     * the next start and says so: it never fails the start.
     */
    @Override
    public List<String> discardUnfinished() {
        List<String> notices = new ArrayList<>();
        record Unfinished(long id, String what) {}
        List<Unfinished> runs = jdbc.sql("""
                        SELECT run_id, policy_id, set_name, scenario_name FROM run \
                        WHERE status = 'RUNNING' ORDER BY run_id""")
                .query((rs, i) -> new Unfinished(rs.getLong(1),
                        rs.getString(2) + " x " + rs.getString(3) + " x " + rs.getString(4)))
                .list();
        for (Unfinished r : runs) {
            String what = "run " + r.id() + " (" + r.what() + ")";
            notices.add(discard(RUN_TABLES, r.id())
                    .map(e -> what + " was interrupted before it was stored completely; it stays"
                            + " hidden, and could not be removed yet (" + DataFolder.reason(e)
                            + "): the next start tries again")
                    .orElse(what + " was interrupted before it was stored completely; it has been discarded"));
        }
        List<Unfinished> sets =
                jdbc.sql("SELECT set_id, name FROM account_set WHERE status = 'LOADING' ORDER BY set_id")
                .query((rs, i) -> new Unfinished(rs.getLong(1), rs.getString(2))).list();
        for (Unfinished s : sets) {
            String what = "account set '" + s.what() + "'";
            notices.add(discard(SET_TABLES, s.id())
                    .map(e -> what + " was interrupted while it was being written; it stays"
                            + " hidden, and could not be removed yet (" + DataFolder.reason(e)
                            + "): the next start tries again")
                    .orElse(what + " was interrupted while it was being written; it has been discarded"));
        }
        if (!notices.isEmpty()) {
            try {
                acknowledge();
            } catch (StoreException e) {
                // said when the next write fails; the clean-up is repeated at the next start if it was not kept
            }
        }
        return notices;
    }

    /** The tables holding a run's rows, children first, each keyed by {@code run_id}. */
    private static final List<String> RUN_TABLES = List.of("run_account_index", "run_queue_pack", "run_event_pack",
            "run_outcome_pack", "run_step", "run");
    /** Likewise for an account set, keyed by {@code set_id}. */
    private static final List<String> SET_TABLES = List.of("set_position_pack", "set_account_pack", "set_market",
            "account_set");

    /** Deletes one unfinished item's rows in one transaction; the failure, if it did not (nothing is then deleted). */
    private Optional<Exception> discard(List<String> tables, long id) {
        String key = tables == RUN_TABLES ? "run_id" : "set_id";
        try (Connection c = dataSource.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 1000");
            }
            c.setAutoCommit(false);
            try {
                for (String table : tables)
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                c.commit();
                return Optional.empty();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                return Optional.of(e);
            } finally {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCK_TIMEOUT 10000");
                }
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.of(e);
        }
    }

    @Override
    public Optional<String> meta(String key) {
        return jdbc.sql("SELECT meta_value FROM meta WHERE meta_key = ?").param(key).query(String.class).optional();
    }

    @Override
    public void putMeta(String key, String value) {
        jdbc.sql("MERGE INTO meta (meta_key, meta_value) KEY (meta_key) VALUES (?, ?)").param(key).param(value)
                .update();
        acknowledge();
    }

    // ------------------------------------------------------------------ account sets

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
        DataFolder.checkRoom(dataSource, DataFolder.SET_BYTES_PER_POSITION * (positions + set.accounts().size()),
                "this account set");
        Instant now = clock.instant();
        long id;
        String hash;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                id = insertSetHeader(c, set, source, positions, now);
                c.commit();
                writeSetRows(c, id, set, referenceMarks, progress, positions);
                hash = hashing.join();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE account_set SET status = 'READY', content_hash = ? WHERE set_id = ?")) {
                    ps.setString(1, hash);
                    ps.setLong(2, id);
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
                throw new DuplicateNameException("an account set named '" + set.name()
                        + "' exists; delete it first or choose another name");
            discardLoadingSet(set.name());
            throw StoreException.because("could not store account set " + set.name() + " (" + DataFolder.reason(e)
                    + "); nothing of it was kept", e);
        } catch (RuntimeException e) {
            discardLoadingSet(set.name());
            throw e;
        }
        acknowledge();
        return new AccountSetInfo(id, set.name(), source, hash, set.accounts().size(), positions, now);
    }

    /** The set's row, LOADING; its content hash is filled in with the status, in the last commit. */
    private static long insertSetHeader(Connection c, AccountSet set, String source, int positions, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account_set (name, status, source, content_hash, account_count, position_count, created_at)
                VALUES (?, 'LOADING', ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, set.name());
            ps.setString(2, clip(source, 1000));
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
        return jdbc.sql(SET_COLUMNS + " WHERE name = ? AND status = 'READY'").param(name)
                .query(H2WorkbenchStore::setInfo).optional();
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
        jdbc.sql("UPDATE run SET set_id = NULL WHERE set_id = ?").param(id).update();
        // hide it first, in its own commit: a delete interrupted half-way is finished by the next start
        jdbc.sql("UPDATE account_set SET status = 'LOADING' WHERE set_id = ?").param(id).update();
        deleteSetRows(id);
        acknowledge();
        return true;
    }

    private void deleteSetRows(long id) {
        jdbc.sql("DELETE FROM set_position_pack WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM set_account_pack WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM set_market WHERE set_id = ?").param(id).update();
        jdbc.sql("DELETE FROM account_set WHERE set_id = ?").param(id).update();
    }

    // ------------------------------------------------------------------ scenarios

    @Override
    public void saveScenario(StoredScenario s) {
        if (scenario(s.name()).isPresent())
            throw new DuplicateNameException("a scenario named '" + s.name()
                    + "' was imported already; choose another name");
        jdbc.sql("INSERT INTO scenario (name, source, yaml, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)")
                .param(s.name()).param(clip(s.source(), 1000)).param(s.yaml()).param(s.hash())
                .param(Timestamp.from(s.importedAt())).update();
        acknowledge();
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
    public RunRecording newRecording() { return new RunPacker(); }

    @Override
    public long saveRun(RunProvenance p, List<PolicyFile> files, CompletableFuture<RunSummary> summary, RunResult r,
                        RunRecording recording, StoreProgress progress) {
        if (recording != null && !(recording instanceof RunPacker))
            throw new IllegalArgumentException("a recording from another repository: " + recording.getClass());
        RunPacker packed = (RunPacker) recording;
        long started = System.nanoTime();
        DataFolder.checkRoom(dataSource, DataFolder.RUN_BYTES_PER_OUTCOME * r.outcomes().size(), "this run");
        savePolicySnapshot(p, files);
        long id = insertRunHeader(p);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int buckets = new RunResultWriter(c, id, progress).write(r, packed == null ? null : packed.finish(r));
                finishRun(c, id, awaited(summary), buckets, (System.nanoTime() - started) / 1_000_000);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            discardRun(id);
            throw StoreException.because("could not store run " + id + " (" + DataFolder.reason(e)
                    + "); nothing of it was kept", e);
        } catch (RuntimeException e) {
            discardRun(id);
            throw e;
        }
        acknowledge();
        return id;
    }

    /** The summary, or what made it fail (unwrapped, so a failed digest reads as itself). */
    private static RunSummary awaited(CompletableFuture<RunSummary> summary) {
        try {
            return summary.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    @Override
    public void scanOutcomes(long runId, Consumer<AccountOutcome> each) { chunks.outcomes(runId, each); }

    @Override
    public void scanEvents(long runId, Consumer<RunEvent> each) { chunks.events(runId, each); }

    @Override
    public void scanQueueEntries(long runId, Consumer<QueueEntry> each) { chunks.queueEntries(runId, each); }

    @Override
    public Map<String, Integer> queueSizes(long runId) { return chunks.queueSizes(runId); }

    private void savePolicySnapshot(RunProvenance p, List<PolicyFile> files) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM policy_snapshot WHERE policy_hash = ?").param(p.policyHash())
                .query(Integer.class).single() > 0;
        if (known) return;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO policy_snapshot (policy_hash, policy_id, version) VALUES (?, ?, ?)")) {
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
            throw StoreException.because("could not store the files of policy " + p.policyId() + " ("
                    + DataFolder.reason(e) + ")", e);
        }
    }

    private long insertRunHeader(RunProvenance p) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO run (status, policy_id, policy_hash, set_id, set_name, set_hash, scenario_name, \
                     scenario_hash,
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
            throw StoreException.because("could not start storing a run (" + DataFolder.reason(e) + ")", e);
        }
    }

    private static void finishRun(Connection c, long id, RunSummary s, int buckets,
            long storeMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE run SET status = 'DONE', load_millis = ?, engine_millis = ?, store_millis = ?, accounts = ?,
                    positions = ?, liquidations = ?, liquidation_notional = ?, fund_start = ?, fund_end = ?, fund_paid \
                = ?,
                    bad_debt = ?, adl_count = ?, adl_notional = ?, adl_haircut = ?, adl_covered = ?, socialized = ?,
                    max_haircut_equity_share = ?, max_haircut_equity_account = ?, max_haircut_profit_share = ?,
                    max_haircut_profit_account = ?, touched_accounts = ?, rules_fired = ?, result_digest = ?,
                    account_buckets = ?, max_haircut_profit_basis = ?
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
            ps.setInt(i++, buckets);
            ps.setString(i++, s.maxHaircutProfitBasis());
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
        jdbc.sql("DELETE FROM run_account_index WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_queue_pack WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_event_pack WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_outcome_pack WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run_step WHERE run_id = ?").param(id).update();
        jdbc.sql("DELETE FROM run WHERE run_id = ?").param(id).update();
    }

    private static final String RUN_COLUMNS = """
            SELECT r.run_id, r.policy_id, p.version, r.policy_hash, r.set_id, r.set_name, r.set_hash, r.scenario_name,
                   r.scenario_hash, r.scenario_yaml, r.seed, r.engine_version, r.started_at,
                   r.accounts, r.positions, r.liquidations, r.liquidation_notional, r.fund_start, r.fund_end, \
            r.fund_paid,
                   r.bad_debt, r.adl_count, r.adl_notional, r.adl_haircut, r.adl_covered, r.socialized,
                   r.max_haircut_equity_share, r.max_haircut_equity_account, r.max_haircut_profit_share,
                   r.max_haircut_profit_account, r.touched_accounts, r.rules_fired, r.result_digest,
                   r.load_millis, r.engine_millis, r.store_millis, r.max_haircut_profit_basis
            FROM run r JOIN policy_snapshot p ON p.policy_hash = r.policy_hash
            WHERE r.status = 'DONE'""";

    private static StoredRun storedRun(ResultSet rs, int row) throws SQLException {
        long setId = rs.getLong(5);
        Long set = rs.wasNull() ? null : setId;
        RunProvenance p = new RunProvenance(rs.getString(2), rs.getInt(3), rs.getString(4), set, rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getString(12),
                rs.getTimestamp(13).toInstant());
        RunSummary s = new RunSummary(rs.getInt(14), rs.getInt(15), rs.getInt(16), dec(rs, 17), dec(rs, 18),
                dec(rs, 19),
                dec(rs, 20), dec(rs, 21), rs.getInt(22), dec(rs, 23), dec(rs, 24), dec(rs, 25), dec(rs, 26),
                rs.getDouble(27), rs.getString(28), rs.getDouble(29), rs.getString(30), rs.getInt(31), rs.getString(32),
                rs.getString(33), rs.getLong(34), rs.getLong(35), rs.getString(37));
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
                        SELECT step, marks, rounds, round_cap_hit, liquidations, liquidation_notional, shortfall, \
                        fund_balance,
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
        return jdbc.sql(OUTCOME).param(runId).param(accountId).query((rs, i) -> rs.getBytes(1)).optional()
                .flatMap(chunk -> ResultChunks.outcomes(chunk).stream().filter(o -> o.accountId().equals(accountId))
                        .findFirst());
    }

    @Override
    public List<RunEvent> events(long runId, String accountId) {
        return results.events(runId, accountId, indexed(runId));
    }

    @Override
    public List<QueuePoint> queuePoints(long runId, String market) {
        return results.queuePoints(runId, market);
    }

    @Override
    public List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank) {
        return results.queue(runId, point, fromRank, toRank);
    }

    @Override
    public List<QueueEntry> queueEntries(long runId, String market, String accountId) {
        return results.queueEntries(runId, market, accountId, indexed(runId));
    }

    /** Whether the run has an account index: runs stored before V2 have none and are read chunk by chunk. */
    private boolean indexed(long runId) {
        return jdbc.sql("SELECT account_buckets FROM run WHERE run_id = ?").param(runId)
                .query((rs, i) -> rs.getObject(1) != null).optional().orElse(false);
    }

    /** The one chunk that can hold the account's outcome: chunks are in account id order, found by their last id. */
    static final String OUTCOME = """
            SELECT data FROM run_outcome_pack WHERE run_id = ? AND last_account >= ?
            ORDER BY run_id, last_account FETCH FIRST 1 ROW ONLY""";

    @Override
    public List<OutcomeSpread> mostDifferentAccounts(List<Long> runIds, int limit) {
        if (runIds.isEmpty()) return List.of();
        record Range(BigDecimal[] haircut, BigDecimal[] liquidated, int[] runs) {}
        Map<String, Range> ranges = new HashMap<>();
        RunChunkScan chunks = new RunChunkScan(dataSource);
        for (long id : runIds)
            chunks.outcomes(id, o -> {
                Range r = ranges.computeIfAbsent(o.accountId(),
                        k -> new Range(new BigDecimal[2], new BigDecimal[2], new int[1]));
                widen(r.haircut(), o.haircut());
                widen(r.liquidated(), o.liquidatedNotional());
                r.runs()[0]++;
            });
        // an account a run did not touch counts as zero haircut and zero liquidation in that run
        List<OutcomeSpread> out = new ArrayList<>();
        ranges.forEach((account, r) -> {
            boolean everyRun = r.runs()[0] >= runIds.size();
            BigDecimal haircut = spread(r.haircut(), everyRun);
            BigDecimal liquidation = spread(r.liquidated(), everyRun);
            if (haircut.signum() > 0 || liquidation.signum() > 0)
                out.add(new OutcomeSpread(account, haircut, liquidation, r.runs()[0]));
        });
        out.sort(Comparator.comparing(OutcomeSpread::haircutSpread).reversed()
                .thenComparing(Comparator.comparing(OutcomeSpread::liquidationSpread).reversed())
                .thenComparing(OutcomeSpread::accountId));
        return out.size() > limit ? new ArrayList<>(out.subList(0, Math.max(0, limit))) : out;
    }

    /** Widens [min, max] to include v. */
    private static void widen(BigDecimal[] minMax, BigDecimal v) {
        if (minMax[0] == null || v.compareTo(minMax[0]) < 0) minMax[0] = v;
        if (minMax[1] == null || v.compareTo(minMax[1]) > 0) minMax[1] = v;
    }

    private static BigDecimal spread(BigDecimal[] minMax, boolean everyRun) {
        return Money.clean(everyRun ? minMax[1].subtract(minMax[0]) : minMax[1]);
    }

    // ------------------------------------------------------------------ helpers

    private static BigDecimal dec(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : Money.clean(v);
    }

    static String marks(Map<String, BigDecimal> marks) {
        StringBuilder b = new StringBuilder();
        marks.forEach((k, v) -> b.append(b.isEmpty() ? "" : ";").append(k).append('=')
                .append(Money.clean(v).toPlainString()));
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

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
