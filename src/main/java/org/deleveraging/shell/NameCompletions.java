package org.deleveraging.shell;

import java.util.List;

import org.deleveraging.store.StoredRun;
import org.deleveraging.workbench.AccountSetService;
import org.deleveraging.workbench.PolicyRegistry;
import org.deleveraging.workbench.RunReports;
import org.deleveraging.workbench.ScenarioService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/** Tab completion of the names a command takes: policies, account sets, scenarios and runs (newest first). */
@Configuration(proxyBeanMethods = false)
class NameCompletions {

    @Bean
    CompletionProvider policyNames(PolicyRegistry policies) {
        return ctx -> policies.list().stream().map(e -> new CompletionProposal(e.id())
                .description(e.policy().map(p -> p.name()).orElse("does not load") + (e.active() ? " (in use)" : ""))).toList();
    }

    @Bean
    CompletionProvider accountSetNames(AccountSetService sets) {
        return ctx -> sets.list().stream().map(s -> new CompletionProposal(s.name()).description(s.accounts() + " accounts")).toList();
    }

    @Bean
    CompletionProvider scenarioNames(ScenarioService scenarios) {
        return ctx -> scenarios.names().stream().map(CompletionProposal::new).toList();
    }

    @Bean
    CompletionProvider runNames(RunReports runs) {
        return ctx -> {
            List<StoredRun> all = runs.completions();
            return all.stream().map(r -> new CompletionProposal(String.valueOf(r.id())).description(r.label())).toList();
        };
    }
}
