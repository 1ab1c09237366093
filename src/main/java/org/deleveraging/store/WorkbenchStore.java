package org.deleveraging.store;

import org.deleveraging.input.DuplicateNameException;
import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.run.OutcomeSpread;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.StoredScenario;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;

/**
 * Everything the workbench keeps between sessions. Writes of account sets and runs are all-or-nothing: until the
 * last commit they are invisible, and {@link #discardUnfinished()} removes what an interrupted session left.
 */
public interface WorkbenchStore {

    // ---- housekeeping

    /** Removes imports and runs that never finished; returns one line per thing removed, for the start-up notice. */
    List<String> discardUnfinished();

    Optional<String> meta(String key);

    void putMeta(String key, String value);

    // ---- account sets

    /**
     * Stores a set under its name; {@code referenceMarks} must give a price for every market of the set.
     *
     * @throws DuplicateNameException when a set of that name exists
     */
    AccountSetInfo saveAccountSet(AccountSet set, Map<String, BigDecimal> referenceMarks, String source,
                                  StoreProgress progress);

    List<AccountSetInfo> accountSets();

    Optional<AccountSetInfo> accountSet(String name);

    Optional<StoredAccountSet> loadAccountSet(String name);

    /** Deletes a set; runs that used it keep their results, provenance and the set's hash. */
    boolean deleteAccountSet(String name);

    // ---- scenarios a user imported (shipped ones live on the classpath)

    void saveScenario(StoredScenario scenario);

    List<StoredScenario> scenarios();

    Optional<StoredScenario> scenario(String name);

    // ---- runs

    /** Stores a run: the policy files (once per hash), the provenance, the summary and the results. Returns its id. */
    default long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles, RunSummary summary, RunResult result,
                         StoreProgress progress) {
        return saveRun(provenance, policyFiles, () -> summary, result, progress);
    }

    /**
     * As above, with the summary asked for once the results are written: a caller can compute what takes a pass over
     * the whole result (the run's digest) on the other core meanwhile. A summary that fails stores nothing.
     */
    default long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles,
                         java.util.function.Supplier<RunSummary> summary, RunResult result, StoreProgress progress) {
        return saveRun(provenance, policyFiles, summary, result, null, progress);
    }

    /**
     * As above, with what {@code packed} packed of the result while the run went on (null: nothing); it is stored as
     * the same rows the result alone would give.
     */
    long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles,
            java.util.function.Supplier<RunSummary> summary,
                 RunResult result, RunPacker packed, StoreProgress progress);

    /** Finished runs, newest first. */
    List<StoredRun> runs();

    Optional<StoredRun> run(long id);

    List<PolicyFile> policyFiles(String policyHash);

    List<StepMetrics> runSteps(long runId);

    Optional<AccountOutcome> outcome(long runId, String accountId);

    /** Every event that involved the account, as the account or as its counterparty, in the order they happened. */
    List<RunEvent> events(long runId, String accountId);

    /** The moments at which the run ranked an ADL queue on this market, in order. */
    List<QueuePoint> queuePoints(long runId, String market);

    /** Entries {@code fromRank..toRank} (1-based, inclusive) of one ranked queue. */
    List<QueueEntry> queue(long runId, QueuePoint point, int fromRank, int toRank);

    /** Where an account stood in the run's queues on this market, in order. */
    List<QueueEntry> queueEntries(long runId, String market, String accountId);

    /** The accounts the given runs treated most differently, largest spread first. */
    List<OutcomeSpread> mostDifferentAccounts(List<Long> runIds, int limit);
}
