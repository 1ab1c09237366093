package org.deleveraging.shell;

import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import org.deleveraging.input.InputException;
import org.deleveraging.store.DataFolder;
import org.deleveraging.store.StoreBackup;
import org.deleveraging.store.WorkbenchStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code data backup|restore}: a copy of the data folder's store, and a copy put back (src/docs/workbench.md). */
@Command(command = "data", group = "Data folder")
public class DataCommands {
    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<WorkbenchStore> store;
    private final String user;

    /** Both made where the store is first used ({@code WorkbenchConfiguration}): {@code version} opens no store. */
    public DataCommands(ObjectProvider<DataSource> dataSource, ObjectProvider<WorkbenchStore> store,
                        @Value("${spring.datasource.username:sa}") String user) {
        this.dataSource = dataSource;
        this.store = store;
        this.user = user;
    }

    @Command(command = "backup",
            description = "Copy the store, while the session goes on, to a zip file (the database and"
            + " its secret). Usage: data backup --to backups/2025-10-10.zip")
    public String backup(@Option(longNames = "to", required = true,
            description = "the zip file to write; must not exist") String to) {
        // the store opens where it is first used: the copy is of it migrated and rid of what a killed session left
        store.getObject();
        StoreBackup.Contents c = userError(() -> StoreBackup.backup(dataSource.getObject(), Path.of(to)));
        return "backed up " + c.sets() + " account sets and " + c.runs() + " runs to " + Path.of(to).toAbsolutePath()
                .normalize()
                + " (" + mb(c.bytes()) + ")\n";
    }

    @Command(command = "restore",
            description = "Unpack a backup into a folder that holds no store, and check that it opens;"
            + " the store in use is not touched. Usage: data restore --from backups/2025-10-10.zip --to data-restored")
    public String restore(
            @Option(longNames = "from", required = true, description = "a zip file made by data backup") String from,
                          @Option(longNames = "to", required = true, description = "a new or empty folder") String to) {
        StoreBackup.Restored r = userError(() -> StoreBackup.restore(Path.of(from), Path.of(to), user));
        return "restored " + r.contents().sets() + " account sets and " + r.contents().runs() + " runs into "
                + Path.of(to).toAbsolutePath().normalize() + "\nopen it with --spring.datasource.url=" + r.url()
                + " (or, with no session open, put that folder in place of the data folder)\n";
    }

    /** A file that exists, a folder that holds a store, a zip that is no backup: the user's to fix, said as such. */
    private static <T> T userError(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (DataFolder.DataFolderException e) {
            throw new InputException(e.getMessage());
        }
    }

    private static String mb(long bytes) { return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0); }
}
