package org.deleveraging.shell;

import java.sql.SQLException;
import java.util.Optional;

import org.deleveraging.store.DataFolder;

/**
 * The store's failures to open that the user can act on, in one line and an exit status: the data folder held by
 * another session (3), a damaged file, a read-only folder or a full disk (1). The store opens where it is first used,
 * so they surface either from the start (the interactive session opens it before its prompt) or from a command.
 */
public final class StoreOpenFailure {
    /** H2's "Database may be already in use": another process holds the data folder's file lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** H2's "File corrupted while reading record". */
    private static final int H2_FILE_CORRUPTED = 90030;

    private StoreOpenFailure() {}

    /** What to print and the exit status. */
    public record Line(String text, int status) {}

    /** The line for the first such failure among {@code e} and its causes; empty when there is none. */
    public static Optional<Line> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_ALREADY_OPEN)
                return Optional.of(new Line("error: the data folder is in use by another workbench session (H2 file"
                        + " lock). Close that session, or open another data folder with "
                        + "--spring.datasource.url=jdbc:h2:file:./other/workbench", 3));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_FILE_CORRUPTED)
                return Optional.of(new Line("error: the store cannot be read (" + firstLine(s.getMessage())
                        + "). Restore the data folder from a backup: data restore --from FILE --to FOLDER"
                        + " (src/docs/workbench.md)", 1));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the data folder read-only or full, found when the store is opened
            if (t instanceof DataFolder.DataFolderException f)
                return Optional.of(new Line("error: " + f.getMessage(), 1));
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
