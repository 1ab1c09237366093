package org.deleveraging.app;

import java.io.PrintStream;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.store.WorkbenchStore;

/** What the workbench does the first time it opens a data folder. */
final class FirstStart {
    private static final String DEMO_CREATED = "demo-created";

    private FirstStart() {}

    /**
     * Creates the demo account set the first time the store is opened, and never again, so that deleting it sticks;
     * says so on {@code notices}.
     */
    static void createDemo(WorkbenchStore store, AccountSetService sets, PrintStream notices) {
        if (store.meta(DEMO_CREATED).isPresent()) return;
        sets.createDemo().ifPresent(demo -> notices.println("notice: first start: created the demo account set '"
                + demo.name() + "' (" + demo.accounts() + " accounts)"));
        store.putMeta(DEMO_CREATED, "true");
    }
}
