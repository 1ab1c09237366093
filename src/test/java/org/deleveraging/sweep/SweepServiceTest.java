package org.deleveraging.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps over the demo set, stored in a real H2 store: what a committee runs from the shell, without the shell. */
class SweepServiceTest {
    static final String TWO_POLICIES = """
            name: two-policies
            policies: [bitmex, hyperliquid]
            vary:
              margin.rateMultiplier: [0.75, 1, 1.25]
            accounts: [demo]
            scenarios: [oct-10, flash-shock]
            """;

    @TempDir
    static Path folder;
    static TempStore temp;
    static SweepService sweeps;
    static AccountSetService sets;
    static RunService runs;

    @BeforeAll
    static void store() {
        temp = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        sets = new AccountSetService(temp.store);
        sets.createDemo();
        PolicyRegistry policies = PolicyRegistry.loadingOnDemand(Path.of("policies"),
                new PolicyLoader(Path.of("rules")), "bitmex", (id, e) -> { });
        ScenarioService scenarios = new ScenarioService(temp.store, clock);
        runs = new RunService(temp.store, policies, sets, scenarios, clock, "sweep-test");
        sweeps = new SweepService(temp.store, runs, policies, () -> new PolicyLoader(Path.of("rules")),
                Path.of("rules"), sets, scenarios, clock, "sweep-test");
    }

    @AfterAll
    static void close() { temp.close(); }

    private static SweepService.Options threads(int n) { return new SweepService.Options(n, p -> false); }

    private static Map<Integer, PointMetrics> metrics(long sweepId) {
        return sweeps.points(sweepId).stream().collect(Collectors.toMap(r -> r.point().number(), PointResult::metrics));
    }

    private static Long whole;

    /** The two-policies sweep run once on two threads, for the tests that compare with it. */
    private static synchronized long whole() {
        if (whole == null) whole = sweeps.run(TWO_POLICIES, "two.yaml", threads(2), SweepService.Listener.NONE,
                Cancellation.NEVER).sweep().id();
        return whole;
    }

    private static Map<String, PointMetrics> byPoint(long sweepId) {
        return sweeps.points(sweepId).stream().collect(Collectors.toMap(r -> r.point().variant() + " "
                + r.point().stress(), PointResult::metrics));
    }

    @Test
    void two_policies_by_three_values_by_two_scenarios_store_twelve_points_the_same_on_one_thread_or_two() {
        StoredSweep two = sweeps.sweep(whole());
        assertThat(two.points()).isEqualTo(12);
        assertThat(two.complete()).isTrue();
        long one = sweeps.run(TWO_POLICIES.replace("[bitmex, hyperliquid]", "[bitmex]").replace("0.75, 1, 1.25",
                "0.75, 1.25"), "one.yaml", threads(1), SweepService.Listener.NONE, Cancellation.NEVER).sweep().id();
        assertThat(byPoint(two.id())).containsAllEntriesOf(byPoint(one)).hasSize(12);
        List<PointResult> points = sweeps.points(two.id());
        assertThat(points).extracting(r -> r.point().variant()).containsSubsequence("bitmex margin.rateMultiplier=0.75",
                "bitmex margin.rateMultiplier=1", "hyperliquid margin.rateMultiplier=1.25");
        // a stricter maintenance rate liquidates at least as many accounts on the same crash
        Map<String, Integer> liquidated = points.stream().filter(r -> r.point().policyId().equals("bitmex")
                        && r.point().scenario().equals("oct-10"))
                .collect(Collectors.toMap(r -> r.point().changes().get("margin.rateMultiplier"),
                        r -> r.metrics().accountsLiquidated()));
        assertThat(liquidated.get("1.25")).isGreaterThanOrEqualTo(liquidated.get("0.75"));
    }

    @Test
    void a_point_measures_what_its_run_alone_measures() {
        long id = sweeps.run("""
                name: one
                policies: [bitmex]
                accounts: [demo]
                scenarios: [oct-10]
                severity: [1.5]
                """, "one.yaml", threads(1), SweepService.Listener.NONE, Cancellation.NEVER).sweep().id();
        PointResult p = sweeps.points(id).get(0);
        var run = runs.run("bitmex", "demo", "oct-10", null, org.deleveraging.run.RunProgress.NONE);
        assertThat(p.metrics().resultDigest()).as("severity 1.5 is not the scenario as written")
                .isNotEqualTo(run.summary().resultDigest());
        assertThat(p.point().severity()).isEqualByComparingTo("1.5");
    }

    @Test
    void kept_runs_are_the_points_themselves() {
        long id = sweeps.run("""
                name: kept
                policies: [bitmex]
                accounts: [demo]
                scenarios: [oct-10]
                severity: [0.5, 2]
                """, "kept.yaml", new SweepService.Options(2, n -> n == 2), SweepService.Listener.NONE,
                Cancellation.NEVER).sweep().id();
        List<PointResult> points = sweeps.points(id);
        assertThat(points.get(0).runId()).isNull();
        Long runId = points.get(1).runId();
        assertThat(runId).isNotNull();
        var run = temp.store.run(runId).orElseThrow();
        assertThat(run.summary().resultDigest()).isEqualTo(points.get(1).metrics().resultDigest());
        assertThat(run.provenance().scenarioName()).isEqualTo("oct-10-x2");
        assertThat(run.provenance().scenarioHash()).isEqualTo(points.get(1).scenarioHash());
    }

