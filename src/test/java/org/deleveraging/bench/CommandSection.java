package org.deleveraging.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user waits for (issue 25's targets): one-off commands of the packaged workbench ({@code
 * target/app/adl-workbench-0.1.0.jar}, extracted from the jar: run {@code mvn -B -DskipTests package} first), timed
 * from the process's start to its exit, with the README's JVM flags and class-data-sharing archive. Start-up alone
 * ({@code version}), start-up with the policies ({@code policy list}), a run over the demo set and, for each policy,
 * a run over a generated book of {@code --command-accounts} accounts (default 500,000, about a million positions);
 * and a later run in one JVM, the interactive session's case: a script of the same run twice, less a script of it
 * once. Each figure is the median of {@code --command-reps} repetitions (default 3) on one data folder, the
 * generated book made once beforehand.
 */
final class CommandSection {
    /** The README's flags for a big book, and for the demo set; {@link #ARCHIVE} is added to both. */
    static final List<String> BIG_BOOK_FLAGS = List.of("-Xms8g", "-Xmx8g", "-Xmn5g", "-XX:+UseParallelGC",
            "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch");
    static final List<String> SMALL_FLAGS = List.of("-XX:+UseParallelGC");
    /** The class-data-sharing archive that {@code package} makes beside the jar, which the README's commands name. */
    static final String ARCHIVE = "adl-workbench.jsa";

    private CommandSection() {}

    record Row(String what, String book, String policy, List<Long> millis) {
        long median() {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    static String run(Options o) {
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path jar = Path.of(System.getProperty("bench.jar",
                root.resolve("target/app/adl-workbench-0.1.0.jar").toString()));
        if (!Files.exists(jar)) return "not run: " + jar
                + " is missing; build it first with `mvn -B -DskipTests package`\n";
        try {
            Path folder = Files.createTempDirectory("adl-commands");
            Runner r = new Runner(jar, root, folder.resolve("data/workbench"), o.timeoutSeconds());
            // not timed: the store's first opening creates the demo set, the first listing compiles the policies
            r.time(SMALL_FLAGS, "accounts", "list");
            r.time(SMALL_FLAGS, "policy", "list");
            List<Row> rows = new ArrayList<>();
            int reps = o.commandReps();
            rows.add(r.row("start-up alone", "", "", reps, SMALL_FLAGS, "version"));
            rows.add(r.row("start-up and the policies", "", "", reps, SMALL_FLAGS, "policy", "list"));
            for (String policy : o.policies())
                rows.add(r.row("one-off run", "demo", policy, reps, SMALL_FLAGS, runArgs(policy, "demo")));
            String big = "generated-" + o.commandAccounts();
            r.time(BIG_BOOK_FLAGS, "accounts", "generate", "--name", big, "--accounts",
                    Integer.toString(o.commandAccounts()), "--seed", "11");
            for (String policy : o.policies()) {
                rows.add(r.row("one-off run", big, policy, reps, BIG_BOOK_FLAGS, runArgs(policy, big)));
                rows.add(r.laterRun(big, policy, reps, folder));
            }
            return table(rows, o.commandAccounts());
        } catch (IOException e) {
            return "failed: " + e + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        }
    }

    private static String[] runArgs(String policy, String accounts) {
        return new String[] {"run", "--policy", policy, "--accounts", accounts, "--scenario", "oct-10"};
    }

    private static String table(List<Row> rows, int accounts) {
        StringBuilder b = new StringBuilder(String.format(
                "Wall time from the process's start to its exit, median of the repetitions (all of them in brackets),"
                + " ms. `generated-%d` is `accounts generate --accounts %d --seed 11`; a later run is a script of"
                + " the run twice less a script of it once, in one JVM.%n%n", accounts, accounts));
        b.append("| what | book | policy | median ms | all ms |\n|---|---|---|---|---|\n");
        for (Row row : rows)
            b.append(String.format("| %s | %s | %s | %,d | %s |%n", row.what(), row.book(), row.policy(),
                    row.median(), row.millis()));
        return b.toString();
    }

    /** Starts the jar from the repository root (it reads ./policies and ./rules) on one data folder. */
    private record Runner(Path jar, Path root, Path data, long timeoutSeconds) {
        Row row(String what, String book, String policy, int reps, List<String> flags, String... args)
                throws IOException, InterruptedException {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < reps; i++) millis.add(time(flags, args));
            return new Row(what, book, policy, millis);
        }

        Row laterRun(String book, String policy, int reps, Path folder) throws IOException, InterruptedException {
            String run = String.join(" ", runArgs(policy, book));
            Path once = Files.writeString(folder.resolve("once.txt"), run + "\n");
            Path twice = Files.writeString(folder.resolve("twice.txt"), run + "\n" + run + "\n");
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < reps; i++)
                millis.add(time(BIG_BOOK_FLAGS, "script", "--file", twice.toString())
                        - time(BIG_BOOK_FLAGS, "script", "--file", once.toString()));
            return new Row("later run in one JVM", book, policy, millis);
        }

        long time(List<String> flags, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Child.java()));
            command.addAll(flags);
            command.add("-XX:SharedArchiveFile=" + jar.toAbsolutePath().resolveSibling(ARCHIVE));
            command.addAll(List.of("-jar", jar.toString(), "--spring.datasource.url=jdbc:h2:file:" + data));
            command.addAll(List.of(args));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", args) + " took longer than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) throw new IOException(String.join(" ", args) + " exited with " + p.exitValue());
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
