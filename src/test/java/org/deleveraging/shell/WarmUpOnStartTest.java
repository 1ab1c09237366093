package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;

/** Only a session that opens the interactive shell warms the engine up; one command and exit does not. */
class WarmUpOnStartTest {

    @Test
    void the_interactive_shell_starts_the_warm_up() throws Exception {
        assertThat(
                outcomeWhenStarted(true, "--spring.datasource.url=jdbc:h2:file:./x", "--workbench.default-policy=okx"))
                .isNotEqualTo(WarmUp.Outcome.NOT_STARTED);
    }

    @Test
    void one_command_and_exit_does_not() throws Exception {
        assertThat(outcomeWhenStarted(true, "run", "--accounts", "demo", "--scenario", "oct-10"))
                .isEqualTo(WarmUp.Outcome.NOT_STARTED);
    }

    @Test
    void a_session_with_the_interactive_shell_switched_off_does_not() throws Exception {
        assertThat(outcomeWhenStarted(false)).isEqualTo(WarmUp.Outcome.NOT_STARTED);
    }

    private static WarmUp.Outcome outcomeWhenStarted(boolean interactive, String... args) throws InterruptedException {
        // no registry: a started warm-up fails at once, which is enough to tell that it was started
        WarmUp warmUp = new WarmUp(null, 1_000, 1);
        new WarmUpOnStart(warmUp, interactive).onApplicationEvent(
                new ApplicationStartedEvent(new SpringApplication(), args, null, Duration.ZERO));
        return warmUp.await();
    }
}
