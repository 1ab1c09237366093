package org.deleveraging;

import java.sql.SQLException;

import org.deleveraging.input.InputException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.command.annotation.CommandScan;

/** The deleveraging policy workbench: an interactive shell, or one command and exit when given arguments. */
@SpringBootApplication
@CommandScan
public class WorkbenchApplication {
    /** H2's "Database may be already in use": another process holds the data folder's file lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    public static void main(String[] args) {
        try {
            SpringApplication.run(WorkbenchApplication.class, args);
        } catch (RuntimeException e) {
            System.exit(reportStartFailure(e));
        }
    }

    /** One line for what the user can fix (the data folder in use, a bad setting); the full trace for anything else. */
    static int reportStartFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                System.err.println("error: the data folder is in use by another workbench session (H2 file lock). "
                        + "Close that session, or open another data folder with --spring.datasource.url=jdbc:h2:file:./other/workbench");
                return 3;
            }
            if (t instanceof InputException) {
                System.err.println("error: " + t.getMessage());
                return 1;
            }
        }
        e.printStackTrace();
        return 1;
    }
}
