package org.deleveraging.app;

import org.deleveraging.shell.CommandLineArguments;
import org.deleveraging.report.ReportService;
import org.deleveraging.report.SweepReportService;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunReports;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.sweep.StressTests;
import org.deleveraging.sweep.SweepService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.deleveraging.policy.PolicyCache;
import org.deleveraging.policy.PolicyLoader;
import org.deleveraging.store.DataFolder;
import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.StoreCredentials;
import org.deleveraging.store.WorkbenchStore;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Wires the workbench's services. On start, after Flyway has brought the schema up to date, the store removes what an
 * interrupted session left half-written and says so, and the demo account set is created the first time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkbenchProperties.class)
public class WorkbenchConfiguration {

    @Bean
    Clock clock() { return Clock.systemUTC(); }

    /**
     * The store's connection pool, as Spring Boot would make it from {@code spring.datasource.*} (and
     * {@code spring.datasource.hikari.*}), but with the data folder's secret as the password
     * ({@link StoreCredentials}: issue 21, a store open to anyone as {@code sa} with an empty password). Declaring it
     * here replaces Boot's own pool; Flyway migrates through this one. A configured password, or a URL that is not an
     * H2 file (the tests' {@code jdbc:h2:mem:}), is used as given. Made when the store is first opened, as the
     * secret's check connects to the database.
     */
    @Bean
    @Lazy
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource data = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        DataFolder.checkAtStart(data.getJdbcUrl()); // read-only or full: one line now, not a trace from H2 later
        data.setPassword(StoreCredentials.passwordFor(data.getJdbcUrl(), data.getUsername(), data.getPassword()));
        if (properties.getName() != null) data.setPoolName(properties.getName());
        return data;
    }

    /**
     * The store, opened where it is first used (migrated by Flyway first: {@code DependsOnDatabaseInitialization}),
     * so that a command that never touches it ({@code version}, {@code help}, {@code policy list}) does not pay for
     * H2 and Flyway; the services hold a lazy proxy of it. The interactive session opens it at start
     * ({@link #openStoreForTheSession}).
     */
    @Bean
    @Lazy
    @DependsOnDatabaseInitialization
    WorkbenchStore workbenchStore(DataSource dataSource, Clock clock, WorkbenchProperties props) {
        H2WorkbenchStore store = new H2WorkbenchStore(dataSource, clock);
        List<String> notices = store.discardUnfinished();
        // printed before the prompt or the one command's output, on stderr so that scripts reading stdout are
        // unaffected
        for (String n : notices) System.err.println("notice: " + n);
        if (props.demoOnFirstStart()) FirstStart.createDemo(store, new AccountSetService(store), System.err);
        return store;
    }

    /**
     * Flyway's migration runs when the store is opened, not at every start: Boot makes its beans eager, which would
     * open H2 (and load Flyway, about a second of a one-off {@code version}) for commands that never use the store.
     */
    @Bean
    static BeanFactoryPostProcessor migrateWhenTheStoreOpens() {
        return factory -> {
            for (Class<?> type : List.of(Flyway.class, FlywayMigrationInitializer.class))
                for (String name : factory.getBeanNamesForType(type, true, false))
                    factory.getBeanDefinition(name).setLazyInit(true);
        };
    }

    /**
     * The interactive session opens the store before its prompt, as one command does at its first use: a data folder
     * held by another session or damaged then ends the start in one line, and the notices come before the prompt.
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> openStoreForTheSession(ObjectProvider<WorkbenchStore> store,
            @Value("${spring.shell.interactive.enabled:true}") boolean interactive) {
        return event -> {
            if (interactive && CommandLineArguments.command(event.getArgs()).isEmpty()) store.getObject();
        };
    }

    /**
     * For the interactive session, policies load on a background thread while the rest starts; for one command and
     * exit, only those it asks for, a run's policy on a background thread from here. One that does not compile is
     * noticed when found.
     */
    @Bean
    PolicyRegistry policyRegistry(WorkbenchProperties props, @Value("${spring.datasource.url:}") String datasourceUrl,
                                  ApplicationArguments args,
                                  @Value("${spring.shell.interactive.enabled:true}") boolean interactive) {
        Path cacheDir = !props.policyCache() ? null : props.policyCacheDir() != null ? props.policyCacheDir()
                : besideDatabase(datasourceUrl);
        PolicyLoader loader = new PolicyLoader(props.rulesDir(),
                cacheDir == null ? null : PolicyCache.keyedBeside(cacheDir));
        BiConsumer<String, String> notice = (id, err) ->
                System.err.println("notice: policy " + id + " does not load: " + PolicyRegistry.firstLine(err));
        if (interactive && CommandLineArguments.command(args.getSourceArgs()).isEmpty())
            return PolicyRegistry.loadingInBackground(props.policiesDir(), loader, props.defaultPolicy(), notice);
        PolicyRegistry registry = PolicyRegistry.loadingOnDemand(props.policiesDir(), loader, props.defaultPolicy(),
                notice);
        CommandLineArguments.policyOfRun(args.getSourceArgs(), props.defaultPolicy()).ifPresent(registry::preload);
        return registry;
    }

    /** {@code policy-cache} in the folder of an H2 file database, which is already the workbench's own; else none. */
    static Path besideDatabase(String datasourceUrl) {
        String prefix = "jdbc:h2:file:";
        if (datasourceUrl == null || !datasourceUrl.startsWith(prefix)) return null;
        String file = datasourceUrl.substring(prefix.length()).split(";", 2)[0];
        if (file.startsWith("~")) file = System.getProperty("user.home") + file.substring(1);
        Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
        return parent == null ? null : parent.resolve("policy-cache");
    }

    @Bean
    AccountSetService accountSetService(@Lazy WorkbenchStore store) { return new AccountSetService(store); }

    @Bean
    ScenarioService scenarioService(@Lazy WorkbenchStore store, Clock clock) {
        return new ScenarioService(store, clock);
    }

    @Bean
    RunService runService(@Lazy WorkbenchStore store, PolicyRegistry policies, AccountSetService sets,
            ScenarioService scenarios,
                          Clock clock, WorkbenchProperties props) {
        return new RunService(store, policies, sets, scenarios, clock, props.engineVersion());
    }

    /**
     * Sweeps compile their variants with a loader of their own (rules shared by variants for the sweep's life), on the
     * same policy cache as the registry's.
     */
    @Bean
    SweepService sweepService(@Lazy WorkbenchStore store, RunService runs, PolicyRegistry policies,
                              AccountSetService sets, ScenarioService scenarios, Clock clock, WorkbenchProperties props,
                              @Value("${spring.datasource.url:}") String datasourceUrl) {
        Path cacheDir = !props.policyCache() ? null : props.policyCacheDir() != null ? props.policyCacheDir()
                : besideDatabase(datasourceUrl);
        return new SweepService(store, runs, policies, () -> new PolicyLoader(props.rulesDir(),
                cacheDir == null ? null : PolicyCache.keyedBeside(cacheDir)), props.rulesDir(), sets, scenarios, clock,
                props.engineVersion());
    }

    @Bean
    RunReports runReports(@Lazy WorkbenchStore store) { return new RunReports(store); }

    @Bean
    ReportService reportService(@Lazy WorkbenchStore store, RunReports runs, Clock clock) {
        return new ReportService(store, store, runs, clock);
    }

    @Bean
    StressTests stressTests(PolicyRegistry policies, AccountSetService sets, ScenarioService scenarios,
                            RunService runs) {
        return new StressTests(policies, sets, scenarios, runs);
    }

    /** The sweep's frontier report, read through the store's sweeps. */
    @Bean
    SweepReportService sweepReportService(@Lazy WorkbenchStore store, Clock clock) {
        return new SweepReportService(store, clock);
    }
}
