package org.deleveraging.bench;

import java.util.Locale;

/**
 * Generating a book of n positions (the workbench's {@code accounts generate}), after one warm-up generation.
 * Arguments: positions, runs.
 */
final class GenerateCase {

    public static void main(String[] args) {
        int positions = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        BenchBook.of(positions);
        long[] nanos = new long[reps];
        long produced = 0;
        for (int i = 0; i < reps; i++) {
            BenchBook book = BenchBook.of(positions);
            nanos[i] = book.generationNanos();
            produced = book.positions();
        }
        System.out.printf(Locale.ROOT, "RESULT kind=generate positions=%d time=%s%n", produced,
                Stats.ofNanos(nanos).encode());
    }
}
