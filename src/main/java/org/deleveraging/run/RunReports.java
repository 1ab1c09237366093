package org.deleveraging.run;

import org.deleveraging.accounts.AccountSetService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.scenario.ScenarioReader;
import org.deleveraging.accounts.StoredAccountSet;

/**
 * Everything read back from stored runs: lists, one run in detail, runs side by side, one account's story, an ADL
 * queue, and the exact reproduction of a run from what it stored. A run is named by its number ({@code 12} or
 * {@code #12}) or {@code last}.
 */
public final class RunReports {
    private final RunRepository store;

    public RunReports(RunRepository store) { this.store = store; }

    public record Detail(StoredRun run, List<StepMetrics> steps, List<PolicyFile> policyFiles) {}

    /** One account across the compared runs: its outcome in each (empty where that run left it alone). */
    public record AccountAcrossRuns(OutcomeSpread spread, List<Optional<AccountOutcome>> outcomes) {}

    /**
     * @param accounts the accounts treated most differently; empty when the runs used different account sets, and
     *                 {@code notice} then says why
     */
    public record Comparison(List<StoredRun> runs, List<List<StepMetrics>> steps, List<AccountAcrossRuns> accounts,
                             Optional<String> notice) {}

    public record Explanation(StoredRun run, String accountId, Optional<AccountOutcome> outcome,
            List<RunEvent> events) {}

    /**
     * @param point the queue shown; {@code others} the other moments the run ranked a queue on this market
     * @param accountEntry where the asked-for account stood in that queue, if it was in it
     */
    public record QueueView(StoredRun run, QueuePoint point, List<QueueEntry> top, Optional<QueueEntry> accountEntry,
                            List<QueuePoint> others) {}

    public record Reproduction(StoredRun run, String storedDigest, String digest) {
        public boolean exact() { return storedDigest.equals(digest); }
    }

    public List<StoredRun> list() { return store.runs(); }

    public StoredRun run(String ref) {
        if (ref == null || ref.isBlank()) throw new InputException(
                "--run: missing; give a run number (see 'runs list') or 'last'");
        String r = ref.trim();
        if (r.equalsIgnoreCase("last"))
            return store.runs().stream().findFirst()
                    .orElseThrow(() -> new InputException("--run last: no run is stored yet"));
        if (r.startsWith("#")) r = r.substring(1);
        long id;
        try {
            id = Long.parseLong(r);
        } catch (NumberFormatException e) {
            throw new InputException("--run: '" + ref + "' is not a run number; see 'runs list'");
        }
        return store.run(id).orElseThrow(() -> new InputException("no run " + ref + "; see 'runs list'"));
    }

    /** Run numbers with their labels, newest first: what completion proposes. */
    public List<StoredRun> completions() { return store.runs(); }

    public Detail show(String ref) {
        StoredRun run = run(ref);
        return new Detail(run, store.runSteps(run.id()), store.policyFiles(run.provenance().policyHash()));
    }

    public Comparison compare(List<String> refs, int limit) {
        if (refs.size() < 2) throw new InputException("compare: give at least two runs, e.g. 'compare 1 2'");
        List<StoredRun> runs = new ArrayList<>();
        for (String ref : refs) runs.add(run(ref));
        List<Long> ids = runs.stream().map(StoredRun::id).toList();
        if (ids.stream().distinct()
                .count() < ids.size()) throw new InputException("compare: the same run is named twice");
        List<List<StepMetrics>> steps = runs.stream().map(r -> store.runSteps(r.id())).toList();
        Optional<String> notice = differentAccountSets(runs);
        if (notice.isPresent()) return new Comparison(runs, steps, List.of(), notice);
        List<AccountAcrossRuns> accounts = new ArrayList<>();
        for (OutcomeSpread s : store.mostDifferentAccounts(ids, limit)) {
            List<Optional<AccountOutcome>> each = new ArrayList<>();
            for (long id : ids) each.add(store.outcome(id, s.accountId()));
            accounts.add(new AccountAcrossRuns(s, each));
        }
        return new Comparison(runs, steps, accounts, Optional.empty());
    }

    /**
     * Whether runs can be compared account by account: only if they ran over the same book (one account set hash).
     * Over different books an account id names unrelated traders (A000042 of one generated set is not A000042 of
     * another), so a per-account comparison would pair strangers; the one-line notice says so and names the sets.
     */
    public static Optional<String> differentAccountSets(List<StoredRun> runs) {
        if (runs.stream().map(r -> r.provenance().setHash()).distinct().count() <= 1) return Optional.empty();
        List<String> sets = new ArrayList<>();
        for (StoredRun r : runs) {
            String set = r.provenance().setName() + " " + r.provenance().setHash()
                    .substring(0, Math.min(12, r.provenance().setHash().length()));
            if (!sets.contains(set)) sets.add(set);
        }
        return Optional.of("the runs used different account sets (" + String.join(", ", sets) + "): only the aggregate"
                + " figures are compared; accounts are not matched by id across different books");
    }

