package org.deleveraging.sweep;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.policy.PolicyVariant;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.ScenarioService;

/**
 * Runs a sweep on this machine: reads and checks the definition ({@link SweepPlan}), stores the sweep with a snapshot
 * of every policy variant, then runs the points on a pool of threads (one compiled variant shared by the threads, a
 * session per run), storing each point's metrics as it finishes. An interrupted sweep keeps its finished points;
 * {@link #resume} runs the rest with exactly what the sweep started with (the variants' stored files, the sets' hashes,
 * the scenarios' text) or refuses.
 */
public final class SweepService {
    private final SweepRepository store;
    private final RunService runs;
    private final PolicyRegistry policies;
    private final Supplier<PolicyLoader> loaders;
    private final Path rulesRoot;
    private final AccountSetService sets;
    private final ScenarioService scenarios;
    private final Clock clock;
    private final String engineVersion;
    private final SweepExecutor executor;

    /**
     * @param loaders a fresh loader per sweep: its variants share compiled rules for the sweep's life
     *                ({@link PolicyLoader#fromFiles})
     * @param rulesRoot where a variant's swapped module is read from
     */
    public SweepService(SweepRepository store, RunService runs, PolicyRegistry policies, Supplier<PolicyLoader> loaders,
                        Path rulesRoot, AccountSetService sets, ScenarioService scenarios, Clock clock,
                        String engineVersion) {
        this(store, runs, policies, loaders, rulesRoot, sets, scenarios, clock, engineVersion,
                new LocalExecutor(clock));
    }

    /** As above, running the points with {@code executor}: this machine's threads, or a Spark cluster. */
    public SweepService(SweepRepository store, RunService runs, PolicyRegistry policies, Supplier<PolicyLoader> loaders,
                        Path rulesRoot, AccountSetService sets, ScenarioService scenarios, Clock clock,
                        String engineVersion, SweepExecutor executor) {
        this.executor = executor;
        this.store = store;
        this.runs = runs;
        this.policies = policies;
        this.loaders = loaders;
        this.rulesRoot = rulesRoot;
        this.sets = sets;
        this.scenarios = scenarios;
        this.clock = clock;
        this.engineVersion = engineVersion;
    }

    /**
     * @param threads how many points run at once (default: one per core)
     * @param keepRuns which points (by number) also keep their whole run, for {@code explain} and {@code compare}
     */
    public record Options(int threads, IntPredicate keepRuns) {
        public static Options defaults() { return new Options(Runtime.getRuntime().availableProcessors(), n -> false); }

        /** {@code --keep-runs} as written: nothing, {@code all}, or point numbers such as {@code 1,5,7}. */
        public static IntPredicate keepRuns(String keep) {
            if (keep == null || keep.isBlank()) return n -> false;
            if (keep.trim().equals("all")) return n -> true;
            Set<Integer> chosen = new HashSet<>();
            for (String part : keep.split(",")) {
                try {
                    chosen.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new InputException("--keep-runs: 'all' or point numbers such as 1,5,7; got '" + part.trim()
                            + "'");
                }
            }
            return chosen::contains;
        }
    }

    /** Told of each point as it is stored, on the thread that ran it (calls are serialised). */
    public interface Listener {
        Listener NONE = (sweepId, done, total, point) -> {};

        void stored(long sweepId, int done, int total, PointResult point);
    }

    /**
     * @param finishedBefore points a resumed sweep had finished before
     * @param ranNow points this call ran and stored
     * @param cancelled whether Ctrl-C stopped it (its finished points are kept)
     */
    public record Outcome(StoredSweep sweep, int finishedBefore, int ranNow, boolean cancelled, long millis) {}

    /** Reads a sweep definition, checks it against the workbench, stores it and runs every point. */
    public Outcome run(String yaml, String source, Options options, Listener listener, Cancellation cancel) {
        SweepDefinition def = SweepReader.parse(yaml, source);
        PolicyLoader loader = loaders.get();
        Set<String> checked = new HashSet<>();
        SweepPlan plan = new SweepPlan(def, p -> freshVariant(def, p, loader, checked), this::loadSet,
                name -> scenarios.resolve(name).yaml());
        Map<String, String> hashes = new java.util.LinkedHashMap<>();
        for (var e : plan.variants().entrySet()) {
            Policy v = e.getValue();
            store.savePolicySnapshot(v.hash(), v.id(), v.version(), v.files());
            hashes.put(e.getKey(), v.hash());
        }
        long id = store.createSweep(new NewSweep(def.name(), source, yaml, plan.points().size(), engineVersion, hashes,
                plan.setHashes(), plan.scenarioYaml()));
        return execute(id, plan, Set.of(), options, listener, cancel);
    }

    /** Runs the points of a stored sweep that have not finished, with what it started with. */
    public Outcome resume(long sweepId, Options options, Listener listener, Cancellation cancel) {
        StoredSweep stored = sweep(sweepId);
        NewSweep started = store.started(sweepId);
        SweepDefinition def = SweepReader.parse(stored.definition(), stored.source());
        PolicyLoader loader = loaders.get();
        SweepPlan plan = new SweepPlan(def, p -> {
            String hash = started.variants().get(p.variant());
            if (hash == null) throw new InputException("sweep " + sweepId + " has no stored variant '" + p.variant()
                    + "'");
            return loader.fromFiles(Path.of("policies", p.policyId()), store.policyFiles(hash));
        }, name -> {
            SweepPlan.LoadedSet set = loadSet(name);
            String then = started.setHashes().get(name);
            if (!set.hash().equals(then))
                throw new InputException("account set '" + name + "' is not the one sweep " + sweepId
                        + " started with (its hash changed); start a new sweep");
            return set;
        }, name -> {
            String yaml = started.scenarioYaml().get(name);
            if (yaml == null) throw new InputException("sweep " + sweepId + " kept no scenario '" + name + "'");
            return yaml;
        });
        Set<Integer> done = new HashSet<>();
        for (PointResult r : store.points(sweepId)) done.add(r.point().number());
        return execute(sweepId, plan, done, options, listener, cancel);
    }

