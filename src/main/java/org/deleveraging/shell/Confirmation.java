package org.deleveraging.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * A yes/no question before a command destroys something, as {@code rm -i} and package managers ask: only in the
 * interactive shell. One command and exit and {@code script --file} never wait for an answer; there the command
 * needs {@code --yes} ({@link #refusal}).
 */
@Component
class Confirmation {
    private final ObjectProvider<LineReader> lineReader;
    private final ObjectProvider<ShellContext> shellContext;

    Confirmation(ObjectProvider<LineReader> lineReader, ObjectProvider<ShellContext> shellContext) {
        this.lineReader = lineReader;
        this.shellContext = shellContext;
    }

    /** Whether a person is at the prompt to answer (the interactive shell, not a script run from it). */
    boolean canAsk() {
        ShellContext c = shellContext.getIfAvailable();
        return c != null && c.getInteractionMode() == InteractionMode.INTERACTIVE
                && lineReader.getIfAvailable() != null;
    }

    /** Asks {@code question} with "[y/N]"; true for y or yes. Ctrl-C, Ctrl-D or anything else is no. */
    boolean ask(String question) {
        LineReader reader = lineReader.getObject();
        Object history = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);  // the answer is not a command to recall
        try {
            return yes(reader.readLine(question + " [y/N] "));
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, history);
        }
    }

    static boolean yes(String answer) {
        String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
