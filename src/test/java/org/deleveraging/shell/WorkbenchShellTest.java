package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.deleveraging.app.WorkbenchApplication;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;
import org.springframework.shell.completion.CompletionProvider;
import org.springframework.shell.standard.commands.Help;
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
@SpringBootTest(classes = WorkbenchApplication.class, properties = {"spring.shell.interactive.enabled=false",
        "workbench.demo-on-first-start=false",
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
        session.write(session.writeSequence().text("run --policy bitmax --accounts demo --scenario oct-10")
                .carriageReturn().build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ShellAssertions.assertThat(session.screen())
                .containsText("error: no policy 'bitmax'; known: binance, bitmex"));
        assertThat(session.screen().lines()).noneMatch(l -> l.contains("Exception") || l.strip().startsWith("at "));
    }

    @Test
    void report_refuses_run_numbers_beside_a_sweep_in_one_line() {
        var session = client.interactive().run();
        // the run numbers without their option's name: they still reach --runs, so the two are refused together
        session.write(session.writeSequence().text("report 1 2 --sweep 3").carriageReturn().build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ShellAssertions.assertThat(session.screen())
                .containsText("error: report: --sweep reports a sweep, not runs; give either run numbers or --sweep,"
                        + " not both"));
        assertThat(session.screen().lines()).noneMatch(l -> l.contains("Exception") || l.strip().startsWith("at "));
    }

    @Test
    void names_complete_from_the_registry_the_store_and_the_catalog(@Autowired ApplicationContext context) {
        assertThat(proposals(context, "policyNames")).containsExactly("binance", "bitmex");
        assertThat(proposals(context, "scenarioNames"))
                .contains("oct-10", "flash-shock", "slow-bleed", "crash-and-rebound");
        assertThat(proposals(context, "accountSetNames")).isEmpty();
    }

    /**
     * {@code help explain}: mandatory options plainly, optional ones in brackets, an example in its own section and no
     * "Usage:" in the description; TAB after {@code --account} and {@code --market} proposes the run's account ids and
     * markets.
     */
    @Test
    void help_shows_optional_options_in_brackets_and_account_ids_and_markets_complete_from_the_run(
            @Autowired ApplicationContext context, @Autowired Help help, @Autowired Shell shell) throws IOException {
        String explain = help.help(new String[] {"explain"}).toString();
        assertThat(explain).contains("explain --run String --account String [--limit int] [--help]")
                .contains("EXAMPLE\n       explain --run last --account A000042").doesNotContain("Usage:")
                .doesNotContain("\u001b");
        assertThat(help.help(new String[] {"accounts", "delete"}).toString())
                .contains("accounts delete --name String [--yes] [--help]");
        assertThat(help.help(null).toString()).doesNotContain("Usage: explain").doesNotContain("Usage: accounts");

        Path book = Files.writeString(FOLDER.resolve("book.csv"), """
                account,mode,wallet,market,side,size,entry,margin
                B1,cross,1000,BTCUSDT,long,0.5,121000,
                B2,cross,900,BTCUSDT,short,0.4,121500,
                C1,cross,800,ETHUSDT,long,3,4300,
                """);
        context.getBean(AccountSetService.class).importFile(book, "tiny", null, (d, t) -> {});
        long run = context.getBean(RunService.class).run("bitmex", "tiny", "oct-10", null, RunProgress.NONE).id();
        assertThat(complete(shell, "explain", "--run", String.valueOf(run), "--account", "B")).contains("B1", "B2")
                .doesNotContain("C1");
        assertThat(complete(shell, "adl-queue", "--run", "last", "--market", "")).contains("BTCUSDT", "ETHUSDT");
        assertThat(complete(shell, "explain", "--run", "99", "--account", "B")).doesNotContain("B1");
    }

    private static List<String> complete(Shell shell, String... words) {
        String last = words[words.length - 1];
        return shell.complete(new CompletionContext(List.of(words), words.length - 1, last.length(), null, null))
                .stream().map(CompletionProposal::value).toList();
    }

    private static List<String> proposals(ApplicationContext context, String provider) {
        return context.getBean(provider, CompletionProvider.class).apply(null).stream().map(CompletionProposal::value)
                .toList();
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
