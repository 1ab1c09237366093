package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.deleveraging.workbench.PolicyFolders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.shell.test.ShellAssertions;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.autoconfigure.AutoConfigureShell;
import org.springframework.shell.test.autoconfigure.AutoConfigureShellTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shell end to end, through Spring Shell's test client: a few sessions only (each starts the application), on a
 * temporary data folder and a copy of two policies. The commands' logic is tested below the shell.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "workbench.demo-on-first-start=false",
        "spring.shell.test.terminal-width=160", "spring.shell.test.terminal-height=40"})
@AutoConfigureShell
@AutoConfigureShellTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class WorkbenchShellTest {
    private static final Path FOLDER = temporaryFolder();

    @DynamicPropertySource
    static void workbench(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + FOLDER.resolve("data/workbench"));
        registry.add("workbench.policies-dir", () -> FOLDER.resolve("policies").toString());
        registry.add("workbench.rules-dir", () -> FOLDER.resolve("rules").toString());
    }

    @Autowired ShellTestClient client;

    @Test
    void policy_list_marks_the_policy_in_use() {
        var session = client.nonInterative("policy", "list").run();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ShellAssertions.assertThat(session.screen())
                .containsText("*  bitmex").containsText("binance"));
    }

    @Test
    void a_user_error_is_one_line_without_a_stack_trace() {
        var session = client.interactive().run();
        session.write(session.writeSequence().text("run --policy bitmax --accounts demo --scenario oct-10").carriageReturn().build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ShellAssertions.assertThat(session.screen())
                .containsText("error: no policy 'bitmax'; known: binance, bitmex"));
        assertThat(session.screen().lines()).noneMatch(l -> l.contains("Exception") || l.strip().startsWith("at "));
    }

    @Test
    void names_complete_from_the_registry_the_store_and_the_catalog(@Autowired ApplicationContext context) {
        assertThat(proposals(context, "policyNames")).containsExactly("binance", "bitmex");
        assertThat(proposals(context, "scenarioNames")).contains("oct-10", "flash-shock", "slow-bleed", "crash-and-rebound");
        assertThat(proposals(context, "accountSetNames")).isEmpty();
    }

    private static List<String> proposals(ApplicationContext context, String provider) {
        return context.getBean(provider, CompletionProvider.class).apply(null).stream().map(CompletionProposal::value).toList();
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("workbench-shell-test");
            PolicyFolders.copy(folder, "bitmex", "binance");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
