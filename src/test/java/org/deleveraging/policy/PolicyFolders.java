package org.deleveraging.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A copy of the shared rules and some shipped policies in a temporary folder, for tests that edit or break them. */
public final class PolicyFolders {
    private PolicyFolders() {}

    /** Copies rules/ and the named policies; returns the registry's policies folder. */
    public static Path copy(Path folder, String... policies) {
        copyTree(Path.of("rules"), folder.resolve("rules"));
        for (String p : policies) copyTree(Path.of("policies", p), folder.resolve("policies").resolve(p));
        return folder.resolve("policies");
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