    public Explanation explain(String ref, String accountId) {
        StoredRun run = run(ref);
        if (accountId == null || accountId.isBlank()) throw new InputException("--account: missing");
        return new Explanation(run, accountId, store.outcome(run.id(), accountId), store.events(run.id(), accountId));
    }

    /**
     * The queue on {@code market}: at {@code step} when given, otherwise where the account first stood in one,
     * otherwise the run's first queue there.
     */
    public QueueView adlQueue(String ref, String market, String accountId, Integer step, int top) {
        StoredRun run = run(ref);
        List<QueuePoint> points = store.queuePoints(run.id(), market);
        if (points.isEmpty())
            throw new InputException("run " + run.id() + " ranked no ADL queue on " + market
                    + " (ADL never reached that market, or the policy does not rank)");
        List<QueueEntry> mine = accountId == null || accountId.isBlank() ? List.of()
                : store.queueEntries(run.id(), market, accountId);
        QueuePoint point;
        if (step != null) {
            point = points.stream().filter(p -> p.step() == step).findFirst().orElseThrow(() -> new InputException(
                    "--step: run " + run.id() + " ranked no queue on " + market + " at step " + step
                    + "; steps with one: "
                            + points.stream().map(p -> String.valueOf(p.step())).distinct().toList()));
        } else if (!mine.isEmpty()) {
            QueueEntry first = mine.get(0);
            point = points.stream().filter(p -> p.step() == first.step() && p.round() == first.round()
                    && p.side().equals(first.side()))
                    .findFirst().orElse(points.get(0));
        } else {
            point = points.get(0);
        }
        QueuePoint shown = point;
        Optional<QueueEntry> entry = mine.stream().filter(e -> e.step() == shown.step() && e.round() == shown.round()
                && e.side().equals(shown.side())).findFirst();
        if (accountId != null && !accountId.isBlank() && mine.isEmpty() && step == null)
            throw new InputException("account " + accountId + " was in no ADL queue of run " + run.id() + " on "
                    + market);
        List<QueuePoint> others = points.stream().filter(p -> p != shown).toList();
        return new QueueView(run, point, store.queue(run.id(), point, 1, top), entry, others);
    }

    /**
     * Runs a stored run again from what it stored (the policy files snapshot, the scenario text, the seed) over the
     * account set it named, refusing if that set has changed, and compares result digests.
     */
    public Reproduction reproduce(String ref, AccountSetService sets) {
        return reproduce(ref, sets, Cancellation.NEVER);
    }

    /** As {@link #reproduce(String, AccountSetService)}, stopped by {@code cancel} (it stores nothing either way). */
    public Reproduction reproduce(String ref, AccountSetService sets, Cancellation cancel) {
        StoredRun run = run(ref);
        StoredAccountSet set = sets.load(run.provenance().setName());
        if (!set.info().hash().equals(run.provenance().setHash()))
            throw new InputException("account set '" + run.provenance().setName() + "' is not the one run " + run.id()
                    + " used (hash " + run.provenance().setHash().substring(0, 12) + ", now " + set.info().hash()
                    .substring(0, 12) + ")");
        Policy policy = policyFromSnapshot(run);
        if (!policy.hash().equals(run.provenance().policyHash()))
            throw new IllegalStateException("the policy snapshot of run " + run.id()
                    + " does not hash as it was stored");
        var scenario = ScenarioReader.parse(run.provenance().scenarioYaml(), "run " + run.id() + " scenario");
        RunResult result = new Engine().run(policy.settings(), policy.newDecisions(), set.set(), scenario,
                run.provenance().seed(), RunListener.NONE, cancel);
        return new Reproduction(run, run.summary().resultDigest(), ResultDigest.of(result));
    }

    private Policy policyFromSnapshot(StoredRun run) {
        String id = run.provenance().policyId();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("policy-snapshot-");
            for (PolicyFile f : store.policyFiles(run.provenance().policyHash())) {
                String path = f.path().replace('\\', '/');
                String own = "policies/" + id + "/";
                int i = path.indexOf(own);
                int r = path.indexOf("rules/");
                Path target = i >= 0 ? dir.resolve("policies").resolve(id).resolve(path.substring(i + own.length()))
                        : r >= 0 ? dir.resolve(path.substring(r)) : null;
                // a stored snapshot is as untrusted as the folder it came from: nothing is written outside the copy
                if (target == null || !target.normalize().startsWith(dir))
                    throw new IllegalStateException("snapshot file outside policies/ and rules/: " + path);
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content());
            }
            return new PolicyLoader(dir.resolve("rules")).load(dir.resolve("policies").resolve(id));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the policy snapshot to a temporary folder", e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
