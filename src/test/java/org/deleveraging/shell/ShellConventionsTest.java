package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.springframework.shell.CompletionProposal;

/**
 * The shell's conventions below the shell: "did you mean", no escape codes off a terminal, {@code --help} and
 * {@code --version} as arguments, numbered history, the version line, scores to 6 significant digits, account-id
 * completion that narrows a large set, the delete confirmation's answers and messages.
 */
class ShellConventionsTest {
    private static final List<String> COMMANDS = List.of("run", "runs list", "runs show", "runs reproduce",
            "accounts list",
            "accounts show", "accounts delete", "explain", "adl-queue", "compare", "help", "history", "version");

    @Test
    void an_unknown_command_suggests_the_closest_known_ones() {
        assertThat(DidYouMean.suggest(List.of("rnu", "--policy", "bitmex"), COMMANDS)).containsExactly("run");
        assertThat(DidYouMean.suggest(List.of("acounts", "lst"), COMMANDS)).containsExactly("accounts list");
        assertThat(DidYouMean.suggest(List.of("expalin", "--run", "1"), COMMANDS)).containsExactly("explain");
        assertThat(DidYouMean.suggest(List.of("runs"), COMMANDS))
                .containsExactly("runs list", "runs reproduce", "runs show");
        assertThat(DidYouMean.suggest(List.of("xyzzy"), COMMANDS)).isEmpty();
        assertThat(DidYouMean.message(List.of("rnu", "--policy", "bitmex"), COMMANDS))
                .isEqualTo("No command found for 'rnu'; did you mean 'run'?");
        assertThat(DidYouMean.message(List.of("xyzzy"), COMMANDS))
                .isEqualTo("No command found for 'xyzzy'; 'help' lists the commands");
        assertThat(DidYouMean.distance("rnu", "run")).isEqualTo(1);
        assertThat(DidYouMean.distance("compre", "compare")).isEqualTo(1);
    }

