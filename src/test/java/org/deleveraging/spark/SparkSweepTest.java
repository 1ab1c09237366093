package org.deleveraging.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.StoreCredentials;
import org.deleveraging.store.TempStore;
import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.SweepService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scala.Option;

/**
 * The Spark route in CI: the same sweep over the demo set run by this machine's threads and by Spark on
 * {@code local[2]} (its tasks compiling each variant from the text they were sent, in their own loader) lands in the
 * same store with identical metrics and provenance, point by point.
 */
class SparkSweepTest {
    /** Two policies, a close price swapped into a module (rules the executors compile from text), two severities. */
    static final String SWEEP = """
            name: spark-ci
            policies: [bitmex, hyperliquid]
            vary:
              adl.closePrice: [bankruptcy, mark]
            accounts: [demo]
            scenarios: [oct-10]
            severity: [0.75, 1.5]
            """;

    @TempDir Path folder;

    @Test
    void a_sweep_on_local_2_stores_the_metrics_the_local_runner_stores() {
        try (TempStore temp = new TempStore(folder)) {
            Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
            AccountSetService sets = new AccountSetService(temp.store);
            sets.createDemo();
            PolicyRegistry policies = PolicyRegistry.loadingOnDemand(Path.of("policies"),
                    new PolicyLoader(Path.of("rules")), "bitmex", (id, e) -> { });
            ScenarioService scenarios = new ScenarioService(temp.store, clock);
            RunService runs = new RunService(temp.store, policies, sets, scenarios, clock, "spark-test");
            SweepService local = new SweepService(temp.store, runs, policies, () -> new PolicyLoader(Path.of("rules")),
                    Path.of("rules"), sets, scenarios, clock, "spark-test");
            long here = local.run(SWEEP, "spark-ci.yaml", new SweepService.Options(2, n -> false),
                    SweepService.Listener.NONE, Cancellation.NEVER).sweep().id();
            long there;
            try (JavaSparkContext spark = new JavaSparkContext(conf())) {
                SweepService onSpark = new SweepService(temp.store, runs, policies,
                        () -> new PolicyLoader(Path.of("rules")), Path.of("rules"), sets, scenarios, clock,
                        "spark-test", new SparkExecutor(spark));
                // point 3 keeps its run: made on the driver, checked against the executor's digest
                SweepService.Outcome o = onSpark.run(SWEEP, "spark-ci.yaml", new SweepService.Options(2, n -> n == 3),
                        SweepService.Listener.NONE, Cancellation.NEVER);
                there = o.sweep().id();
                assertThat(o.sweep().complete()).isTrue();
            }
            assertThat(local.points(here)).hasSize(8);
            assertThat(metrics(local, there)).isEqualTo(metrics(local, here));
            assertThat(provenance(local, there)).isEqualTo(provenance(local, here));
            assertThat(local.points(there).get(2).runId()).isNotNull();
        }
    }

    /**
     * The job's own entry, as spark-submit starts it: a sweep file against a data folder the workbench made (the demo
     * set in it), stored there for the shell to read.
     */
    @Test
    void the_job_runs_a_sweep_file_into_a_workbench_data_folder() throws Exception {
        Path data = folder.resolve("data");
        String url = "jdbc:h2:file:" + data.resolve("workbench").toAbsolutePath();
        try (HikariDataSource made = new HikariDataSource()) {
            made.setJdbcUrl(url);
            made.setUsername("sa");
            made.setPassword(StoreCredentials.passwordFor(url, "sa"));
            Flyway.configure().dataSource(made).locations("classpath:db/migration").load().migrate();
            new AccountSetService(new H2WorkbenchStore(made, Clock.systemUTC())).createDemo();
        }
        Path grid = Files.writeString(folder.resolve("grid.yaml"), SWEEP.replace("[0.75, 1.5]", "[1]")
                .replace("[bitmex, hyperliquid]", "[bitmex]"));
        String said;
        try (JavaSparkContext spark = new JavaSparkContext(conf())) {
            said = SparkSweep.run(spark, Map.of("file", grid.toString(), "data", data.toString()));
        }
        assertThat(said).startsWith("sweep 1 spark-ci: 2 points run on local[2] in ").endsWith("2 of 2 stored");
        try (HikariDataSource reopened = new HikariDataSource()) {
            reopened.setJdbcUrl(url);
            reopened.setUsername("sa");
            reopened.setPassword(StoreCredentials.passwordFor(url, "sa"));
            H2WorkbenchStore store = new H2WorkbenchStore(reopened, Clock.systemUTC());
            assertThat(store.sweep(1).orElseThrow().complete()).isTrue();
            assertThat(store.points(1)).extracting(r -> r.point().changesText())
                    .containsExactly("adl.closePrice=bankruptcy", "adl.closePrice=mark");
        }
    }

    /** Spark's Scala module for Jackson refuses a jackson-databind of another minor; Boot's BOM manages both. */
    @Test
    void the_scala_module_accepts_the_jackson_databind_beside_it() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new DefaultScalaModule());
        assertThat(mapper.writeValueAsString(Option.apply("x"))).isEqualTo("\"x\"");
    }

    static SparkConf conf() {
        return new SparkConf().setMaster("local[2]").setAppName("spark-sweep-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    private static Map<Integer, PointMetrics> metrics(SweepService sweeps, long id) {
        return sweeps.points(id).stream().collect(Collectors.toMap(r -> r.point().number(), PointResult::metrics));
    }

    private static Map<Integer, String> provenance(SweepService sweeps, long id) {
        return sweeps.points(id).stream().collect(Collectors.toMap(r -> r.point().number(),
                r -> r.point() + " " + r.policyHash() + " " + r.setHash() + " " + r.scenarioHash() + " " + r.seed()));
    }
}
