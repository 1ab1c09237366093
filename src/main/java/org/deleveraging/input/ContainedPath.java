package org.deleveraging.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A file named inside an input file (a policy's rule module, a case's accounts CSV) is untrusted, like the file that
 * names it: it must be a relative path, and both its written path (after removing {@code .} and {@code ..}) and its
 * real path (after following symbolic links) must stay inside a given folder. Anything else is refused, so that a
 * policy or a case can never read, and store in a snapshot, a file from elsewhere on the machine.
 */
public final class ContainedPath {
    private ContainedPath() {}

    /**
     * Resolves {@code name} against {@code base} and checks that it stays inside {@code root}.
     *
     * @param root the folder the file must stay inside (also after following links)
     * @param base the folder a relative {@code name} is resolved against; {@code root} or a folder inside it
     * @param name the path as written in the input file
     * @param suffix the ending the name must have ({@code ".drl"}), or null for any
     * @param rootShown how to name {@code root} in a message ({@code "rules/"})
     * @param refuse builds the exception for a problem, naming the file, line and field of {@code name}
     * @return the resolved, normalised path; it may not exist (the caller says what is missing)
     */
    public static Path resolve(Path root, Path base, String name, String suffix, String rootShown,
                               Function<String, ? extends RuntimeException> refuse) {
        String written = name == null ? "" : name.trim();
        if (written.isEmpty()) throw refuse.apply("a file name is needed, got nothing");
        Path relative;
        try {
            relative = Path.of(written);
        } catch (InvalidPathException e) {
            throw refuse.apply("'" + written + "' is not a valid path: " + e.getReason());
        }
        if (relative.isAbsolute() || relative.getRoot() != null || written.startsWith("/") || written.startsWith("\\")
                || written.matches("^[A-Za-z]:.*"))
            throw refuse.apply("'" + written + "' must be a path relative to " + rootShown);
        Path top = root.toAbsolutePath().normalize();
        Path file = base.toAbsolutePath().normalize().resolve(relative).normalize();
        if (!file.startsWith(top))
            throw refuse.apply("'" + written + "' leads outside " + rootShown);
        if (suffix != null && !written.endsWith(suffix))
            throw refuse.apply("'" + written + "' must end in " + suffix);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return file;
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            // a link to nothing: there is no file to read, whatever it pointed at
            return file;
        }
        Path realTop;
        try {
            realTop = top.toRealPath();
        } catch (IOException e) {
            throw refuse.apply("cannot resolve " + rootShown + ": " + e.getMessage());
        }
        if (!real.startsWith(realTop))
            throw refuse.apply("'" + written + "' is a link to a file outside " + rootShown);
        return file;
    }
}
