package org.deleveraging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.command.annotation.CommandScan;

/** The deleveraging policy workbench: an interactive shell, or one command and exit when given arguments. */
@SpringBootApplication
@CommandScan
public class WorkbenchApplication {
    public static void main(String[] args) {
        SpringApplication.run(WorkbenchApplication.class, args);
    }
}
