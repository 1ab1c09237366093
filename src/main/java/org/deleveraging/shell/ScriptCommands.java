package org.deleveraging.shell;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.Shell;
import org.springframework.shell.Utils;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeExceptionProvider;

/**
 * {@code script --file F}: runs a file of commands ({@link ScriptFile}: comments and blank lines skipped) one by one
 * and
 * stops at the first that fails, naming its {@code file:line}; the script then fails with that command's exit status
 * (1 a user error, 2 a command line the shell could not parse), in one-command mode and in the interactive shell alike.
 * It replaces Spring Shell's built-in {@code script} ({@code spring.shell.command.script.enabled=false}), which ended
 * the file at its first {@code //} line (a script of comments and commands ran nothing and exited 0) and reported a
 * {@code #} line as "No command found", twice.
 */
@Command(group = "Built-In Commands")
public class ScriptCommands {
    private final ObjectProvider<Shell> shell;
    private final Parser parser;
    private final ShellContext context;
    private final ExitCodeExceptionProvider exits;

    public ScriptCommands(ObjectProvider<Shell> shell, Parser parser, ShellContext context,
            ExitCodeExceptionProvider exits) {
        this.shell = shell;
        this.parser = parser;
        this.context = context;
        this.exits = exits;
    }

    @Command(command = "script",
            description = "Run the commands in a file, one a line (# and // lines and blank lines are"
            + " skipped, a trailing \\ continues a line); stops at the first command that fails, naming its line.")
    public void script(@Option(longNames = "file", required = true, description = "the file of commands") String file,
                       CommandContext ctx) throws Exception {
        List<ScriptFile.Command> commands = ScriptFile.read(Path.of(file));
        Shell sh = shell.getObject();
        for (ScriptFile.Command c : commands) {
            Exception failed = run(sh, c);
            if (failed != null) {
                int status = status(failed);
                ctx.getTerminal().writer()
                        .println("error: " + file + ":" + c.line() + ": " + c.text() + ": failed (exit status "
                        + status + "); the script stops at this line");
                ctx.getTerminal().writer().flush();
                throw exits.apply(failed, status);
            }
        }
    }

    /**
     * Runs one command through the shell as a one-command run does (its output and its error message are the shell's),
     * and returns what it failed with, or null. The shell reports a failed command by throwing only outside the
     * interactive mode, so the command runs in that mode, and the shell's note of an earlier failure (which it keeps
     * for the one command of a non-interactive run) is cleared first, or a failure typed before the script would stop
     * its first command.
     */
    private Exception run(Shell sh, ScriptFile.Command c) {
        ParsedLine parsed;
        try {
            parsed = parser.parse(c.text(), c.text().length());
        } catch (RuntimeException e) {
            return new InputException("cannot parse the command: " + e.getMessage());
        }
        Input input = new Input() {
            @Override public String rawText() { return parsed.line(); }
            @Override public List<String> words() { return Utils.sanitizeInput(parsed.words()); }
        };
        InteractionMode mode = context.getInteractionMode();
        forgetEarlierFailure(sh);
        context.setInteractionMode(InteractionMode.NONINTERACTIVE);
        try {
            sh.run(new InputProvider() {
                private boolean given;

                @Override public Input readInput() {
                    if (given) return null;
                    given = true;
                    return input;
                }
            });
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            context.setInteractionMode(mode);
            forgetEarlierFailure(sh);
        }
    }

    /**
     * 1 for a failed command (a user error, a bug), 2 for a line the shell could not read as a command, else its own
     * status.
     */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExitCodeGenerator g && g.getExitCode() != 0) return g.getExitCode();
            if (t instanceof InputException) return 1;
            if (t.getClass().getName().startsWith("org.springframework.shell.")) return 2;
        }
        return 1;
    }

    private static final String[] FAILURE_NOTES = {"handlingResultNonInt", "processExceptionNonInt"};

    /**
     * Clears Spring Shell 3.4's note of the last failed command (two private fields of {@link Shell}), where present.
     */
    private static void forgetEarlierFailure(Shell sh) {
        for (String name : FAILURE_NOTES) {
            try {
                Field f = Shell.class.getDeclaredField(name);
                f.setAccessible(true);
                f.set(sh, null);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // another Spring Shell version: its failures are then reported as it reports them
            }
        }
    }
}
