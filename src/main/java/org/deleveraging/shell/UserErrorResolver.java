package org.deleveraging.shell;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.input.InputException;
import org.deleveraging.store.StoreException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.stereotype.Component;

/**
 * Turns a failed command into one line and exit status 1; the session stays open. A user's mistake (a bad file, an
 * unknown name, a policy that does not compile) is its {@code file:line: field: problem} message. Anything else (a
 * policy's rule that threw, an engine bug, an unexpected exception) is one line saying what failed, with the policy,
 * rule or account where its message names them, and the full stack trace goes to the log file the line names
 * ({@link FailureLog}: {@code data/logs/workbench.log} by default). Spring Shell's own errors (an unknown command, a
 * missing option) are left to it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UserErrorResolver implements CommandExceptionResolver {
    /** A message longer than this is cut in the one line; the log has it whole. */
    static final int MAX_LINE = 400;

    private final FailureLog log;
    private final Supplier<Collection<String>> commands;

    @Autowired
    public UserErrorResolver(Environment environment, ObjectProvider<CommandCatalog> catalog) {
        this(FailureLog.forDatasource(environment.getProperty("spring.datasource.url")),
                () -> catalog.getObject().getRegistrations().entrySet().stream().filter(e -> !e.getValue().isHidden())
                        .map(Map.Entry::getKey).toList());
    }

    UserErrorResolver(FailureLog log) { this(log, List::of); }

    UserErrorResolver(FailureLog log, Supplier<Collection<String>> commands) {
        this.log = log;
        this.commands = commands;
    }

    @Override
    public CommandHandlingResult resolve(Exception e) {
        // the store opens at a command's first use of it, so the start's own failures can come from here
        Optional<StoreOpenFailure.Line> opening = StoreOpenFailure.of(e);
        if (opening.isPresent()) return CommandHandlingResult.of(opening.get().text() + "\n", opening.get().status());
        if (e instanceof InputException || e instanceof VerifyCommands.VerificationFailed) {
            // a policy stopped at run time keeps what its rule threw as the cause: that trace is for the log
            if (foreignCause(e)) return logged("error: " + oneLine(e.getMessage()), e, "the rule's trace");
            return CommandHandlingResult.of("error: " + e.getMessage() + "\n", 1);
        }
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof StoreException)
                return CommandHandlingResult.of("error: the store failed: " + t.getMessage() + "\n", 1);
        // a command inside 'script --file' failed and has been reported already: the script stops there, with its
        // status
        if (e instanceof ExitCodeGenerator g && e.getClass().getName().startsWith("org.springframework.shell."))
            return CommandHandlingResult.of("script stopped at the error above\n",
                    g.getExitCode() == 0 ? 1 : g.getExitCode());
        if (isShells(e)) return null;
        // 'help nosuch': Spring Shell's help throws this for a name it does not know
        if (e instanceof IllegalArgumentException && e.getMessage() != null
                && e.getMessage().startsWith("Unknown command '")
                && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().startsWith("org.springframework.shell.")) {
            String name = e.getMessage().substring("Unknown command '".length()).replaceAll("'$", "");
            return CommandHandlingResult.of("error: " + DidYouMean.message(List.of(name.split(" ")), commands.get())
                    + "\n", 1);
        }
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof PolicyViolation v) return logged("error: the policy was stopped: "
                    + oneLine(v.getMessage()), e, "the trace");
        return logged("error: the command failed, a bug in the workbench rather than in its input: "
                + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()), e, "the full trace");
    }

    /** Whether a cause below e is something other than the workbench's own messages (a rule's exception). */
    private static boolean foreignCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause())
            if (!(t instanceof PolicyViolation) && !(t instanceof InputException)) return true;
        return false;
    }

    /** Spring Shell's parsing and conversion of a command line: it reports those itself (exit status 2). */
    private static boolean isShells(Throwable e) {
        String name = e.getClass().getName();
        return name.startsWith("org.springframework.shell.") || name.startsWith("org.springframework.core.convert.");
    }

    private CommandHandlingResult logged(String headline, Throwable e, String what) {
        Path file = log.write(headline, e);
        String where = file == null ? what + " is above" : what + " is in " + FailureLog.shown(file);
        return CommandHandlingResult.of(headline + " (" + where + ")\n", 1);
    }

    /** The message on one line, cut at {@link #MAX_LINE} characters. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) return "(no message)";
        String s = message.strip().replaceAll("\\s+", " ");
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + "…" : s;
    }
}
