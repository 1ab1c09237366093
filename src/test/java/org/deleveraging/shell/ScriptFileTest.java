package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;

/**
 * How {@code script --file} reads a file: comments and blank lines skipped, continued lines joined, line numbers kept.
 */
class ScriptFileTest {

    @Test
    void comments_and_blank_lines_are_skipped_wherever_they_are_and_each_command_keeps_its_line() {
        List<ScriptFile.Command> commands = ScriptFile.parse(List.of(
                "// the committee's nightly batch",
                "# runs two policies and compares them",
                "",
                "run --policy bitmex --accounts demo --scenario oct-10",
                "   # an indented comment",
                "  // and another",
                "   ",
                "run --policy binance \\",
                "    --accounts demo --scenario oct-10",
                "compare --runs 1 2   "));

        assertThat(commands).containsExactly(
                new ScriptFile.Command(4, "run --policy bitmex --accounts demo --scenario oct-10"),
                new ScriptFile.Command(8, "run --policy binance     --accounts demo --scenario oct-10"),
                new ScriptFile.Command(10, "compare --runs 1 2"));
    }

    @Test
    void a_file_of_comments_only_has_no_commands_and_a_hash_inside_a_command_is_kept() {
        assertThat(ScriptFile.parse(List.of("// nothing", "# to do", ""))).isEmpty();
        assertThat(ScriptFile.parse(List.of("\uFEFF// a byte-order mark first", "explain --run #3 --account A1")))
                .containsExactly(new ScriptFile.Command(2, "explain --run #3 --account A1"));
    }

    @Test
    void a_missing_file_is_a_one_line_error() {
        assertThatThrownBy(() -> ScriptFile.read(Path.of("no-such-batch.txt")))
                .isInstanceOf(InputException.class).hasMessage("--file: no file 'no-such-batch.txt'");
    }

    @Test
    void the_status_of_a_failed_command_is_its_own_or_1_for_a_user_error_or_2_for_a_line_the_shell_cannot_read() {
        assertThat(ScriptCommands.status(new InputException("no policy 'bitmax'"))).isEqualTo(1);
        assertThat(ScriptCommands.status(new org.springframework.shell.CommandNotFound(List.of("rnu")))).isEqualTo(2);
        assertThat(ScriptCommands.status(new IllegalStateException("a bug"))).isEqualTo(1);
    }
}