    public List<StoredSweep> list() { return store.sweeps(); }

    public StoredSweep sweep(long id) {
        return store.sweep(id).orElseThrow(() -> new InputException("no sweep " + id + "; `sweep list` shows them"));
    }

    /** A sweep as a command names it: {@code 3}, {@code #3} or {@code last}. */
    public StoredSweep sweep(String ref) { return SweepRef.resolve(store, ref); }

    public List<PointResult> points(long id) {
        sweep(id);
        return store.points(id);
    }

    private Outcome execute(long sweepId, SweepPlan plan, Set<Integer> done, Options options, Listener listener,
                            Cancellation cancel) {
        long t0 = System.nanoTime();
        List<SweepPoint> pending = new ArrayList<>();
        for (SweepPoint p : plan.points()) if (!done.contains(p.number())) pending.add(p);
        int total = plan.points().size();
        AtomicInteger finished = new AtomicInteger(done.size());
        AtomicInteger ranNow = new AtomicInteger();
        Object order = new Object();
        try {
            executor.execute(sweepId, plan, pending, options.threads(), r -> {
                PointResult kept = options.keepRuns().test(r.point().number()) ? keep(sweepId, plan, r, cancel) : r;
                store.savePoint(sweepId, kept);
                ranNow.incrementAndGet();
                synchronized (order) {
                    listener.stored(sweepId, finished.incrementAndGet(), total, kept);
                }
            }, cancel);
        } catch (Cancellation.Cancelled e) {
            // the finished points are stored; the outcome says it was cancelled
        } catch (RuntimeException e) {
            String why = e instanceof InputException ? e.getMessage() : e.toString();
            throw new InputException("sweep " + sweepId + " stopped: " + why + "; its " + finished.get() + " finished"
                    + " points are kept: `sweep resume --sweep " + sweepId + "` runs the rest", e);
        }
        return new Outcome(sweep(sweepId), done.size(), ranNow.get(), cancel.requested(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The point's whole run, stored as any run is (its variant's files, the scenario as run): run again, here, and
     * checked to be the point itself.
     */
    private PointResult keep(long sweepId, SweepPlan plan, PointResult r, Cancellation cancel) {
        SweepPoint p = r.point();
        StoredRun run = runs.run(plan.policy(p), p.accountSet(), plan.resolved(p), r.seed(), RunProgress.NONE,
                cancel);
        // the same point run twice must do the same thing: the kept run is the point, not a look-alike
        if (!run.summary().resultDigest().equals(r.metrics().resultDigest()))
            throw new IllegalStateException("point " + p.number() + "'s kept run " + run.id()
                    + " differs from the point's run (digest " + run.summary().resultDigest() + " against "
                    + r.metrics().resultDigest() + ")");
        return new PointResult(p, r.policyHash(), r.setHash(), r.scenarioHash(), r.seed(), r.metrics(), run.id(),
                r.engineMillis(), r.finishedAt());
    }

    private SweepPlan.LoadedSet loadSet(String name) {
        StoredAccountSet s = sets.load(name);
        return new SweepPlan.LoadedSet(s.set(), s.info().hash());
    }

    /**
     * A point's variant from the policy on disk, each change checked alone first so that an error names its line (once
     * per policy, key and value: {@code checked} holds those done, so a grid's variants do not check them again).
     */
    private Policy freshVariant(SweepDefinition def, SweepPoint p, PolicyLoader loader, Set<String> checked) {
        SweepDefinition.PolicyAxis axis = def.policies().stream().filter(a -> a.policy().text().equals(p.policyId()))
                .findFirst().orElseThrow();
        Policy base;
        try {
            base = policies.get(p.policyId());
        } catch (InputException e) {
            throw new InputException(def.source(), axis.policy().line(), axis.policy().field(), e.getMessage());
        }
        for (SweepDefinition.Axis a : SweepGrid.axes(def, axis)) {
            String value = p.changes().get(a.key());
            SweepDefinition.Item item = a.values().stream().filter(v -> v.text().equals(value)).findFirst()
                    .orElseThrow();
            if (checked.add(p.policyId() + " " + a.key() + "=" + value))
                build(def, base, Map.of(a.key(), value), loader, item);
        }
        return build(def, base, p.changes(), loader, axis.policy());
    }

    private Policy build(SweepDefinition def, Policy base, Map<String, String> changes, PolicyLoader loader,
                         SweepDefinition.Item where) {
        try {
            return loader.fromFiles(base.directory(), PolicyVariant.files(base, changes, rulesRoot));
        } catch (InputException | IllegalArgumentException e) {
            String changed = changes.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .reduce((a, b) -> a + " " + b).orElse("");
            throw new InputException(def.source(), where.line(), where.field(), "policy " + base.id() + " with "
                    + changed + ": " + e.getMessage());
        }
    }
}
