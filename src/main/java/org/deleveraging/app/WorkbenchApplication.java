package org.deleveraging.app;

import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;

import org.deleveraging.input.InputException;
import org.deleveraging.shell.StoreOpenFailure;
import org.deleveraging.store.StoreException;
import org.springframework.aot.AotDetector;
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
        useAheadOfTimeWiring();
        try {
            SpringApplication.run(WorkbenchApplication.class, args);
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build's AOT processing stops the start there on purpose
        } catch (RuntimeException e) {
            System.exit(reportFailure(e));
        }
    }

    /**
     * The packaged application starts from the wiring that Spring's AOT processing generated when it was built
     * (pom.xml, {@code process-aot}) instead of working it out at every start from the annotations and conditions:
     * about half a second of a one-off command (src/docs/performance.md, "One-off commands and the session"). Only
     * from a jar, whose generated code was made from the classes beside it; from a class folder (an IDE, tests) the
     * wiring is worked out as usual. {@code -Dspring.aot.enabled=false} turns it off.
     */
    static void useAheadOfTimeWiring() {
        if (System.getProperty(AotDetector.AOT_ENABLED) != null) return;
        CodeSource source = WorkbenchApplication.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        boolean classFolder = location == null || location.getProtocol().equals("file")
                && location.getPath().endsWith("/");
        boolean generated = WorkbenchApplication.class.getResource(
                WorkbenchApplication.class.getSimpleName() + "__ApplicationContextInitializer.class") != null;
        if (!classFolder && generated) System.setProperty(AotDetector.AOT_ENABLED, "true");
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
