package org.deleveraging.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.PolicyFile;

/**
 * Where runs are kept: each with its provenance, the policy's files (once per hash), its summary and its results. A
 * save is all-or-nothing: until its last commit the run is invisible, and one that was interrupted is discarded at the
 * next start.
 */
public interface RunRepository {

    /**
     * Stores a run and returns its id. The summary is awaited once the results are written, so what takes a pass over
     * the whole result (the digest) can be computed on the other core meanwhile; a summary that fails stores nothing.
     */
    long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles, CompletableFuture<RunSummary> summary,
                 RunResult result, StoreProgress progress);

    /** Stores a run with a summary at hand. */
    default long saveRun(RunProvenance provenance, List<PolicyFile> policyFiles, RunSummary summary, RunResult result,
                         StoreProgress progress) {
        return saveRun(provenance, policyFiles, CompletableFuture.completedFuture(summary), result, progress);
    }

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

    // whole-run scans for reports, in stored order, without holding the run in memory

    /** Every account the run touched, with its outcome, in account id order. */
    void scanOutcomes(long runId, Consumer<AccountOutcome> each);

    /** Every event, in the order they happened. */
    void scanEvents(long runId, Consumer<RunEvent> each);

    /** Every stored queue place, in key order (market, step, round, side, rank). */
    void scanQueueEntries(long runId, Consumer<QueueEntry> each);

    /** The number of places ranked per market. */
    Map<String, Integer> queueSizes(long runId);
}
