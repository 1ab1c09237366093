package org.deleveraging.shell;

import org.deleveraging.engine.Cancellation;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.utils.Signals;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * What Ctrl-C (SIGINT) does, in one place.
 *
 * <p><b>During a long command</b> ({@code run}, {@code accounts import|generate}, {@code verify}, {@code baseline
 * approve}, {@code runs reproduce}) the command opens a {@link Command} first. For as long as it is open, SIGINT sets
 * the command's {@link Cancellation}; the work stops at its next check point (the engine checks between rounds, in its
 * loops and between the rules' firings; the store at every chunk), the store's all-or-nothing write rolls back, and
 * the shell prints {@code cancelled: nothing was stored} ({@link CancelledResolver}).
 *
 * <p>Why not Spring Shell's own handling: for every command, {@code Shell.evaluate} registers a SIGINT handler that
 * interrupts the command's thread. The engine never looks at the interrupt flag, so the run went on; then H2, writing
 * the result on that thread, had its {@code FileChannel} closed by the interrupt ({@code ClosedChannelException}), and
 * the flag, left set, can make the next prompt's read end as if Ctrl-C had been pressed there, which closed the
 * session.
 * A command's handler is registered after Spring Shell's (and replaces it until the command ends), so no command
 * thread is ever interrupted while it holds the store.
 *
 * <p><b>At the prompt</b> JLine's line reader turns Ctrl-C into a cleared line ({@link InteractiveSession}: the
 * session stays open; Ctrl-D or {@code exit} leave it). <b>Between the two</b> (a result being printed) the session's
 * terminal handler, set when the session opens, ignores it, where the JVM's default would have ended the process.
 *
 * <p><b>One command and exit</b> ({@code java -jar ... run ...}): Ctrl-C cancels the same way, and the process then
 * ends with status 130 (128 + SIGINT, as a shell reports a process Ctrl-C ended), with nothing stored; a second
 * Ctrl-C ends it at once, as the JVM's default would (whatever a killed process left half-written is hidden by the
 * store's status flags and removed at the next start).
 */
@Component
public class Interrupts {
    /** 128 + SIGINT: the status of a process that Ctrl-C ended. */
    public static final int EXIT_STATUS = 130;

    private final ObjectProvider<ShellContext> shellContext;
    /** The command in progress, if it can be cancelled. */
    private volatile Cancellation current;

    public Interrupts(ObjectProvider<ShellContext> shellContext) {
        this.shellContext = shellContext;
    }

    /**
     * The interactive session opens on {@code terminal}: from now on a Ctrl-C that reaches neither a command nor the
     * line reader is the terminal's to handle (this handler), not the JVM's default, which would end the session.
     * JLine's line reader puts this handler back after every line it reads; the native registration makes a terminal
     * that does not register signals itself (a dumb terminal, over pipes) hear them too.
     */
    void sessionOpened(Terminal terminal) {
        terminal.handle(Signal.INT, s -> cancelCurrent());
        Signals.register("INT", () -> terminal.raise(Signal.INT));
    }

    /** Cancels the command in progress, if any; nothing otherwise. */
    void cancelCurrent() {
        Cancellation c = current;
        if (c != null) c.cancel();
    }

    /**
     * Opens a cancellable command: until {@link Command#close()}, SIGINT cancels {@link Command#cancellation()}.
     * Open it first thing in the command, before it touches the store.
     */
    public Command begin() {
        boolean interactive = interactive();
        Cancellation cancel = new Cancellation();
        Object previous = Signals.register("INT", () -> {
            if (!interactive && cancel.requested()) System.exit(EXIT_STATUS);
            cancel.cancel();
        });
        // Spring Shell's handler (an interrupt) may have been called before ours replaced it: take it as a Ctrl-C, and
        // clear the flag before the store sees it
        if (Thread.interrupted()) cancel.cancel();
        current = cancel;
        return new Command(cancel, previous);
    }

    private boolean interactive() {
        ShellContext c = shellContext.getIfAvailable();
        return c != null && c.getInteractionMode() == InteractionMode.INTERACTIVE;
    }

    /** A cancellable command in progress. */
    public final class Command implements AutoCloseable {
        private final Cancellation cancel;
        private final Object previous;

        private Command(Cancellation cancel, Object previous) {
            this.cancel = cancel;
            this.previous = previous;
        }

        public Cancellation cancellation() { return cancel; }

        /** Puts back the handler the command found (Spring Shell's, which Spring Shell then takes off). */
        @Override
        public void close() {
            if (current == cancel) current = null;
            Signals.unregister("INT", previous);
        }
    }
}
