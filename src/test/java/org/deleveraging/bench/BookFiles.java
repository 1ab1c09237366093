package org.deleveraging.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark's book of n positions ({@link BenchBook}) written as the files a user imports, as {@link StoreCase}
 * writes them: {@code bench.csv}, {@code markets.yaml} (the grown depth) and {@code scenario.yaml}
 * ({@value #SCENARIO}: the shipped oct-10 with its funds and vault grown alike). In a JVM of its own, since the book
 * at 1M does not fit the orchestrating JVM's heap. Arguments: positions, folder.
 */
final class BookFiles {
    static final String SCENARIO = "oct-10-bench";

    private BookFiles() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[1]));
        long positions = StoreCase.writeFiles(BenchBook.of(Integer.parseInt(args[0])), dir.resolve("bench.csv"),
                dir.resolve("markets.yaml"), dir.resolve("scenario.yaml"));
        System.out.printf(Locale.ROOT, "RESULT kind=files positions=%d%n", positions);
    }
}
