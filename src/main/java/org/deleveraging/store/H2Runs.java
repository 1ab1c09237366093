package org.deleveraging.store;

import static org.deleveraging.store.Db.dec;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.run.OutcomeSpread;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunRepository;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;

/**
 * Runs in H2: a header row with the provenance and, in the last commit, the summary; the policy's files once per
 * hash; the results in packed chunks ({@link RunResultWriter}), read back by {@link RunResultReader} and scanned by
 * {@link RunChunkScan}.
 */
final class H2Runs implements RunRepository {
    private final Db db;
    private final RunResultReader results;
    private final RunChunkScan chunks;

    H2Runs(Db db) {
        this.db = db;
        this.results = new RunResultReader(db.jdbc);
        this.chunks = new RunChunkScan(db.dataSource);
    }

    @Override
    public long saveRun(RunProvenance p, List<PolicyFile> files, CompletableFuture<RunSummary> summary, RunResult r,
                        StoreProgress progress) {
        long started = System.nanoTime();
        DataFolder.checkRoom(db.dataSource, DataFolder.RUN_BYTES_PER_OUTCOME * r.outcomes().size(), "this run");
        savePolicySnapshot(p, files);
        long id = insertRunHeader(p);
        try {
            db.inTransaction(c -> {
                int buckets = new RunResultWriter(c, id, progress).write(r);
                finishRun(c, id, awaited(summary), buckets, (System.nanoTime() - started) / 1_000_000);
                return null;
            });
        } catch (SQLException e) {
            discardRun(id);
            throw StoreException.because("could not store run " + id + " (" + DataFolder.reason(e)
                    + "); nothing of it was kept", e);
        } catch (RuntimeException e) {
            discardRun(id);
            throw e;
        }
        db.acknowledge();
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
        savePolicySnapshot(db, p.policyHash(), p.policyId(), p.policyVersion(), files);
    }

    /** A policy's files under their hash, once: runs and sweeps of the same policy share them. */
    static synchronized void savePolicySnapshot(Db db, String hash, String policyId, int version,
                                                List<PolicyFile> files) {
        boolean known = db.jdbc.sql("SELECT COUNT(*) FROM policy_snapshot WHERE policy_hash = ?").param(hash)
                .query(Integer.class).single() > 0;
        if (known) return;
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO policy_snapshot (policy_hash, policy_id, version) VALUES (?, ?, ?)")) {
                    ps.setString(1, hash);
                    ps.setString(2, policyId);
                    ps.setInt(3, version);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO policy_snapshot_file (policy_hash, file_no, path, content) VALUES (?, ?, ?, ?)")) {
                    int n = 0;
                    for (PolicyFile f : files) {
                        ps.setString(1, hash);
                        ps.setInt(2, n++);
                        ps.setString(3, f.path());
                        ps.setString(4, f.content());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw StoreException.because("could not store the files of policy " + policyId + " ("
                    + DataFolder.reason(e) + ")", e);
        }
    }

    private long insertRunHeader(RunProvenance p) {
        try (Connection c = db.dataSource.getConnection();
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
            ps.setString(i++, Db.clip(s.rulesFired(), 4000));
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

    /** The tables holding a run's rows. */
    static final Db.Rows ROWS = new Db.Rows("run_id", List.of("run_account_index", "run_queue_pack",
            "run_event_pack", "run_outcome_pack", "run_step", "run"));

    private void deleteRunRows(long id) { ROWS.delete(db.jdbc, id); }

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
        return db.jdbc.sql(RUN_COLUMNS + " ORDER BY r.run_id DESC").query(H2Runs::storedRun).list();
    }

    @Override
    public Optional<StoredRun> run(long id) {
        return db.jdbc.sql(RUN_COLUMNS + " AND r.run_id = ?").param(id).query(H2Runs::storedRun).optional();
    }

    @Override
    public List<PolicyFile> policyFiles(String policyHash) { return policyFiles(db, policyHash); }

    static List<PolicyFile> policyFiles(Db db, String policyHash) {
        return db.jdbc.sql("SELECT path, content FROM policy_snapshot_file WHERE policy_hash = ? ORDER BY file_no")
                .param(policyHash).query((rs, i) -> new PolicyFile(rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public List<StepMetrics> runSteps(long runId) {
        return db.jdbc.sql("""
                        SELECT step, marks, rounds, round_cap_hit, liquidations, liquidation_notional, shortfall, \
                        fund_balance,
                               fund_paid, backstop_equity, adl_count, adl_notional, adl_haircut, adl_covered,
                               adl_profit_closed, socialized, bad_debt
                        FROM run_step WHERE run_id = ? ORDER BY step""").param(runId)
                .query((rs, i) -> new StepMetrics(rs.getInt(1), Db.parseMarks(rs.getString(2)), rs.getInt(3),
                        rs.getBoolean(4), rs.getInt(5), dec(rs, 6), dec(rs, 7), dec(rs, 8), dec(rs, 9), dec(rs, 10),
                        rs.getInt(11), dec(rs, 12), dec(rs, 13), dec(rs, 14), dec(rs, 15), dec(rs, 16), dec(rs, 17)))
                .list();
    }

    @Override
    public Optional<AccountOutcome> outcome(long runId, String accountId) {
        return db.jdbc.sql(OUTCOME).param(runId).param(accountId).query((rs, i) -> rs.getBytes(1)).optional()
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
        return db.jdbc.sql("SELECT account_buckets FROM run WHERE run_id = ?").param(runId)
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

}
