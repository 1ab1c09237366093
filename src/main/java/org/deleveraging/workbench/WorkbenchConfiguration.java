package org.deleveraging.workbench;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.WorkbenchStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the workbench's services. On start, after Flyway has brought the schema up to date, the store removes what an
 * interrupted session left half-written and says so, and the demo account set is created the first time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkbenchProperties.class)
public class WorkbenchConfiguration {

    @Bean
    Clock clock() { return Clock.systemUTC(); }

    @Bean
    @DependsOnDatabaseInitialization
    WorkbenchStore workbenchStore(DataSource dataSource, Clock clock) {
        H2WorkbenchStore store = new H2WorkbenchStore(dataSource, clock);
        List<String> notices = store.discardUnfinished();
        // printed before the prompt or the one command's output, on stderr so that scripts reading stdout are unaffected
        for (String n : notices) System.err.println("notice: " + n);
        return store;
    }

    @Bean
    PolicyRegistry policyRegistry(WorkbenchProperties props) {
        PolicyRegistry registry = new PolicyRegistry(props.policiesDir(), props.rulesDir(), props.defaultPolicy());
        for (PolicyRegistry.Entry e : registry.list())
            e.error().ifPresent(err -> System.err.println("notice: policy " + e.id() + " does not compile: "
                    + PolicyRegistry.firstLine(err)));
        return registry;
    }

    @Bean
    AccountSetService accountSetService(WorkbenchStore store, WorkbenchProperties props) {
        AccountSetService sets = new AccountSetService(store);
        if (props.demoOnFirstStart() && sets.createDemoOnFirstStart())
            System.err.println("notice: first start: created the demo account set 'demo' (" + sets.list().stream()
                    .filter(s -> s.name().equals(AccountSetService.DEMO)).findFirst().map(s -> s.accounts() + " accounts")
                    .orElse("") + ")");
        return sets;
    }

    @Bean
    ScenarioService scenarioService(WorkbenchStore store, Clock clock) { return new ScenarioService(store, clock); }

    @Bean
    RunService runService(WorkbenchStore store, PolicyRegistry policies, AccountSetService sets, ScenarioService scenarios,
                          Clock clock, WorkbenchProperties props) {
        return new RunService(store, policies, sets, scenarios, clock, props.engineVersion());
    }

    @Bean
    RunReports runReports(WorkbenchStore store) { return new RunReports(store); }
}
