package org.deleveraging.report;

import org.deleveraging.run.HaircutShares;
import org.deleveraging.run.AccountProfiles;
import org.deleveraging.run.AccountProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.deleveraging.accounts.AccountSetRepository;
import org.deleveraging.run.RunRepository;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.input.InputException;
import org.deleveraging.scenario.ScenarioReader;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunLabels;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.run.StoredRun;
import org.deleveraging.run.RunReports;

/**
 * Reads what the report needs of each stored run and computes the figures a comparison adds. The recipe, per run:
 * steps and outcomes from the store; the account set it used (only if its hash still matches) measured against the
 * run's stored scenario; the metrics; the haircut distributions; the ADL queue on the chosen market where ADL closed
 * the most. Then, across the runs, the accounts treated most differently.
 */
public final class ReportBuilder {
    /** How many accounts the "differs most" chart lists. */
    static final int DIFFERING = 15;
    /** How many places of an ADL queue the chart draws; longer queues are cut (the report says so). */
    static final int QUEUE_PLACES = 2000;

    private final RunRepository store;
    private final AccountSetRepository sets;
    private final RunTables tables;

    public ReportBuilder(RunRepository store, AccountSetRepository sets, RunTables tables) {
        this.sets = sets;
        this.store = store;
        this.tables = tables;
    }

    /**
     * @param market the market whose ADL queue to draw, or null for the one where the runs ranked the longest queues
     */
    public Report build(List<StoredRun> runs, String market, Instant generatedAt) {
        if (runs.isEmpty()) throw new InputException(
                "report: name at least one run, e.g. 'report 1 2 --out report.html'");
        if (runs.stream().map(StoredRun::id).distinct().count() < runs.size())
            throw new InputException("report: the same run is named twice");
        Map<Long, List<StepMetrics>> steps = new LinkedHashMap<>();
        for (StoredRun r : runs) steps.put(r.id(), store.runSteps(r.id()));
        List<String> markets = markets(steps.values());
        Optional<String> queueMarket = queueMarket(runs, markets, market);

        Map<Long, String> policies = RunLabels.policies(runs);
        Map<String, Optional<List<AccountProfile>>> profileCache = new HashMap<>();
        List<RunReport> out = new ArrayList<>();
        for (StoredRun r : runs) {
            Map<String, AccountOutcome> outcomes = new LinkedHashMap<>();
            for (AccountOutcome o : tables.outcomes(r.id())) outcomes.put(o.accountId(), o);
            Map<String, BigDecimal> haircuts = HaircutShares.byAccount(outcomes.values());
            String key = r.provenance().setHash() + "|" + r.provenance().scenarioHash();
            Optional<List<AccountProfile>> profiles = profileCache.computeIfAbsent(key, k -> profiles(r));
            Optional<String> note = profiles.isPresent() ? Optional.empty() : Optional.of("account set '"
                    + r.provenance().setName() + "' is no longer the one run " + r.id() + " used (deleted or replaced):"
                    + " the haircut distributions and the winners' shares need it");
            List<AccountProfile> ps = profiles.orElse(List.of());
            RunMetrics metrics = RunMetrics.of(r.summary(), steps.get(r.id()), outcomes.values(),
                    profiles.orElse(null));
            out.add(new RunReport(r, policies.get(r.id()), metrics, steps.get(r.id()), outcomes, ps,
                    ps.isEmpty() ? List.of() : HaircutDistribution.byLeverage(ps, haircuts),
                    ps.isEmpty() ? List.of() : HaircutDistribution.byProfitDecile(ps, haircuts),
                    queueMarket.flatMap(m -> queue(r, m)), note));
        }
        Optional<String> notice = RunReports.differentAccountSets(runs);
        return new Report(generatedAt, out, markets, queueMarket, notice.isPresent() ? List.of() : differing(out),
                notice);
    }

    private Optional<List<AccountProfile>> profiles(StoredRun r) {
        Optional<StoredAccountSet> set = sets.loadAccountSet(r.provenance().setName())
                .filter(s -> s.info().hash().equals(r.provenance().setHash()));
        if (set.isEmpty()) return Optional.empty();
        Scenario scenario = ScenarioReader.parse(r.provenance().scenarioYaml(), "run " + r.id() + " scenario");
        return Optional.of(List.copyOf(AccountProfiles.of(set.get().set(), scenario).values()));
    }

    private static List<String> markets(Iterable<List<StepMetrics>> runs) {
        Set<String> out = new LinkedHashSet<>();
        for (List<StepMetrics> steps : runs) for (StepMetrics s : steps) out.addAll(s.marks().keySet());
        return List.copyOf(out);
    }

    /** The asked-for market (which must be one the runs trade), or the one with the most ranked queue places. */
    private Optional<String> queueMarket(List<StoredRun> runs, List<String> markets, String asked) {
        if (asked != null && !asked.isBlank()) {
            if (!markets.contains(asked))
                throw new InputException("--market: the runs trade no market '" + asked + "'; they trade "
                        + String.join(", ", markets));
            return Optional.of(asked);
        }
        Map<String, Integer> places = new HashMap<>();
        for (StoredRun r : runs) tables.queueSizes(r.id()).forEach((m, n) -> places.merge(m, n, Integer::sum));
        // most places first; on a tie, the market named first alphabetically
        return markets.stream().filter(places::containsKey)
                .max(Comparator.comparing((String m) -> places.get(m))
                        .thenComparing(Comparator.<String>reverseOrder()));
    }

    /**
     * The queue as ranked at the step where ADL closed the most positions on the market, on the side it closed (the
     * earliest such step on a tie); the run's first queue there when ADL ranked but closed nothing.
     */
    private Optional<QueueSnapshot> queue(StoredRun r, String market) {
        List<QueuePoint> points = store.queuePoints(r.id(), market);
        if (points.isEmpty()) return Optional.empty();
        QueuePoint shown = points.get(0);
        List<RunTables.AdlCloses> closes = tables.adlCloses(r.id(), market);
        RunTables.AdlCloses most = null;
        for (RunTables.AdlCloses c : closes)
            if (most == null || c.closes() > most.closes()) most = c;
        if (most != null) {
            RunTables.AdlCloses at = most;
            shown = points.stream().filter(p -> p.step() == at.step() && p.side().equals(at.side())).findFirst()
                    .orElse(shown);
        }
        QueuePoint at = shown;
        Set<String> deleveraged = closes.stream().filter(c -> c.step() == at.step() && at.side().equals(c.side()))
                .findFirst().map(RunTables.AdlCloses::accounts).orElse(Set.of());
        List<QueueEntry> entries = store.queue(r.id(), shown, 1, Math.min(shown.length(), QUEUE_PLACES));
        return Optional.of(new QueueSnapshot(shown, entries, deleveraged));
    }

    private List<DifferingAccount> differing(List<RunReport> runs) {
        if (runs.size() < 2) return List.of();
        List<DifferingAccount> out = new ArrayList<>();
        for (var spread : store.mostDifferentAccounts(runs.stream().map(r -> r.run().id()).toList(), DIFFERING))
            out.add(new DifferingAccount(spread, runs.stream()
                    .map(r -> Optional.ofNullable(r.outcomes().get(spread.accountId()))).toList()));
        return out;
    }
}