    @Test
    void escape_codes_are_dropped_on_a_dumb_terminal_even_split_across_writes() throws IOException {
        assertThat(PlainOutput.strip("\u001b[31mNo command found\u001b[0m")).isEqualTo("No command found");
        assertThat(PlainOutput.strip("a\u001b]0;title\u0007b\u001b]8;;x\u001b\\c\u001b[1;38;5;196md"))
                .isEqualTo("abcd");
        StringWriter out = new StringWriter();
        PlainOutput.Stripping w = new PlainOutput.Stripping(out);
        w.write("red: \u001b[3");
        w.write("1mtext\u001b");
        w.write("[0m.");
        w.flush();
        assertThat(out.toString()).isEqualTo("red: text.");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal dumb = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]), bytes,
                StandardCharsets.UTF_8)) {
            assertThat(PlainOutput.notATerminal(dumb)).isTrue();
            Terminal plain = PlainOutput.plain(dumb);
            plain.writer().println("\u001b[31mNo command found for 'rnu'\u001b[0m");
            plain.flush();
            assertThat(plain.getType()).isEqualTo(Terminal.TYPE_DUMB);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("No command found for 'rnu'" + System.lineSeparator());
    }

    @Test
    void help_and_version_as_arguments_are_the_commands() {
        assertThat(CommandLineArguments.command(new String[] {"--help"})).containsExactly("help");
        assertThat(CommandLineArguments.command(new String[] {"--spring.datasource.url=jdbc:h2:mem:x", "-h"}))
                .containsExactly("help");
        assertThat(CommandLineArguments.command(new String[] {"--version"})).containsExactly("version");
        assertThat(CommandLineArguments.command(new String[] {"run", "--help"})).containsExactly("run --help");
        assertThat(CommandLineArguments.command(new String[] {"--workbench.demo-on-first-start=false"})).isEmpty();
    }

    @Test
    void a_one_off_run_names_its_policy_before_the_shell_parses_it_so_that_it_loads_during_the_start() {
        assertThat(CommandLineArguments.policyOfRun(new String[] {"--spring.datasource.url=jdbc:h2:mem:x", "run",
                "--accounts", "demo", "--policy", "okx"}, "bitmex")).contains("okx");
        assertThat(CommandLineArguments.policyOfRun(new String[] {"run", "--accounts", "demo"}, "bitmex"))
                .contains("bitmex");
        assertThat(CommandLineArguments.policyOfRun(new String[] {"policy", "list"}, "bitmex")).isEmpty();
        assertThat(CommandLineArguments.policyOfRun(new String[] {"run", "--policy"}, "bitmex")).isEmpty();
        assertThat(CommandLineArguments.policyOfRun(new String[] {}, "bitmex")).isEmpty();
    }

    @Test
    void version_names_the_build_and_java_and_history_is_numbered() {
        assertThat(SessionCommands.version("0.1.0", null)).startsWith("adl-workbench 0.1.0\nJava " + Runtime.version());
        assertThat(SessionCommands.version("dev", "0.2.0")).startsWith("adl-workbench 0.2.0\n");
        assertThat(SessionCommands.version(null, null)).startsWith("adl-workbench dev\n");
        assertThat(SessionCommands.numbered(List.of("run --policy bitmex", "runs list", "history"), 0))
                .isEqualTo("   1  run --policy bitmex\n   2  runs list\n   3  history\n");
        assertThat(SessionCommands.numbered(List.of("a", "b", "c"), 2)).isEqualTo("   2  b\n   3  c\n");
        assertThat(SessionCommands.numbered(List.of(), 0)).isEqualTo("no commands yet\n");
    }

    @Test
    void scores_show_at_most_six_significant_digits() {
        assertThat(Show.significant(0.46348167754374936)).isEqualTo("0.463482");
        assertThat(Show.significant(0.5)).isEqualTo("0.5");
        assertThat(Show.significant(12.0)).isEqualTo("12");
        assertThat(Show.significant(1234567.891)).isEqualTo("1.23457e+06");
        assertThat(Show.scores(
                "queue rank 35 (score 0.46348167754374936) against a bankrupt long: WF-020 absorbed 0.173 BTCUSDT"))
                .isEqualTo("queue rank 35 (score 0.463482) against a bankrupt long: WF-020 absorbed 0.173 BTCUSDT");
        assertThat(Show.scores("equity 83.84767 is below maintenance 206.370612"))
                .isEqualTo("equity 83.84767 is below maintenance 206.370612");
    }

    @Test
    void account_ids_complete_in_full_when_few_and_by_their_next_characters_when_many() {
        String[] ids = new String[3000];
        for (int i = 0; i < ids.length; i++) ids[i] = String.format("A%06d", i + 1);
        assertThat(values(NameCompletions.ids(ids, "A00197")))
                .containsExactly("A001970", "A001971", "A001972", "A001973",
                "A001974", "A001975", "A001976", "A001977", "A001978", "A001979");
        List<CompletionProposal> narrowed = NameCompletions.ids(ids, "A0");
        assertThat(values(narrowed)).containsExactly("A000", "A001", "A002", "A003");
        assertThat(values(NameCompletions.ids(ids, "A001"))).hasSize(10).startsWith("A0010").endsWith("A0019");
        assertThat(values(NameCompletions.ids(ids, "A0019"))).hasSize(100).startsWith("A001900", "A001901")
                .endsWith("A001999");
        assertThat(values(NameCompletions.ids(ids, "A00"))).containsExactly("A000", "A001", "A002", "A003");
        assertThat(narrowed).noneMatch(CompletionProposal::complete);
        assertThat(NameCompletions.ids(ids, "B")).isEmpty();
        assertThat(values(NameCompletions.commaList(List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), "BTCUSDT,S")))
                .containsExactly("BTCUSDT,ETHUSDT", "BTCUSDT,SOLUSDT");
    }

    @Test
    void a_delete_is_confirmed_by_y_or_yes_only_and_says_what_the_runs_that_used_the_set_need() {
        assertThat(Confirmation.yes("y")).isTrue();
        assertThat(Confirmation.yes(" YES ")).isTrue();
        assertThat(Confirmation.yes("")).isFalse();
        assertThat(Confirmation.yes("n")).isFalse();
        assertThat(Confirmation.yes(null)).isFalse();
        assertThat(AccountsCommands.deleted("desk", "699239395a4d0011", 0))
                .isEqualTo("deleted desk; no stored run used it\n");
        assertThat(AccountsCommands.deleted("desk", "699239395a4d0011", 2))
                .isEqualTo("deleted desk; 2 stored runs used it and"
                + " keep their results; 'runs reproduce' needs the same accounts imported again as 'desk' "
                + "(hash 699239395a4d)\n");
    }

    private static List<String> values(List<CompletionProposal> proposals) {
        return proposals.stream().map(CompletionProposal::value).toList();
    }
}
