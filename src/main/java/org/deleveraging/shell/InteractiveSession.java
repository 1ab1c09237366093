package org.deleveraging.shell;

import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.Utils;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.InteractiveShellRunner;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/**
 * The interactive session: Spring Shell's {@link InteractiveShellRunner}, except for what Ctrl-C does at the prompt.
 * Spring Shell's treats Ctrl-C on an empty line as a request to leave; here it only clears the line (a habit from
 * every other shell, and the key an officer presses to stop a run, one keystroke too many of which must not close the
 * session). Ctrl-D on an empty line, {@code exit} and {@code quit} leave. Ctrl-C during a command: {@link Interrupts}.
 *
 * <p>Ordered before Spring Shell's runner, which then never runs; after the one-command and script runners, which
 * run when there are arguments.
 */
@Component
@Order(InteractiveShellRunner.PRECEDENCE - 1)
@ConditionalOnProperty(prefix = "spring.shell.interactive", name = "enabled", havingValue = "true")
class InteractiveSession implements ShellRunner {
    private final LineReader lineReader;
    private final PromptProvider promptProvider;
    private final Shell shell;
    private final ShellContext shellContext;
    private final Interrupts interrupts;

    InteractiveSession(LineReader lineReader, PromptProvider promptProvider, Shell shell, ShellContext shellContext,
                       Interrupts interrupts) {
        this.lineReader = lineReader;
        this.promptProvider = promptProvider;
        this.shell = shell;
        this.shellContext = shellContext;
        this.interrupts = interrupts;
    }

    @Override
    public boolean run(String[] args) throws Exception {
        shellContext.setInteractionMode(InteractionMode.INTERACTIVE);
        interrupts.sessionOpened(lineReader.getTerminal());
        shell.run(new Lines(lineReader, promptProvider));
        return true;
    }

    /** The prompt's lines; Ctrl-C clears one, end of input (Ctrl-D on an empty line) ends the session. */
    static final class Lines implements InputProvider {
        private final LineReader lineReader;
        private final PromptProvider promptProvider;

        Lines(LineReader lineReader, PromptProvider promptProvider) {
            this.lineReader = lineReader;
            this.promptProvider = promptProvider;
        }

        @Override
        public Input readInput() {
            // an interrupt left over from the command before (Spring Shell's own Ctrl-C handler interrupts the command
            // thread) would end this read at once, as if Ctrl-C had been pressed at the prompt
            Thread.interrupted();
            try {
                lineReader.readLine(promptProvider.getPrompt().toAnsi(lineReader.getTerminal()));
            } catch (UserInterruptException e) {
                return Input.EMPTY;
            } catch (EndOfFileException e) {
                throw new ExitRequest(0);
            }
            List<String> words = Utils.sanitizeInput(lineReader.getParsedLine().words());
            String line = lineReader.getParsedLine().line();
            return new Input() {
                @Override public String rawText() { return line; }

                @Override public List<String> words() { return words; }
            };
        }
    }
}
