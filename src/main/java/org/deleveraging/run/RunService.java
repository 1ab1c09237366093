package org.deleveraging.run;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.scenario.ScenarioService;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.TickGrid;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.LedgerSnapshot;
import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.engine.ProfitHaircut;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoredAccountSet;

/**
 * Runs a policy over a stored account set under a scenario and keeps the run: the recipe is load, check that the
 * scenario prices every market of the set, run the engine, summarise, store with provenance. Nothing is stored for a
 * run that fails.
 */
public final class RunService {
    private final RunRepository store;
    private final PolicyRegistry policies;
    private final AccountSetService sets;
    private final ScenarioService scenarios;
    private final Clock clock;
    private final String engineVersion;

    public RunService(RunRepository store, PolicyRegistry policies, AccountSetService sets, ScenarioService scenarios,
                      Clock clock, String engineVersion) {
        this.store = store;
        this.policies = policies;
        this.sets = sets;
        this.scenarios = scenarios;
        this.clock = clock;
        this.engineVersion = engineVersion;
    }

    /**
     * @param policyId the policy to run, or null for the active one
     * @param seed overrides the scenario's seed when not null
     */
    public StoredRun run(String policyId, String setName, String scenarioName, Long seed, RunProgress progress) {
        return run(policyId, setName, scenarioName, seed, progress, Cancellation.NEVER);
    }

    /**
     * As {@link #run(String, String, String, Long, RunProgress)}, stopped by {@code cancel} with
     * {@link Cancellation.Cancelled} at the engine's check points or at the store's next chunk: the store then rolls
     * the run back and removes its row, as for any failed run, so a cancelled run leaves nothing. Once the run's last
     * commit is made it is kept, and cancelling no longer has an effect.
     */
    public StoredRun run(String policyId, String setName, String scenarioName, Long seed, RunProgress progress,
                         Cancellation cancel) {
        Policy policy = policyId == null || policyId.isBlank() ? policies.active() : policies.get(policyId);
        return run(policy, setName, scenarios.resolve(scenarioName), seed, progress, cancel);
    }

    /**
     * As above, for a policy and a scenario at hand: a sweep's variant of a policy, a scenario at another severity
     * ({@code scenario/ScenarioVariant}, with the YAML it writes as the text the run keeps).
     */
    public StoredRun run(Policy policy, String setName, ScenarioService.Resolved scenario, Long seed,
                         RunProgress progress, Cancellation cancel) {
        long runSeed = seed == null ? scenario.scenario().seed() : seed;
        long t0 = System.nanoTime();
        Loaded set = load(setName, scenario, progress, cancel);
        long t1 = System.nanoTime();
        RunResult result = execute(policy, set, scenario, runSeed, progress, cancel);
        long t2 = System.nanoTime();
        RunProvenance provenance = new RunProvenance(policy.id(), policy.version(), policy.hash(), set.info.id(),
                set.name, set.info.hash(), scenario.name(), scenario.hash(), scenario.yaml(), runSeed, engineVersion,
                clock.instant());
        // the digest reads the whole result, and so does the store's write: the two go side by side on the two cores
        CompletableFuture<RunSummary> summary = CompletableFuture.supplyAsync(() -> summarise(set.accounts,
                set.positions, result, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, ResultDigest.of(result)));
        long id = store.saveRun(provenance, policy.files(), summary, result, (done, total) -> {
            cancel.check();
            progress.update("storing", done, total);
        });
        return store.run(id).orElseThrow();
    }

    /**
     * A stored set, checked against the scenario, with the figures the run keeps; the set itself is handed to the
     * engine once ({@link #take()}), not held here: the engine copies it into its own state and lets go of it, so that
     * at 1M positions its few hundred MB are free while the engine runs.
     */
    private static final class Loaded {
        final AccountSetInfo info;
        final String name;
        final int accounts;
        final int positions;
        private AccountSet set;

