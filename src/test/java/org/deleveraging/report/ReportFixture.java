package org.deleveraging.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.GeneratorSettings;
import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.StoreCredentials;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.StoredRun;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunReports;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Real runs for the report tests, made once per test JVM: a temporary file-mode H2 migrated from empty, a generated
 * account set shaped like the demo book, and {@code bitmex} and {@code capped-pro-rata} run on {@code oct-10}. The
 * folder is removed when the JVM exits.
 */
final class ReportFixture {
    static final Instant NOW = Instant.parse("2025-10-11T09:00:00Z");
    static final String SET = "committee";
    /**
     * Fewer accounts than the demo, each larger, so the book is as heavy against the demo's depth: the crash still ends
     * in ADL.
     */
    static final GeneratorSettings SETTINGS = scaled(DemoData.settings(), 600, 5);

    private static ReportFixture shared;

    final Path folder;
    final HikariDataSource dataSource = new HikariDataSource();
    final H2WorkbenchStore store;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RunReports runs;
    final ReportService reports;
    final StoredRun bitmex;
    final StoredRun cappedProRata;

    static synchronized ReportFixture get() {
        if (shared == null) shared = new ReportFixture();
        return shared;
    }

    private ReportFixture() {
        try {
            folder = Files.createTempDirectory("report-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("wb").toAbsolutePath());
        dataSource.setUsername("sa");
        dataSource.setPassword(StoreCredentials.passwordFor(dataSource.getJdbcUrl(), "sa"));
        dataSource.setMaximumPoolSize(3);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new H2WorkbenchStore(dataSource, clock);
        PolicyRegistry policies = new PolicyRegistry(copyPolicies("bitmex", "capped-pro-rata"), Path.of("rules"),
                "bitmex");
        AccountSetService sets = new AccountSetService(store);
        sets.generate(SET, SETTINGS, StoreProgress.NONE);
        RunService service = new RunService(store, policies, sets, new ScenarioService(store, clock), clock,
                "report-test");
        bitmex = service.run("bitmex", SET, "oct-10", null, org.deleveraging.run.RunProgress.NONE);
        cappedProRata = service.run("capped-pro-rata", SET, "oct-10", null,
                org.deleveraging.run.RunProgress.NONE);
        runs = new RunReports(store);
        reports = new ReportService(store, store, runs, clock);
    }

    List<String> both() { return List.of(String.valueOf(bitmex.id()), String.valueOf(cappedProRata.id())); }

    /** Only the two policies under comparison are compiled: the registry compiles every folder it is given. */
    private Path copyPolicies(String... ids) {
        Path root = folder.resolve("policies");
        for (String id : ids) {
            Path from = Path.of("policies", id);
            try (var walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = root.resolve(id).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(to);
                    else Files.copy(p, to);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static GeneratorSettings scaled(GeneratorSettings s, int accounts, double notionalFactor) {
        return new GeneratorSettings(accounts, s.markets(), s.startPrices(), s.medianLeverage(), s.leverageSpread(),
                s.maxLeverage(), s.longShare(), s.isolatedShare(), s.whaleShare(), s.whaleMultiplier(),
                s.meanNotional() * notionalFactor, s.positionsPerAccount(), s.seed());
    }

    private void close() {
        dataSource.close();
        try (var walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
