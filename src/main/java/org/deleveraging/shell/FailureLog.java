package org.deleveraging.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Where a failure's full stack trace goes, so that the user is shown one line that names this file instead of a
 * hundred lines of trace: {@code logs/workbench.log} in the data folder (beside the H2 database of an
 * {@code jdbc:h2:file:} URL, so {@code data/logs/workbench.log} by default), or {@code adl-workbench/workbench.log} in
 * the system's temporary folder when the store is not an H2 file or that folder cannot be written. Entries are
 * appended; a file over 10 MB is moved to {@code workbench.log.1} first (one generation is kept).
 */
final class FailureLog {
    static final long ROLL_BYTES = 10L * 1024 * 1024;

    private final Path preferred;

    FailureLog(Path preferred) { this.preferred = preferred; }

    /** The log beside the database named by a Spring datasource URL, or in the temporary folder. */
    static FailureLog forDatasource(String url) { return new FailureLog(folderOf(url)); }

    /** {@code <data folder>/logs/workbench.log} for an H2 file URL; null for anything else. */
    static Path folderOf(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) return null;
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) rest = rest.substring(0, semicolon);
        if (rest.startsWith("file:")) rest = rest.substring("file:".length());
        else if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:")) return null;
        if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
        if (rest.isBlank()) return null;
        Path db = Path.of(rest);
        Path folder = db.getParent() == null ? Path.of(".") : db.getParent();
        return folder.resolve("logs").resolve("workbench.log").normalize();
    }

    static Path temporary() { return Path.of(System.getProperty("java.io.tmpdir"), "adl-workbench", "workbench.log"); }

    /**
     * Appends the headline and the full trace of {@code e}; returns the file written, or null when neither the data
     * folder's log nor the temporary one could be written (the trace then goes to stderr).
     */
    Path write(String headline, Throwable e) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println(OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS) + " ERROR " + headline);
            e.printStackTrace(w);
            w.println();
        }
        for (Path file : preferred == null ? new Path[] {temporary()} : new Path[] {preferred, temporary()}) {
            if (append(file, trace.toString())) return file;
        }
        System.err.print(trace);
        return null;
    }

    private static boolean append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > ROLL_BYTES)
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** How the file is named in the one line: as the user would type it from the working folder. */
    static String shown(Path file) {
        Path relative = file.isAbsolute() ? null : file.normalize();
        return (relative != null ? relative.toString() : file.toString()).replace('\\', '/');
    }
}
