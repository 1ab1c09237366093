package org.deleveraging.shell;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Starts the engine's warm-up when the interactive shell is about to open: on {@code ApplicationStartedEvent},
 * which comes before the shell's runner takes the terminal. One command and exit (arguments left after the
 * settings) gets none, since it would only share the cores with the command.
 */
@Component
class WarmUpOnStart implements ApplicationListener<ApplicationStartedEvent> {
    private final WarmUp warmUp;
    private final boolean interactive;

    WarmUpOnStart(WarmUp warmUp, @Value("${spring.shell.interactive.enabled:true}") boolean interactive) {
        this.warmUp = warmUp;
        this.interactive = interactive;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (interactive && CommandLineArguments.command(event.getArgs()).isEmpty()) warmUp.start();
    }
}