    @Test
    void an_interrupted_sweep_keeps_its_finished_points_and_resume_runs_the_rest_to_the_same_figures() {
        Cancellation cancel = new Cancellation();
        AtomicInteger stored = new AtomicInteger();
        SweepService.Outcome cut = sweeps.run(TWO_POLICIES, "two.yaml", threads(1),
                (sweep, done, total, point) -> {
                    if (stored.incrementAndGet() == 5) cancel.cancel();
                }, cancel);
        assertThat(cut.cancelled()).isTrue();
        assertThat(cut.sweep().finished()).isEqualTo(5);
        SweepService.Outcome rest = sweeps.resume(cut.sweep().id(), threads(2), SweepService.Listener.NONE,
                Cancellation.NEVER);
        assertThat(rest.finishedBefore()).isEqualTo(5);
        assertThat(rest.ranNow()).isEqualTo(7);
        assertThat(rest.sweep().complete()).isTrue();
        assertThat(metrics(cut.sweep().id())).isEqualTo(metrics(whole()));
        assertThat(sweeps.resume(whole(), threads(2), SweepService.Listener.NONE, Cancellation.NEVER).ranNow())
                .isZero();
    }

    @Test
    void resume_refuses_an_account_set_that_changed_since_the_sweep_started() {
        sets.generate("changing", DemoData.settings(), StoreProgress.NONE);
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        long id = sweeps.run("""
                name: changing
                policies: [bitmex]
                accounts: [changing]
                scenarios: [flash-shock]
                """, "c.yaml", threads(1), SweepService.Listener.NONE, cancel).sweep().id();
        sets.delete("changing");
        sets.generate("changing", DemoData.settings().withSeed(99), StoreProgress.NONE);
        assertThatThrownBy(() -> sweeps.resume(id, threads(1), SweepService.Listener.NONE, Cancellation.NEVER))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("account set 'changing' is not the one sweep " + id + " started with");
    }

    @Test
    void mistakes_name_the_line_and_store_nothing() {
        int before = sweeps.list().size();
        Function<String, String> error = yaml -> {
            try {
                sweeps.run(yaml, "bad.yaml", threads(1), SweepService.Listener.NONE, Cancellation.NEVER);
                return "no error";
            } catch (InputException e) {
                return e.getMessage();
            }
        };
        assertThat(error.apply("""
                name: bad
                policies: [bitmex, nowhere]
                accounts: [demo]
                scenarios: [oct-10]
                """)).startsWith("bad.yaml:2: policies[1]: ");
        assertThat(error.apply("""
                name: bad
                policies: [bitmex]
                vary:
                  parameters.fundMaxNotionalShare: [1, 2]
                accounts: [demo]
                scenarios: [oct-10]
                """)).startsWith("bad.yaml:4: vary.parameters.fundMaxNotionalShare[0]: policy bitmex with "
                + "parameters.fundMaxNotionalShare=1: policy bitmex declares no parameter");
        assertThat(error.apply("""
                name: bad
                policies: [bitmex]
                accounts: [demo]
                scenarios: [oct-10]
                severity: [1, 4]
                """)).isEqualTo("bad.yaml:5: severity[1]: severity 4 takes a mark of oct-10 to zero or below; its"
                + " severities stay below 3.846153846153");
        assertThat(error.apply("""
                name: bad
                policies: [bitmex]
                vary:
                  liquidation.orderLimit: [bankruptcy, sideways]
                accounts: [demo]
                scenarios: [oct-10]
                """)).startsWith("bad.yaml:4: vary.liquidation.orderLimit[1]: policy bitmex with "
                + "liquidation.orderLimit=sideways: policies/bitmex/policy.yaml:");
        assertThat(error.apply("""
                name: bad
                policies: [bitmex]
                vary:
                  margin.levels: [1]
                accounts: [demo]
                scenarios: [oct-10]
                """)).startsWith("bad.yaml:4: vary.margin.levels: a sweep varies parameters.<name>");
        assertThat(error.apply("""
                name: bad
                policies: [bitmex]
                accounts: [nobody]
                scenarios: [oct-10]
                """)).startsWith("bad.yaml:3: accounts[0]: ");
        assertThat(sweeps.list()).hasSize(before);
    }

    @Test
    void the_shipped_sweeps_read() throws Exception {
        for (String name : List.of("two-policies", "oct-10-frontier", "hundred-points")) {
            Path file = Path.of("src/main/resources/sweeps/" + name + ".yaml");
            SweepDefinition def = SweepReader.parse(Files.readString(file), file.toString());
            assertThat(def.name()).isEqualTo(name);
        }
        assertThat(SweepGrid.points(SweepReader.parse(Files.readString(
                Path.of("src/main/resources/sweeps/hundred-points.yaml")), "h"))).hasSize(100);
        assertThat(SweepGrid.points(SweepReader.parse(Files.readString(
                Path.of("src/main/resources/sweeps/two-policies.yaml")), "t"))).hasSize(12);
    }
}
