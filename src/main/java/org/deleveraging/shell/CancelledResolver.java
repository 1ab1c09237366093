package org.deleveraging.shell;

import org.deleveraging.engine.Cancellation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.stereotype.Component;

/**
 * A command cancelled by Ctrl-C ({@link Interrupts}) prints one line and no stack trace; the interactive session goes
 * on, one command and exit ends with status 130, and a script stops there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CancelledResolver implements CommandExceptionResolver {

    @Override
    public CommandHandlingResult resolve(Exception e) {
        if (e instanceof Cancellation.Cancelled) return CommandHandlingResult.of(e.getMessage() + "\n",
                Interrupts.EXIT_STATUS);
        return null;
    }
}
