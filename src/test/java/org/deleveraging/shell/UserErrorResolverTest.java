package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.input.InputException;
import org.deleveraging.store.DataFolder;
import org.deleveraging.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.command.CommandHandlingResult;

/**
 * Whatever fails in a command, the user sees one line and exit status 1. A mistake in the input is its
 * {@code file:line: field} message; a rule that threw or an engine failure names what failed and the log file that
 * holds the full trace.
 */
class UserErrorResolverTest {
    @TempDir Path folder;

    private UserErrorResolver resolver(Path log) { return new UserErrorResolver(new FailureLog(log)); }

    private static String text(CommandHandlingResult r) { return r.message(); }

    @Test
    void an_engine_failure_is_one_line_naming_the_log_and_the_trace_goes_there() throws IOException {
        Path log = folder.resolve("data/logs/workbench.log");
        var failure = new IllegalStateException("engine bug: ADL would close account A7's\nlong twice");
        CommandHandlingResult r = resolver(log).resolve(failure);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(text(r)).isEqualTo("error: the command failed, a bug in the workbench rather than in its input: "
                + "IllegalStateException: engine bug: ADL would close account A7's long twice (the full trace "
                + "is in " + log + ")\n");
        assertThat(Files.readString(log)).contains(" ERROR error: the command failed")
                .contains("java.lang.IllegalStateException: engine bug: ADL would close account A7's")
                .contains("\tat org.deleveraging.shell.UserErrorResolverTest.");
    }

    @Test
    void a_rule_that_threw_names_the_policy_and_rule_and_its_trace_goes_to_the_log() throws IOException {
        Path log = folder.resolve("workbench.log");
        var thrown = new ArithmeticException("/ by zero");
        var violation = new PolicyViolation("rule 'HOSTILE-010 divide' failed: " + thrown, thrown);
        CommandHandlingResult r = resolver(log)
                .resolve(new InputException("policy 'hostile' was stopped: " + violation.getMessage(), violation));
        assertThat(text(r)).isEqualTo("error: policy 'hostile' was stopped: rule 'HOSTILE-010 divide' failed: "
                + "java.lang.ArithmeticException: / by zero (the rule's trace is in " + log + ")\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("Caused by: java.lang.ArithmeticException: / by zero");

        CommandHandlingResult raw = resolver(log).resolve(new PolicyViolation("rule 'R-1' inserted 1001 facts", null));
        assertThat(text(raw)).isEqualTo(
                "error: the policy was stopped: rule 'R-1' inserted 1001 facts (the trace is in " + log + ")\n");
    }

    /**
     * The store opens at a command's first use of it (WorkbenchConfiguration), so what a start used to report comes
     * from a command: a data folder in use by another session is its one line and exit status 3, as at start.
     */
    @Test
    void a_store_that_cannot_be_opened_for_a_command_is_the_starts_one_line() {
        Path log = folder.resolve("workbench.log");
        var locked = new IllegalStateException("Error creating bean with name 'workbenchStore'",
                new StoreException("could not open the store jdbc:h2:file:./data/workbench",
                        new SQLException("Database may be already in use", "90020", 90020)));
        CommandHandlingResult r = resolver(log).resolve(locked);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(text(r)).startsWith("error: the data folder is in use by another workbench session (H2 file lock)");

        var readOnly = new IllegalStateException("Error creating bean with name 'dataSource'",
                new DataFolder.DataFolderException("the data folder /d is read-only; the workbench needs to write"));
        CommandHandlingResult ro = resolver(log).resolve(readOnly);
        assertThat(ro.exitCode()).isEqualTo(1);
        assertThat(text(ro)).isEqualTo("error: the data folder /d is read-only; the workbench needs to write\n");
        assertThat(log).doesNotExist();
    }

    @Test
    void a_mistake_in_the_input_is_its_own_line_and_writes_no_log() {
        Path log = folder.resolve("workbench.log");
        CommandHandlingResult r = resolver(log)
                .resolve(new InputException("book.csv", 5, "size", "must be positive, got -4"));
        assertThat(text(r)).isEqualTo("error: book.csv:5: size: must be positive, got -4\n");
        assertThat(r.exitCode()).isEqualTo(1);
        // a policy stopped by its budget has no trace worth keeping either
        CommandHandlingResult budget = resolver(log)
                .resolve(new InputException("policy 'p' was stopped: too many firings",
                new PolicyViolation("too many firings")));
        assertThat(text(budget)).isEqualTo("error: policy 'p' was stopped: too many firings\n");
        assertThat(log).doesNotExist();
    }

    @Test
    void spring_shells_own_errors_are_left_to_it() {
        var unknown = new org.springframework.shell.CommandNotFound(java.util.List.of("rnu"));
        assertThat(resolver(folder.resolve("workbench.log")).resolve(unknown)).isNull();
    }

    @Test
    void when_the_data_folder_cannot_be_written_the_log_goes_to_the_temporary_folder() throws IOException {
        // a "data folder" that is a file: no logs folder can be made in it, whoever runs the test
        Path notAFolder = Files.writeString(folder.resolve("data"), "not a folder");
        CommandHandlingResult r = resolver(notAFolder.resolve("logs/workbench.log"))
                .resolve(new IllegalStateException("engine bug: x"));
        assertThat(text(r)).endsWith("(the full trace is in " + FailureLog.temporary() + ")\n");
        assertThat(Files.readString(FailureLog.temporary())).contains("engine bug: x");
    }

    @Test
    void the_log_is_beside_the_h2_database_and_in_the_temporary_folder_otherwise() {
        assertThat(FailureLog.folderOf("jdbc:h2:file:./data/workbench")).isEqualTo(Path.of("data/logs/workbench.log"));
        assertThat(FailureLog.folderOf("jdbc:h2:file:/srv/wb/workbench;AUTO_SERVER=TRUE"))
                .isEqualTo(Path.of("/srv/wb/logs/workbench.log"));
        assertThat(FailureLog.folderOf("jdbc:h2:./other/workbench")).isEqualTo(Path.of("other/logs/workbench.log"));
        assertThat(FailureLog.folderOf("jdbc:h2:mem:test")).isNull();
        assertThat(FailureLog.folderOf("jdbc:postgresql://db/wb")).isNull();
        assertThat(FailureLog.forDatasource("jdbc:h2:mem:test").write("x", new RuntimeException("y")))
                .isEqualTo(FailureLog.temporary());
    }
}
