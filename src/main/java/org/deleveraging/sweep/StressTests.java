package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.scenario.ScenarioVariant;

/**
 * Reverse stress tests: how much harsher a scenario must be before a policy crosses a line ({@link #find}), and
 * whether the fund a scenario gives a policy covers the default of its two largest debtors ({@link #coverTwo}). Every
 * probe is a run in memory ({@link PointRunner}); only the run at a threshold is stored, so that {@code explain},
 * {@code compare} and {@code report} read it like any other.
 */
public final class StressTests {
    /** The policies {@code stress cover2} compares when none are named: a fund and a queue, a haircut, no fund. */
    public static final List<String> DEFAULT_COVER_TWO_POLICIES = List.of("bitmex", "capped-pro-rata", "hyperliquid");
    /** The upper end of the search for a scenario whose marks only rise (no severity takes one to zero). */
    public static final BigDecimal UNBOUNDED_DEFAULT_TO = BigDecimal.TEN;

    private final PolicyRegistry policies;
    private final AccountSetService sets;
    private final ScenarioService scenarios;
    private final RunService runs;

    public StressTests(PolicyRegistry policies, AccountSetService sets, ScenarioService scenarios, RunService runs) {
        this.policies = policies;
        this.sets = sets;
        this.scenarios = scenarios;
        this.runs = runs;
    }

    /**
     * What {@code stress find} found.
     *
     * @param limit the scenario's severity limit (null: its marks only rise)
     * @param kept the run stored at the threshold, or null when there is none
     * @param keptMatches whether the kept run's result digest is the threshold probe's
     */
    public record Found(String policyId, String setName, String scenarioName, long seed, StressLine line,
                        BigDecimal limit, StressSearch.Outcome outcome, StoredRun kept, boolean keptMatches) {}

    /**
     * Searches {@code [from, to]} (to: null for the largest severity below the scenario's limit, to two decimals) for
     * the smallest severity at which {@code line} is crossed, then stores the run at that threshold.
     *
     * @param probed told after each probe: (probes so far, the most there can be)
     */
    public Found find(String policyId, String setName, String scenarioName, String until, BigDecimal from,
                      BigDecimal to, BigDecimal tolerance, Long seed, ProbeProgress probed, RunProgress progress,
                      Cancellation cancel) {
        StressLine line = StressLine.parse(until);
        Policy policy = policy(policyId);
        ScenarioService.Resolved resolved = scenarios.resolve(scenarioName);
        Scenario scenario = resolved.scenario();
        BigDecimal limit = ScenarioVariant.severityLimit(scenario);
        BigDecimal upper = to != null ? to : defaultTo(limit);
        if (limit != null && upper.compareTo(limit) >= 0)
            throw new InputException("--to " + upper.toPlainString() + ": severity " + limit.stripTrailingZeros()
                    .toPlainString() + " of " + scenarioName + " takes a mark to zero; its severities stay below it");
        AccountSet set = load(setName, resolved);
        long runSeed = seed == null ? scenario.seed() : seed;
        int most = StressSearch.maxProbes(from, upper, tolerance);
        int[] done = {0};
        Map<BigDecimal, String> digests = new java.util.HashMap<>();
        StressSearch.Outcome outcome = StressSearch.search(from, upper, tolerance, k -> {
            cancel.check();
            probed.probe(done[0], most, k);
            PointRunner.Measured m = PointRunner.run(policy, set, ScenarioVariant.scaled(scenario, k), runSeed, cancel);
            probed.probe(++done[0], most, k);
            digests.put(k, m.metrics().resultDigest());
            return line.read(m.metrics());
        });
        if (outcome.verdict() != StressSearch.Verdict.FOUND)
            return new Found(policy.id(), setName, scenarioName, runSeed, line, limit, outcome, null, false);
        BigDecimal k = outcome.threshold();
        StoredRun kept = runs.run(policy, setName, atSeverity(resolved, k), seed, progress, cancel);
        return new Found(policy.id(), setName, scenarioName, runSeed, line, limit, outcome, kept,
                kept.summary().resultDigest().equals(digests.get(k)));
    }

    /** The largest severity to two decimals strictly below the limit; {@link #UNBOUNDED_DEFAULT_TO} without one. */
    public static BigDecimal defaultTo(BigDecimal limit) {
        if (limit == null) return UNBOUNDED_DEFAULT_TO;
        BigDecimal down = limit.setScale(2, RoundingMode.FLOOR);
        if (down.compareTo(limit) >= 0) down = down.subtract(new BigDecimal("0.01"));
        return down;
    }

