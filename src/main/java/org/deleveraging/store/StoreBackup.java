package org.deleveraging.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

/**
 * {@code data backup} and {@code data restore}: a copy of a file-mode store, taken while the workbench is open, and
 * put back into a folder that no session uses.
 *
 * <p>A backup is H2's online {@code BACKUP TO} (a zip of {@code workbench.mv.db}, transactionally consistent while
 * the session goes on: H2 does not reuse the file's space while it copies) with the store's secret added beside it
 * ({@code workbench.secret}: the database does not open without it, {@link StoreCredentials}). It is written to a
 * temporary file in the target's folder, fsync'ed and renamed into place, so a failed backup leaves no file that
 * looks like one.
 *
 * <p>A restore never touches a store in use, nor any store at all: it unpacks into a folder that holds no store
 * (new or empty of {@code *.mv.db}), opens what it unpacked to check it and count what it holds, and only then moves
 * the files into place. To put a backup in place of {@code ./data}, restore into a new folder and swap the folders
 * with no session open (src/docs/workbench.md).
 */
public final class StoreBackup {
    private static final String DB_SUFFIX = ".mv.db";

    private StoreBackup() {}

    /** What a backup or a restore holds. */
    public record Contents(long sets, long runs, long bytes) {}

    /** Backs the store behind {@code dataSource} up to the zip file {@code to}, which must not exist. */
    public static Contents backup(DataSource dataSource, Path to) {
        Path target = to.toAbsolutePath().normalize();
        if (Files.exists(target)) throw new DataFolder.DataFolderException(target
                + " exists; choose another file name");
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder))
            throw new DataFolder.DataFolderException("the folder of " + target + " does not exist");
        Path db;
        long sets, runs;
        try (Connection c = dataSource.getConnection()) {
            db = StoreCredentials.databaseFile(c.getMetaData().getURL()).orElseThrow(() ->
                    new DataFolder.DataFolderException("only a store in an H2 file can be backed up (this one is "
                            + urlOf(c) + ")"));
            sets = count(c, "SELECT COUNT(*) FROM account_set WHERE status = 'READY'");
            runs = count(c, "SELECT COUNT(*) FROM run WHERE status = 'DONE'");
        } catch (SQLException e) {
            throw StoreException.because("could not back the store up (" + DataFolder.reason(e) + ")", e);
        }
        Path dbFile = db.resolveSibling(db.getFileName() + DB_SUFFIX);
        Path secret = StoreCredentials.secretFile(db);
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free < Files.size(dbFile) + DataFolder.RESERVE_BYTES)
                throw new DataFolder.DataFolderException("not enough disk space for the backup in " + folder + ": "
                        + (free >> 20) + " MB free, the store is " + (Files.size(dbFile) >> 20)
                        + " MB; choose another folder");
        } catch (IOException e) {
            // cannot tell: the copy will say
        }
        Path temp = folder.resolve("." + target.getFileName() + ".part");
        try {
            Files.deleteIfExists(temp);
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("BACKUP TO '" + temp.toString().replace("'", "''") + "'");
            }
            if (Files.exists(secret))
                try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + temp.toUri()), Map.of())) {
                    Files.copy(secret, zip.getPath(secret.getFileName().toString()));
                }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
            return new Contents(sets, runs, Files.size(target));
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a hidden .part file is all that is left
            }
            if (e instanceof StoreException s) throw s;
            throw StoreException.because("could not write the backup " + target + " (" + DataFolder.reason(e)
                    + "); no backup was made", e);
        }
    }

    /**
     * Unpacks the backup {@code from} into {@code folder} (made if missing; it must hold no store), checks that it
     * opens as {@code user} and says what it holds. Returns the JDBC URL to open it with next to the contents.
     */
    public static Restored restore(Path from, Path folder, String user) {
        Path source = from.toAbsolutePath().normalize();
        Path into = folder.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) throw new DataFolder.DataFolderException("no backup file " + source);
        try {
            if (Files.isDirectory(into))
                try (Stream<Path> files = Files.list(into)) {
                    Optional<Path> store = files.filter(p -> p.getFileName().toString().endsWith(DB_SUFFIX))
                            .findFirst();
                    if (store.isPresent())
                        throw new DataFolder.DataFolderException(into + " already holds a store (" + store.get()
                                .getFileName()
                                + "); restore into a new or empty folder, then swap the folders with no session open");
                }
            Files.createDirectories(into);
        } catch (IOException e) {
            throw StoreException.because("could not prepare " + into + " (" + DataFolder.reason(e) + ")", e);
        }
        Path work = into.resolve(".restore-" + System.nanoTime());
        try {
            Files.createDirectory(work);
            String name = unpack(source, work);
            Path secret = work.resolve(name + StoreCredentials.SECRET_SUFFIX);
            if (!Files.exists(secret))
                throw new DataFolder.DataFolderException(source + " holds no " + name + StoreCredentials.SECRET_SUFFIX
                        + ", without which the store does not open; it is not a backup made by 'data backup'");
            String url = "jdbc:h2:file:" + work.resolve(name) + ";IFEXISTS=TRUE";
            long sets, runs;
            try (Connection c = DriverManager.getConnection(url, user, StoreCredentials.secret(secret))) {
                sets = count(c, "SELECT COUNT(*) FROM account_set WHERE status = 'READY'");
                runs = count(c, "SELECT COUNT(*) FROM run WHERE status = 'DONE'");
            } catch (SQLException e) {
                throw StoreException.because("the backup " + source + " does not open (" + DataFolder.reason(e)
                        + "); nothing was restored", e);
            }
            // the secret first, the database last: a folder with a database in it is a complete one
            Files.move(secret, into.resolve(secret.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            Path db = work.resolve(name + DB_SUFFIX);
            long bytes = Files.size(db);
            Files.move(db, into.resolve(db.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            syncFolder(into);
            return new Restored(new Contents(sets, runs, bytes), "jdbc:h2:file:" + into.resolve(name));
        } catch (IOException e) {
            throw StoreException.because("could not restore into " + into + " (" + DataFolder.reason(e)
                    + "); nothing was restored", e);
        } finally {
            deleteTree(work);
        }
    }

    /** A restored store: what it holds and the URL that opens it. */
    public record Restored(Contents contents, String url) {}

    /** Unpacks the store and its secret; returns the store's name (the file name without {@code .mv.db}). */
    private static String unpack(Path zip, Path into) throws IOException {
        String name = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String file = Path.of(entry.getName()).getFileName().toString();
                if (entry.isDirectory()
                        || !(file.endsWith(DB_SUFFIX) || file.endsWith(StoreCredentials.SECRET_SUFFIX))) continue;
                if (file.endsWith(DB_SUFFIX)) name = file.substring(0, file.length() - DB_SUFFIX.length());
                Path out = into.resolve(file);
                try (InputStream in = z.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                if (file.endsWith(StoreCredentials.SECRET_SUFFIX)) ownerOnly(out);
            }
        } catch (java.util.zip.ZipException e) {
            throw new DataFolder.DataFolderException(zip + " is not a backup (not a zip file: " + e.getMessage() + ")");
        }
        if (name == null) throw new DataFolder.DataFolderException(zip
                + " holds no store (no *.mv.db file); it is not a backup made by 'data backup'");
        return name;
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: as the folder allows
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String urlOf(Connection c) {
        try {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            return "unknown";
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a folder be synced
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover hidden folder; harmless
        }
    }
}
