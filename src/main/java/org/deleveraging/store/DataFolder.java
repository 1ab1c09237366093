package org.deleveraging.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The data folder's room and permissions, checked before work rather than discovered half-way through it (issue 22:
 * a full disk). A check that fails throws {@link DataFolderException}, whose message is one line that says what to do.
 */
public final class DataFolder {
    /** Kept free beyond an estimate: H2 appends a write's new pages before it frees the old ones. */
    static final long RESERVE_BYTES = 8L << 20;
    /** An account set's stored bytes per position, with room to spare (measured: about 30). */
    static final long SET_BYTES_PER_POSITION = 64;
    /**
     * A run's stored bytes per account it touched (its outcome, about two events and five ADL queue places), with
     * room to spare.
     */
    static final long RUN_BYTES_PER_OUTCOME = 256;

    private DataFolder() {}

    /** The store's data folder is not fit to write to: one line for the user, no trace. */
    public static final class DataFolderException extends StoreException {
        public DataFolderException(String message) { super(message); }
    }

    /** The least free space a start needs: opening the store writes to it (migrations, the clean-up). */
    static final long START_BYTES = 4L << 20;

    /**
     * At start-up, before H2 opens the database: the folder (made if missing by the caller's first connection) and the
     * database file must be writable, and the disk not full. Nothing to check for a URL that is not an H2 file.
     */
    public static void checkAtStart(String url) {
        Optional<Path> db = StoreCredentials.databaseFile(url);
        if (db.isEmpty()) return;
        Path folder = db.get().getParent();
        Path file = db.get().resolveSibling(db.get().getFileName() + ".mv.db");
        if (Files.exists(folder) && !Files.isWritable(folder))
            throw new DataFolderException("the data folder " + folder
                    + " is read-only; the workbench needs to write to it."
                    + " Make it writable, or open another folder with "
                    + "--spring.datasource.url=jdbc:h2:file:/path/to/folder/workbench");
        if (Files.exists(file) && !Files.isWritable(file))
            throw new DataFolderException("the store " + file + " is read-only; the workbench needs to write to it."
                    + " Make it writable, or open another folder with "
                    + "--spring.datasource.url=jdbc:h2:file:/path/to/folder/workbench");
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < START_BYTES)
                throw new DataFolderException("the disk of the data folder " + folder + " is full (" + mb(free)
                        + " free);"
                        + " the workbench needs at least " + mb(START_BYTES)
                        + " to open it. Free some space and start again");
        } catch (IOException e) {
            // cannot tell: opening the store will say
        }
    }

    /**
     * Throws when the data folder has less free space than {@code bytes} plus a reserve: {@code what} is "this import",
     * "this run", named in the message. Nothing to check for a store that is not an H2 file.
     */
    static void checkRoom(DataSource dataSource, long bytes, String what) {
        Optional<Path> folder = folder(dataSource);
        if (folder.isEmpty()) return;
        long free;
        try {
            free = Files.getFileStore(folder.get()).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell: the write itself will say
        }
        long needed = bytes + RESERVE_BYTES;
        if (free < needed)
            throw new DataFolderException("not enough disk space for " + what + ": the data folder " + folder.get()
                    + " has "
                    + mb(free) + " free and " + what + " needs about " + mb(needed)
                    + "; nothing was stored. Free some space,"
                    + " or open a folder on a larger disk with "
                    + "--spring.datasource.url=jdbc:h2:file:/path/to/folder/workbench");
    }

    /** The folder of a file-mode H2 store, from its connection's URL; empty for anything else. */
    static Optional<Path> folder(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return StoreCredentials.databaseFile(c.getMetaData().getURL()).map(Path::getParent);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What went wrong underneath, in a few words: a full disk and a read-only folder are named as such. */
    static String reason(Throwable e) {
        String last = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk full") || m.contains("not enough space"))
                return "the disk is full";
            if (t instanceof AccessDeniedException || m.contains("read-only") || m.contains("read only"))
                return "the data folder is read-only";
            if (t instanceof FileSystemException f && f.getReason() != null) last = f.getReason();
            else if (t.getMessage() != null) last = t.getMessage();
        }
        return last == null ? e.getClass().getSimpleName() : firstLine(last);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
