package org.deleveraging.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password of a file-mode H2 store: a random secret kept beside the database, in {@code <name>.secret} (for
 * {@code jdbc:h2:file:./data/workbench}: {@code ./data/workbench.secret}), readable by its owner only.
 *
 * <p>Why: a store that anyone can open as {@code sa} with an empty password is open to every process on the machine
 * and to any code in the workbench's JVM, a policy rule included (issue 21: a rule rewrote stored runs). With the
 * secret, opening the store takes reading a file that only the workbench's user can read.
 *
 * <p>The secret is made the first time a data folder is opened (32 bytes from {@link SecureRandom}, hex), written to a
 * temporary file and linked into place in one step, so a crash never leaves half a secret and two JVMs opening a new
 * folder at once agree on one. A new database is created with it (H2 makes the user of its first connection the
 * admin, with that connection's password). A database made by an earlier workbench, as {@code sa} with an empty
 * password, is given the secret the first time it is opened ({@link #passwordFor}).
 *
 * <p>Only for a file-mode H2 URL with no password given: an in-memory or server URL, a password the user configured,
 * or a URL that carries its own password or file encryption ({@code PASSWORD=}, {@code CIPHER=}) is left as it is.
 */
public final class StoreCredentials {
    /** The secret file's name is the database's followed by this. */
    public static final String SECRET_SUFFIX = ".secret";
    /** H2's "Wrong user name or password" (ErrorCode.WRONG_USER_OR_PASSWORD). */
    static final String WRONG_USER_OR_PASSWORD = "28000";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private StoreCredentials() {}

    /**
     * The password to open the store at {@code url} with: {@code givenPassword} when one was given (not null or
     * empty) or when the URL is not a file-mode H2 database; else the data folder's secret, made on the first open,
     * after bringing a database made with an empty password over to it.
     *
     * @throws StoreException the database does not take the secret nor an empty password, or H2 refused to open it
     *         (the data folder in use: the {@link SQLException} is the cause)
     * @throws UncheckedIOException the secret could not be read or written
     */
    public static String passwordFor(String url, String user, String givenPassword) {
        if (givenPassword != null && !givenPassword.isEmpty()) return givenPassword;
        Optional<Path> database = databaseFile(url);
        if (database.isEmpty()) return givenPassword;
        Path db = database.get();
        String secret = secret(secretFile(db));
        // a database that does not exist yet is created by the first connection, with the secret as the admin's
        // password
        if (Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) adopt(url, user, secret);
        return secret;
    }

    /** {@link #passwordFor} with no password given. */
    public static String passwordFor(String url, String user) { return passwordFor(url, user, null); }

    /**
     * The database file of a file-mode H2 URL, without H2's {@code .mv.db} extension ({@code
     * jdbc:h2:file:./data/workbench}:
     * {@code ./data/workbench}, absolute); empty for any other URL (in memory, a server, a URL that carries its own
     * password or encrypts the file, not H2).
     */
    public static Optional<Path> databaseFile(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) return Optional.empty();
        String[] parts = url.substring(8).split(";");
        for (int i = 1; i < parts.length; i++) {
            String key = parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT);
            if (key.equals("PASSWORD") || key.equals("PASSWORD_HASH") || key.equals("CIPHER")) return Optional.empty();
        }
        String name = parts[0];
        if (name.regionMatches(true, 0, "file:", 0, 5)) name = name.substring(5);
        // the other prefixes H2 knows (mem:, tcp:, ssl:, zip:, nio:, split:, ...) are not a plain file of this machine;
        // an implicit file path starts with one of these (or a Windows drive)
        else if (!(name.startsWith("./") || name.startsWith("../") || name.startsWith("/") || name.startsWith("~")
                || name.startsWith(".\\") || name.matches("[A-Za-z]:[/\\\\].*"))) return Optional.empty();
        if (name.isEmpty()) return Optional.empty();
        if (name.startsWith("~")) name = System.getProperty("user.home") + name.substring(1);
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** The secret file of a database file (as {@link #databaseFile} gives it). */
    public static Path secretFile(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + SECRET_SUFFIX);
    }

    /** The secret in {@code file}, made first if there is none. */
    static String secret(Path file) {
        try {
            if (!Files.exists(file)) create(file);
            try {
                keepToOwner(file);
            } catch (IOException e) {
                // not ours to change (another user's file we can read): it opens the store all the same
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) throw new StoreException("the store's secret " + file
                    + " is empty; restore it from a copy of the data folder");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the store's secret " + file, e);
        }
    }

    /**
     * Writes a new secret to a temporary file beside {@code file} and links it into place. A link fails when the name
     * is taken, so of two JVMs making a secret at once the second finds and uses the first's (a rename would replace
     * it).
     */
    private static void create(Path file) throws IOException {
        Path folder = file.getParent();
        makeFolder(folder);
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Path temp = posix(folder) ? Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_FILE)) : Files.createTempFile(folder,
                "." + file.getFileName(), ".tmp");
        try {
            keepToOwner(temp);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(secret.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) out.write(b);
                out.force(true);
            }
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return; // another JVM was first: its secret stands
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this file system: an atomic rename, which a racing JVM may overtake (see the class)
                if (!Files.exists(file)) Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            syncFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The data folder, owner-only, when the workbench is the one to make it (its parents as the system makes them). */
    private static void makeFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) return;
        if (folder.getParent() != null) Files.createDirectories(folder.getParent());
        try {
            if (posix(folder)) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
            } else {
                Files.createDirectory(folder);
                var f = folder.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setExecutable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
                f.setExecutable(true, true);
            }
        } catch (FileAlreadyExistsException e) {
            // made at the same moment by another JVM
        }
    }

    /**
     * rw------- (best effort where there are no POSIX permissions); a copied secret that others could read is narrowed.
     */
    private static void keepToOwner(Path file) throws IOException {
        if (posix(file)) {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_FILE)) Files.setPosixFilePermissions(file,
                    OWNER_FILE);
        } else {
            var f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * So that the new name survives a power cut as well as the content (Linux; elsewhere a folder cannot be synced).
     */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /**
     * Makes sure the existing database at {@code url} takes {@code secret}. A database made by a workbench before the
     * secret (issue 21) has {@code user} with an empty password: refused with the secret (28000), it is opened once
     * with the empty password and its user's password set to the secret, so an old data folder goes on working and
     * is no longer open to anyone. The secret file is written before the password is changed: a crash in between
     * leaves the empty password in place and the next start changes it; the other order could lock the folder for good.
     */
    static void adopt(String url, String user, String secret) {
        try (Connection c = DriverManager.getConnection(url, user, secret)) {
            return; // the common case: the database already takes the secret
        } catch (SQLException e) {
            if (!WRONG_USER_OR_PASSWORD.equals(e.getSQLState())) throw new StoreException("could not open the store "
                    + url, e);
        }
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            String name;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CURRENT_USER")) {
                r.next();
                name = r.getString(1);
            }
            try (PreparedStatement alter = c.prepareStatement("ALTER USER \"" + name.replace("\"", "\"\"")
                    + "\" SET PASSWORD ?")) {
                alter.setString(1, secret);
                alter.executeUpdate();
            }
        } catch (SQLException e) {
            if (WRONG_USER_OR_PASSWORD.equals(e.getSQLState()))
                throw new StoreException("the store " + url + " takes neither its secret "
                        + secretFile(databaseFile(url).orElseThrow())
                        + " nor an empty password: was the secret replaced or lost? Restore it from the copy "
                        + "of the data folder", e);
            throw new StoreException("could not open the store " + url, e);
        }
    }
}
