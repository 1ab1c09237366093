package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.sweep.NewSweep;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;
import org.deleveraging.run.OutcomeSpread;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.StoredScenario;

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
 *
 * <p>One repository per aggregate ({@link H2AccountSets}, {@link H2Scenarios}, {@link H2Runs}, {@link H2Sweeps});
 * this class opens
 * the database, keeps its housekeeping, and hands each port's calls to its repository.
 */
public final class H2WorkbenchStore implements WorkbenchStore {
    private final Db db;
    private final H2AccountSets sets;
    private final H2Scenarios scenarios;
    private final H2Runs runs;
    private final H2Sweeps sweeps;

    public H2WorkbenchStore(DataSource dataSource, Clock clock) {
        this.db = new Db(dataSource);
        this.sets = new H2AccountSets(db, clock);
        this.scenarios = new H2Scenarios(db);
        this.runs = new H2Runs(db);
        this.sweeps = new H2Sweeps(db, clock);
        // a database setting (every connection, kept in the file): each commit is written out before it returns
        try {
            db.jdbc.sql("SET WRITE_DELAY 0").update();
        } catch (org.springframework.dao.DataAccessException e) {
            // a store opened read-only (ACCESS_MODE_DATA=r) takes no writes, so has nothing to lose
            if (!(e.getMostSpecificCause() instanceof SQLException s
                    && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY))
                throw e;
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
        List<Unfinished> runs = db.jdbc.sql("""
                        SELECT run_id, policy_id, set_name, scenario_name FROM run \
                        WHERE status = 'RUNNING' ORDER BY run_id""")
                .query((rs, i) -> new Unfinished(rs.getLong(1),
                        rs.getString(2) + " x " + rs.getString(3) + " x " + rs.getString(4)))
                .list();
        for (Unfinished r : runs) {
            String what = "run " + r.id() + " (" + r.what() + ")";
            notices.add(discard(H2Runs.ROWS, r.id())
                    .map(e -> what + " was interrupted before it was stored completely; it stays"
                            + " hidden, and could not be removed yet (" + DataFolder.reason(e)
                            + "): the next start tries again")
                    .orElse(what + " was interrupted before it was stored completely; it has been discarded"));
        }
        List<Unfinished> sets =
                db.jdbc.sql("SELECT set_id, name FROM account_set WHERE status = 'LOADING' ORDER BY set_id")
                .query((rs, i) -> new Unfinished(rs.getLong(1), rs.getString(2))).list();
        for (Unfinished s : sets) {
            String what = "account set '" + s.what() + "'";
            notices.add(discard(H2AccountSets.ROWS, s.id())
                    .map(e -> what + " was interrupted while it was being written; it stays"
                            + " hidden, and could not be removed yet (" + DataFolder.reason(e)
                            + "): the next start tries again")
                    .orElse(what + " was interrupted while it was being written; it has been discarded"));
        }
        if (!notices.isEmpty()) {
            try {
                db.acknowledge();
            } catch (StoreException e) {
                // said when the next write fails; the clean-up is repeated at the next start if it was not kept
            }
        }
        return notices;
    }

    /** Deletes one unfinished item's rows in one transaction; the failure, if it did not (nothing is then deleted). */
    private Optional<Exception> discard(Db.Rows rows, long id) {
        try (Connection c = db.dataSource.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 1000");
            }
            c.setAutoCommit(false);
            try {
                for (String table : rows.tables())
                    try (PreparedStatement ps =
                                 c.prepareStatement("DELETE FROM " + table + " WHERE " + rows.key() + " = ?")) {
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
        return db.jdbc.sql("SELECT meta_value FROM meta WHERE meta_key = ?").param(key).query(String.class).optional();
    }

    @Override
    public void putMeta(String key, String value) {
        db.jdbc.sql("MERGE INTO meta (meta_key, meta_value) KEY (meta_key) VALUES (?, ?)").param(key).param(value)
                .update();
        db.acknowledge();
    }

    // ------------------------------------------------------------------ the ports, each to its repository

    @Override
    public AccountSetInfo saveAccountSet(AccountSet set, Map<String, BigDecimal> referenceMarks, String source,
                                         StoreProgress progress) {
        return sets.saveAccountSet(set, referenceMarks, source, progress);
    }

    @Override
    public List<AccountSetInfo> accountSets() { return sets.accountSets(); }

    @Override
    public Optional<AccountSetInfo> accountSet(String name) { return sets.accountSet(name); }

    @Override
    public Optional<StoredAccountSet> loadAccountSet(String name) { return sets.loadAccountSet(name); }

    @Override
    public boolean deleteAccountSet(String name) { return sets.deleteAccountSet(name); }

    @Override
    public void saveScenario(StoredScenario scenario) { scenarios.saveScenario(scenario); }

    @Override
    public List<StoredScenario> scenarios() { return scenarios.scenarios(); }

    @Override
    public Optional<StoredScenario> scenario(String name) { return scenarios.scenario(name); }

    @Override
    public long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles, CompletableFuture<RunSummary> summary,
                        RunResult result, StoreProgress progress) {
        return runs.saveRun(provenance, policyFiles, summary, result, progress);
    }

    @Override
    public List<StoredRun> runs() { return runs.runs(); }

    @Override
    public Optional<StoredRun> run(long id) { return runs.run(id); }

    @Override
    public List<PolicyFile> policyFiles(String policyHash) { return runs.policyFiles(policyHash); }

    @Override
    public List<StepMetrics> runSteps(long runId) { return runs.runSteps(runId); }

    @Override
    public Optional<AccountOutcome> outcome(long runId, String accountId) { return runs.outcome(runId, accountId); }

    @Override
    public List<RunEvent> events(long runId, String accountId) { return runs.events(runId, accountId); }

    @Override
    public List<QueuePoint> queuePoints(long runId, String market) { return runs.queuePoints(runId, market); }

    @Override
    public List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank) {
        return runs.queue(runId, point, fromRank, toRank);
    }

    @Override
    public List<QueueEntry> queueEntries(long runId, String market, String accountId) {
        return runs.queueEntries(runId, market, accountId);
    }

    @Override
    public List<OutcomeSpread> mostDifferentAccounts(List<Long> runIds, int limit) {
        return runs.mostDifferentAccounts(runIds, limit);
    }

    @Override
    public void scanOutcomes(long runId, Consumer<AccountOutcome> each) { runs.scanOutcomes(runId, each); }

    @Override
    public void scanEvents(long runId, Consumer<RunEvent> each) { runs.scanEvents(runId, each); }

    @Override
    public void scanQueueEntries(long runId, Consumer<QueueEntry> each) { runs.scanQueueEntries(runId, each); }

    @Override
    public Map<String, Integer> queueSizes(long runId) { return runs.queueSizes(runId); }

    // ------------------------------------------------------------------ sweeps

    @Override
    public long createSweep(NewSweep sweep) { return sweeps.createSweep(sweep); }

    @Override
    public NewSweep started(long sweepId) { return sweeps.started(sweepId); }

    @Override
    public void savePolicySnapshot(String policyHash, String policyId, int version, List<PolicyFile> files) {
        sweeps.savePolicySnapshot(policyHash, policyId, version, files);
    }

    @Override
    public void savePoint(long sweepId, PointResult point) { sweeps.savePoint(sweepId, point); }

    @Override
    public List<StoredSweep> sweeps() { return sweeps.sweeps(); }

    @Override
    public Optional<StoredSweep> sweep(long id) { return sweeps.sweep(id); }

    @Override
    public List<PointResult> points(long sweepId) { return sweeps.points(sweepId); }
}