    /** The scenario at severity {@code k} as a run keeps it: its own text at 1, the variant's YAML otherwise. */
    static ScenarioService.Resolved atSeverity(ScenarioService.Resolved resolved, BigDecimal k) {
        if (k.compareTo(BigDecimal.ONE) == 0) return resolved;
        return ScenarioService.Resolved.variant(ScenarioVariant.scaled(resolved.scenario(), k), "stress find: "
                + resolved.name() + " at severity x" + k.toPlainString() + " (" + resolved.source() + ")");
    }

    /** Told after each probe of a search, and before it. */
    @FunctionalInterface
    public interface ProbeProgress {
        void probe(int done, int most, BigDecimal severity);

        ProbeProgress NONE = (d, m, s) -> {};
    }

    /** What {@code stress cover2} found, per policy in the order asked. */
    public record Cover(String setName, String scenarioName, BigDecimal severity, long seed,
                        List<CoverTwo.PolicyCover> policies, List<String> skipped) {}

    /**
     * Cover 2 ({@link CoverTwo}) for each policy: two runs in memory each, one with the scenario's funds (did ADL run,
     * what bad debt) and one with unlimited funds (each account's deficit).
     *
     * @param policyIds the policies; empty for {@link #DEFAULT_COVER_TWO_POLICIES} (those not loaded are skipped and
     *                  named), {@code all} for every policy that loads
     */
    public Cover coverTwo(List<String> policyIds, String setName, String scenarioName, BigDecimal severity, Long seed,
                          ProbeProgress progress, Cancellation cancel) {
        if (severity.signum() < 0) throw new InputException("--severity is zero or more, not "
                + severity.toPlainString());
        ScenarioService.Resolved resolved = scenarios.resolve(scenarioName);
        Scenario scenario;
        try {
            scenario = ScenarioVariant.scaled(resolved.scenario(), severity);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        AccountSet set = load(setName, resolved);
        long runSeed = seed == null ? scenario.seed() : seed;
        List<String> skipped = new ArrayList<>();
        List<Policy> chosen = chosen(policyIds, skipped);
        Scenario unlimited = CoverTwo.unlimitedFunds(scenario, set);
        List<CoverTwo.PolicyCover> out = new ArrayList<>();
        int done = 0;
        for (Policy p : chosen) {
            progress.probe(done, 2 * chosen.size(), severity);
            PointRunner.Measured actual = PointRunner.run(p, set, scenario, runSeed, cancel);
            progress.probe(++done, 2 * chosen.size(), severity);
            PointRunner.Measured free = PointRunner.run(p, set, unlimited, runSeed, cancel);
            progress.probe(++done, 2 * chosen.size(), severity);
            boolean hasFund = p.settings().insuranceFund().granularity() != PolicySettings.FundGranularity.NONE;
            out.add(new CoverTwo.PolicyCover(p.id(), hasFund, actual.summary().fundStart(),
                    CoverTwo.attribute(free.result()), actual.summary().adlCount(), actual.summary().badDebt()));
        }
        return new Cover(setName, scenarioName, severity, runSeed, out, skipped);
    }

    private List<Policy> chosen(List<String> ids, List<String> skipped) {
        List<Policy> out = new ArrayList<>();
        if (ids.size() == 1 && ids.get(0).equals("all")) {
            for (PolicyRegistry.Entry e : policies.list()) {
                if (e.policy().isPresent()) out.add(e.policy().get());
                else skipped.add(e.id() + " (does not load)");
            }
            return out;
        }
        if (ids.isEmpty()) {
            List<String> known = policies.ids();
            for (String id : DEFAULT_COVER_TWO_POLICIES) {
                if (known.contains(id)) out.add(policies.get(id));
                else skipped.add(id + " (not among the policies)");
            }
            if (out.isEmpty()) throw new InputException("none of the default policies (" + String.join(", ",
                    DEFAULT_COVER_TWO_POLICIES) + ") is loaded; name some with --policies");
            return out;
        }
        for (String id : ids) out.add(policy(id));
        return out;
    }

    private Policy policy(String id) {
        return id == null || id.isBlank() ? policies.active() : policies.get(id.trim());
    }

    /** The set, checked to be priced by the scenario in every market, as a run checks it. */
    private AccountSet load(String setName, ScenarioService.Resolved scenario) {
        AccountSet set = sets.load(setName).set();
        scenario.checkPrices(set);
        return set;
    }
}