        Loaded(AccountSetInfo info, AccountSet set) {
            this.info = info;
            this.name = set.name();
            this.accounts = set.accounts().size();
            this.positions = set.accounts().stream().mapToInt(a -> a.positions().size()).sum();
            this.set = set;
        }

        AccountSet take() {
            AccountSet s = set;
            set = null;
            return s;
        }
    }

    /** Loads the set and checks the scenario prices every market of it; says which marks it rounds to the tick. */
    private Loaded load(String setName, ScenarioService.Resolved scenario, RunProgress progress, Cancellation cancel) {
        progress.update("loading " + setName, 0, 1);
        cancel.check();
        StoredAccountSet stored = sets.load(setName);
        cancel.check();
        AccountSet set = stored.set();
        progress.update("loading " + setName, 1, 1);
        scenario.checkPrices(set);
        List<TickGrid.Rounded> offGrid = TickGrid.rounded(scenario.scenario(), set);
        if (!offGrid.isEmpty()) progress.notice(TickGrid.notice(scenario.name(), offGrid));
        return new Loaded(stored.info(), set);
    }

    private static RunResult execute(Policy policy, Loaded set, ScenarioService.Resolved scenario, long seed,
                                     RunProgress progress, Cancellation cancel) {
        try {
            return new Engine().run(policy.settings(), policy.newDecisions(), set.take(), scenario.scenario(), seed,
                    (done, total) -> progress.update("running " + policy.id(), done, total), cancel);
        } catch (PolicyViolation e) {
            throw new InputException("policy '" + policy.id() + "' was stopped: " + e.getMessage(), e);
        }
    }

    /**
     * A warning when the policy a run would use no longer matches its files on disk ({@link PolicyRegistry#staleness}).
     */
    public Optional<String> staleness(String policyId) { return policies.staleness(policyId); }

    /** The summary of a finished result; {@code digest} is {@link ResultDigest#of} of it. */
    public static RunSummary summarise(int accounts, int positions, RunResult r, long loadMillis, long engineMillis,
            String digest) {
        List<StepMetrics> steps = r.steps();
        BigDecimal fundStart = r.ledgerStart().values().stream().map(LedgerSnapshot::insuranceFunds)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fundEnd = r.ledgerEnd().values().stream().map(LedgerSnapshot::insuranceFunds)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        AccountOutcome byEquity = null;
        int touched = 0;
        for (AccountOutcome o : r.outcomes()) {
            if (!o.touched()) continue;
            touched++;
            if (o.haircut().signum() > 0
                    && (byEquity == null || o.haircutShareOfEquity() > byEquity.haircutShareOfEquity()))
                byEquity = o;
        }
        // of profit: the engine's measure (engine/ProfitHaircut: per pool and step, profits of at least 1 % of equity,
        // capped)
        ProfitHaircut byProfit = r.largestProfitHaircut();
        String fired = r.rulesFired().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
        return new RunSummary(accounts, positions,
                steps.stream().mapToInt(StepMetrics::liquidations).sum(), sum(steps, StepMetrics::liquidationNotional),
                fundStart, fundEnd, sum(steps, StepMetrics::fundPaid), r.totalBadDebt(),
                steps.stream().mapToInt(StepMetrics::adlCount).sum(), sum(steps, StepMetrics::adlNotional),
                sum(steps, StepMetrics::adlHaircut), sum(steps, StepMetrics::adlCovered),
                sum(steps, StepMetrics::socialized),
                byEquity == null ? 0 : byEquity.haircutShareOfEquity(), byEquity == null ? null : byEquity.accountId(),
                byProfit.share(), byProfit.accountId(), touched, fired, digest, loadMillis, engineMillis,
                RunSummary.PROFIT_BASIS);
    }

    private static BigDecimal sum(List<StepMetrics> steps, java.util.function.Function<StepMetrics, BigDecimal> f) {
        return steps.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
