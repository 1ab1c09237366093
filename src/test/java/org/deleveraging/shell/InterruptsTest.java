package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Signals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.context.DefaultShellContext;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.PromptProvider;

/**
 * The Ctrl-C wiring: during a cancellable command a real SIGINT sets the command's cancellation (and nothing
 * else), and the handler the command found is put back after it; at the prompt Ctrl-C clears the line and Ctrl-D
 * ends the session; on the session's terminal a Ctrl-C outside both only cancels the command in progress, if any.
 */
class InterruptsTest {

    @Test
    void a_sigint_during_a_command_cancels_it_and_the_handler_it_found_is_put_back() {
        AtomicBoolean before = new AtomicBoolean();
        // stands for Spring Shell's handler, registered for each command (it interrupts the command's thread)
        Object jvms = Signals.register("INT", () -> before.set(true));
        // a JVM started with SIGINT ignored (a background job of a shell without job control) takes no handler for it
        assumeTrue(jvms != null, "SIGINT is ignored in this JVM");
        try {
            Interrupts interrupts = new Interrupts(context(InteractionMode.INTERACTIVE));
            try (Interrupts.Command command = interrupts.begin()) {
                raiseSigint();
                await().atMost(Duration.ofSeconds(5)).until(() -> command.cancellation().requested());
                assertThat(before).as("the handler the command found").isFalse();
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
            }
            raiseSigint();
            await().atMost(Duration.ofSeconds(5)).untilTrue(before);
        } finally {
            Signals.unregister("INT", jvms);
        }
    }

    @Test
    void an_interrupt_that_came_before_the_command_opened_cancels_it_and_is_cleared() {
        Object previous = Signals.register("INT", () -> {});
        try {
            Thread.currentThread().interrupt();
            try (Interrupts.Command command = new Interrupts(context(InteractionMode.INTERACTIVE)).begin()) {
                assertThat(command.cancellation().requested()).isTrue();
                assertThat(Thread.currentThread().isInterrupted()).as("left for H2 to trip on").isFalse();
            }
        } finally {
            Thread.interrupted();
            Signals.unregister("INT", previous);
        }
    }

    @Test
    void on_the_session_terminal_ctrl_c_cancels_the_command_in_progress_and_is_otherwise_ignored() throws IOException {
        Object previous = Signals.register("INT", () -> {});
        try (Terminal terminal = dumbTerminal(new PipedInputStream(), new ByteArrayOutputStream())) {
            Interrupts interrupts = new Interrupts(context(InteractionMode.INTERACTIVE));
            interrupts.sessionOpened(terminal);
            terminal.raise(Signal.INT);  // between commands: nothing to cancel, and the session goes on
            try (Interrupts.Command command = interrupts.begin()) {
                terminal.raise(Signal.INT);
                assertThat(command.cancellation().requested()).isTrue();
            }
        } finally {
            Signals.unregister("INT", previous);
        }
    }

    @Test
    void at_the_prompt_ctrl_c_clears_the_line_and_ctrl_d_ends_the_session() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        try (Terminal terminal = dumbTerminal(in, new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            PromptProvider prompt = () -> new AttributedString("adl:>");
            InteractiveSession.Lines lines = new InteractiveSession.Lines(reader, prompt);

            CompletableFuture<Input> first = CompletableFuture.supplyAsync(lines::readInput);
            keys.write("runs li".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> reader.getBuffer().length() == 7);
            terminal.raise(Signal.INT);
            assertThat(first.get(5, TimeUnit.SECONDS).words()).as("a cleared line").isEmpty();

            CompletableFuture<Input> second = CompletableFuture.supplyAsync(lines::readInput);
            keys.write("runs list\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(second.get(5, TimeUnit.SECONDS).words()).containsExactly("runs", "list");

            CompletableFuture<Input> third = CompletableFuture.supplyAsync(lines::readInput);
            keys.close();  // end of input: Ctrl-D on an empty line
            assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ExitRequest.class);
        }
    }

    private static Terminal dumbTerminal(java.io.InputStream in, java.io.OutputStream out) throws IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    private static ObjectProvider<ShellContext> context(InteractionMode mode) {
        DefaultShellContext c = new DefaultShellContext();
        c.setInteractionMode(mode);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("shellContext", c);
        return beans.getBeanProvider(ShellContext.class);
    }

    /** A real SIGINT to this JVM, as Ctrl-C sends it; only ever raised while a handler of the test's is registered. */
    @SuppressWarnings("removal")
    private static void raiseSigint() {
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
    }
}
