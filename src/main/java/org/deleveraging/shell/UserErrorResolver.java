package org.deleveraging.shell;

import org.deleveraging.input.InputException;
import org.deleveraging.store.StoreException;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.stereotype.Component;

/**
 * Turns a user's mistake (a bad file, an unknown name, a policy that does not compile) into its one-line message and
 * exit status 1, with no stack trace; the session stays open. Anything else is left to Spring Shell, which shows it
 * in full: that is a bug to report, not a mistake to correct.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UserErrorResolver implements CommandExceptionResolver {

    @Override
    public CommandHandlingResult resolve(Exception e) {
        if (e instanceof InputException || e instanceof VerifyCommands.VerificationFailed)
            return CommandHandlingResult.of("error: " + e.getMessage() + "\n", 1);
        if (e instanceof StoreException)
            return CommandHandlingResult.of("error: the store failed: " + e.getMessage() + "\n", 1);
        // a command inside 'script --file' failed and has been reported already: the script stops there, with its status
        if (e instanceof ExitCodeGenerator g && e.getClass().getName().startsWith("org.springframework.shell."))
            return CommandHandlingResult.of("script stopped at the error above\n", g.getExitCode() == 0 ? 1 : g.getExitCode());
        return null;
    }
}
