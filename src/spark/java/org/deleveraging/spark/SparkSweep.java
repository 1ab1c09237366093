package org.deleveraging.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.PolicyCache;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.store.DataFolder;
import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.StoreCredentials;
import org.deleveraging.sweep.SweepService;
import org.flywaydb.core.Flyway;

/**
 * The sweep as a Spark job: the driver reads the sweep, checks it and stores it in the workbench's data folder as
 * {@code sweep run} does, the cluster runs the points ({@link SparkExecutor}), and the driver stores each point's
 * metrics there as its job returns, so the shell's {@code sweep show}, {@code report --sweep} and {@code sweep resume}
 * read it like any sweep. Run it from the repository root (it reads {@code policies/} and {@code rules/}) with the
 * shell closed (one workbench at a time opens a data folder):
 * <pre>
 * spark-submit --master spark://host:7077 --class org.deleveraging.spark.SparkSweep \
 *   --jars $(ls target/spark/lib/*.jar | paste -sd,) target/spark/adl-workbench-spark-0.1.0.jar \
 *   --file src/main/resources/sweeps/hundred-points.yaml [--data ./data] [--keep-runs 1,5]
 * spark-submit ... --resume 3
 * </pre>
 */
public final class SparkSweep {
    private SparkSweep() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        SparkConf conf = new SparkConf().setAppName("adl-workbench sweep");
        if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            System.out.println(run(spark, options));
        } catch (InputException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs (or resumes) a sweep on {@code spark} and says how it went, as {@code sweep run} does.
     *
     * @param options {@code file} or {@code resume}; {@code data} (the data folder, ./data), {@code policies},
     *                {@code rules}, {@code keep-runs}
     */
    static String run(JavaSparkContext spark, Map<String, String> options) {
        String url = "jdbc:h2:file:" + Path.of(options.getOrDefault("data", "data")).resolve("workbench")
                .toAbsolutePath();
        DataFolder.checkAtStart(url);
        try (HikariDataSource data = new HikariDataSource()) {
            data.setJdbcUrl(url);
            data.setUsername("sa");
            data.setPassword(StoreCredentials.passwordFor(url, "sa"));
            data.setMaximumPoolSize(4);
            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
            Clock clock = Clock.systemUTC();
            H2WorkbenchStore store = new H2WorkbenchStore(data, clock);
            store.discardUnfinished().forEach(n -> System.err.println("notice: " + n));
            Path policies = Path.of(options.getOrDefault("policies", "policies"));
            Path rules = Path.of(options.getOrDefault("rules", "rules"));
            Path cache = Path.of(options.getOrDefault("data", "data")).resolve("policy-cache");
            PolicyRegistry registry = PolicyRegistry.loadingOnDemand(policies, new PolicyLoader(rules,
                    PolicyCache.keyedBeside(cache)), "bitmex", (id, e) -> { });
            AccountSetService sets = new AccountSetService(store);
            ScenarioService scenarios = new ScenarioService(store, clock);
            String version = SparkSweep.class.getPackage().getImplementationVersion();
            String engineVersion = version == null ? "dev" : version;
            RunService runs = new RunService(store, registry, sets, scenarios, clock, engineVersion);
            SweepService sweeps = new SweepService(store, runs, registry, () -> new PolicyLoader(rules,
                    PolicyCache.keyedBeside(cache)), rules, sets, scenarios, clock, engineVersion,
                    new SparkExecutor(spark));
            SweepService.Options o = new SweepService.Options(spark.defaultParallelism(),
                    SweepService.Options.keepRuns(options.get("keep-runs")));
            SweepService.Outcome out;
            if (options.containsKey("resume")) {
                out = sweeps.resume(Long.parseLong(options.get("resume")), o, SweepService.Listener.NONE,
                        Cancellation.NEVER);
            } else {
                String file = options.get("file");
                if (file == null) throw new InputException("give --file <sweep.yaml> or --resume <sweep id>");
                out = sweeps.run(read(file), file, o, SweepService.Listener.NONE, Cancellation.NEVER);
            }
            return "sweep " + out.sweep().id() + " " + out.sweep().name() + ": " + out.ranNow() + " points run on "
                    + spark.master() + " in " + String.format("%.1f s", out.millis() / 1000.0) + "; "
                    + out.sweep().finished() + " of " + out.sweep().points() + " stored";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, null, "cannot read file: " + e.getMessage());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new InputException("usage: --file <sweep.yaml> | --resume <id> [--data DIR] [--policies DIR]"
                        + " [--rules DIR] [--keep-runs all|1,2]; got '" + args[i] + "'");
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
