package org.deleveraging.app;

import java.util.Optional;

import org.deleveraging.input.InputException;
import org.deleveraging.shell.StoreOpenFailure;
import org.deleveraging.store.StoreException;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.command.annotation.CommandScan;

/**
 * The deleveraging policy workbench: an interactive shell, or one command and exit when given arguments. The exit
 * status of one command: 0 ok, 1 a user error (one line, no stack trace), 2 a command line the shell could not parse,
 * 3 the data folder in use by another session.
 */
@SpringBootApplication(scanBasePackages = "org.deleveraging")
@CommandScan(basePackages = "org.deleveraging.shell")
public class WorkbenchApplication {
    public static void main(String[] args) {
        try {
            SpringApplication.run(WorkbenchApplication.class, args);
        } catch (RuntimeException e) {
            System.exit(reportFailure(e));
        }
    }

    /**
     * One line for what the user can fix (the data folder in use, a bad input); silence for a command that Spring Shell
     * has already reported; the full trace for anything else, which is a bug.
     */
    static int reportFailure(Throwable e) {
        Optional<StoreOpenFailure.Line> store = StoreOpenFailure.of(e);
        if (store.isPresent()) {
            System.err.println(store.get().text());
            return store.get().status();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException) {
                // the data folder read-only or full, or a store that failed underneath: one line, what to do in it
                System.err.println("error: " + t.getMessage());
                return 1;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExitCodeGenerator g) return g.getExitCode() == 0 ? 1 : g.getExitCode();
            if (t instanceof InputException) {
                System.err.println("error: " + t.getMessage());
                return 1;
            }
            if (t.getClass().getName().startsWith("org.springframework.shell.")) return 2;
        }
        e.printStackTrace();
        return 1;
    }
}
