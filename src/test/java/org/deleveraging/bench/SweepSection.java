package org.deleveraging.bench;

import static org.deleveraging.bench.Bench.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 26's targets for sweeps: a grid ({@code --sweep-grid}, the shipped {@code hundred-points.yaml}) run one-off by
 * the packaged jar ({@code sweep run --file <grid> --threads N} for each {@code --sweep-threads}) and by the Spark job
 * ({@code org.deleveraging.spark.SparkSweep} on the test classpath, {@code -Dspark.master=<--sweep-spark>}), over the
 * demo set and over a generated book ({@code accounts generate --name book100k --accounts <--sweep-accounts> --seed
 * 11}, the grid rewritten to name it, into the section's temporary folder). Every configuration runs on a fresh data
 * folder that the jar prepares untimed (the demo set, the policies compiled into the folder's cache, the generated
 * book); the sweep itself is timed from its process's start to its exit, with the process's CPU time (user + system,
 * every thread: {@code /usr/bin/time}) and the largest heap left after a collection ({@code -Xlog:gc}). Then each
 * configuration's points are exported with the jar ({@code sweep export --sweep 1}) and compared with the first
 * configuration's, row by row: the export holds no time, so any difference is a difference of figures or provenance.
 *
 * <p>Last, the sizing of a large grid: a sweep of two points (bitmex and binance as shipped, {@code oct-10} at
 * severity 1) over a generated book of {@code --sweep-million} accounts (about two positions each), one thread, in
 * {@code --sweep-million-heap}: its wall, CPU and largest heap after a collection.
 */
final class SweepSection {
    /** The generated book's name, which the bench's grid for it names. */
    static final String BOOK = "book100k";
    static final String MILLION = "book1m";
    /** "sweep 1 hundred-points: 100 points run in 41.2 s; ..." or the Spark job's "... run on local[2] in 41.2 s". */
    private static final Pattern SWEEP_LINE = Pattern.compile("sweep \\d+ \\S+: (\\d+) points run (?:on \\S+ )?in "
            + "([0-9.]+) s");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern POSITIONS = Pattern.compile("([0-9][0-9,]*) positions");

    /**
     * @param grid the grid definition (over the demo set; the generated book's grid is it with its account sets
     *             replaced)
     * @param threads the local runner's thread counts
     * @param accounts the generated book's accounts (0: the demo set only)
     * @param heap the sweeps' heap, local and Spark alike
     * @param flags their other JVM flags: a young generation that holds two points' garbage, so that two threads'
     *              points die young instead of filling the old generation (in 3 GB with the default young
     *              generation, two threads over the 100k book spent 9 s in pauses against 4 s, and 13 % more CPU
     *              per point)
     * @param spark the Spark job's master, or "none"
     * @param millionAccounts the accounts of the book the sizing points run over (0: not measured)
     * @param millionHeap their heap
     */
    record Settings(String grid, List<Integer> threads, int accounts, String heap, String flags, String spark,
                    int millionAccounts, String millionHeap) {
        static Settings defaults() {
            return new Settings("src/main/resources/sweeps/hundred-points.yaml", List.of(1, 2), 50_000, "4g",
                    "-Xmn2g -XX:+UseParallelGC", "local[2]", 500_000, "3g");
        }

        String args() {
            return fmt("--sweep-grid %s --sweep-threads %s --sweep-accounts %d --sweep-heap %s --sweep-jvm-flags '%s' "
                    + "--sweep-spark %s --sweep-million %d --sweep-million-heap %s", grid, String.join(",", threads
                    .stream().map(String::valueOf).toList()), accounts, heap, flags, spark, millionAccounts,
                    millionHeap);
        }
    }

    /**
     * One configuration's sweep.
     *
     * @param runner "local, 1 thread", "Spark local[2]"
     * @param threads the local runner's threads, or the Spark master's cores
     * @param wallMs process start to exit
     * @param cpuMs the process's user + system CPU, every thread; NaN when unknown
     * @param sweepSeconds what the sweep printed: its points' time, without the JVM's start
     * @param peakHeapMb the largest heap after a collection
     * @param identical the points' export against the first configuration's over the same book
     */
    record Row(String book, long positions, String runner, int threads, int points, long wallMs, double cpuMs,
               double sweepSeconds, long peakHeapMb, String identical, double loadLow, double loadHigh,
               String command) {
        double pointsPerMinute() { return points * 60_000.0 / wallMs; }

        String load() { return fmt("%.1f-%.1f", loadLow, loadHigh); }

        boolean spark() { return runner.startsWith("Spark"); }
    }

    record Result(List<Row> rows, List<Row> million, String problem, Settings s) {
        Row find(String book, boolean spark, int threads) {
            for (Row r : rows)
                if (r.book().equals(book) && r.spark() == spark && (spark || r.threads() == threads)) return r;
            return null;
        }

        String table() {
            StringBuilder b = new StringBuilder();
            if (problem != null) b.append(problem).append("\n\n");
            b.append(targets()).append('\n');
            if (rows.isEmpty()) return b.toString();
            b.append("Each sweep in a fresh data folder (`--spring.datasource.url=jdbc:h2:file:<folder>/data/workbench`"
                    + ", `--data <folder>/data` for Spark), prepared untimed by the jar (`accounts list`, `policy "
                    + "list`, and for `" + BOOK + "` `accounts generate --name " + BOOK + " --accounts " + s.accounts()
                    + " --seed 11`). Wall: process start to exit. CPU: the process's user + system time over every "
                    + "thread. \"sweep says\": the sweep's own line (its points, without the JVM's or Spark's start). "
                    + "Heap: the largest heap after a collection (-Xlog:gc; after a young collection it counts the "
                    + "old generation's garbage too: an upper bound on what was live). Identical: `sweep export "
                    + "--sweep 1` of the folder against the first configuration's over the same book.\n\n");
            b.append("| book | positions | runner | points | wall | points/min | CPU | CPU per point | sweep says "
                    + "| heap after GC | identical | load | command |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row r : rows) b.append(line(r));
            if (!million.isEmpty()) {
                b.append("\nSizing points over a generated book of ").append(fmt("%,d", s.millionAccounts()))
                        .append(" accounts, one thread, one JVM (`-Xmx").append(s.millionHeap())
                        .append("`):\n\n| book | positions | runner | points | wall | points/min | CPU | CPU per point "
                                + "| sweep says | heap after GC | identical | load | command |\n"
                                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (Row r : million) b.append(line(r));
            }
            return b.toString();
        }

        private static String line(Row r) {
            return fmt("| %s | %,d | %s | %d | %.1f s | %.1f | %s | %s | %.1f s | %d MB | %s | %s | `%s` |%n",
                    r.book(), r.positions(), r.runner(), r.points(), r.wallMs() / 1000.0, r.pointsPerMinute(),
                    Double.isNaN(r.cpuMs()) ? "-" : fmt("%.1f s", r.cpuMs() / 1000),
                    Double.isNaN(r.cpuMs()) ? "-" : fmt("%.2f s", r.cpuMs() / 1000 / r.points()), r.sweepSeconds(),
                    r.peakHeapMb(), r.identical(), r.load(), r.command());
        }

        /** Issue 26's targets: what was measured, the verdict. */
        String targets() {
            StringBuilder b = new StringBuilder("| target (issue 26) | measured | verdict |\n|---|---|---|\n");
            Row demo1 = find("demo", false, 1), demo2 = find("demo", false, 2);
            Row book1 = find(BOOK, false, 1), book2 = find(BOOK, false, 2), spark = find(BOOK, true, 0);
            Row demoSpark = find("demo", true, 0);
            Row demoBest = demo2 != null ? demo2 : demo1, bookBest = book2 != null ? book2 : book1;
            b.append(target("100 grid points over the demo set, local runner, at most 60 s", demoBest, 60_000));
            b.append(target("100 grid points over a 100k-position book (`" + BOOK + "`), local runner, at most 10 min",
                    bookBest, 600_000));
            b.append(sparkTarget(BOOK, spark, bookBest)).append(sparkTarget("demo", demoSpark, demoBest));
            b.append(scaling("demo", demo1, demo2)).append(scaling(BOOK, book1, book2));
            return b.toString();
        }

        private static String target(String what, Row r, double limitMs) {
            if (r == null) return fmt("| %s | not measured | - |%n", what);
            return fmt("| %s | %d points: %.1f s wall (%d threads; sweep says %.1f s), load %s | %s (%.2fx the target) "
                    + "|%n", what, r.points(), r.wallMs() / 1000.0, r.threads(), r.sweepSeconds(), r.load(),
                    r.wallMs() <= limitMs ? "met" : "MISSED", r.wallMs() / limitMs);
        }

        private static String sparkTarget(String book, Row spark, Row local) {
            String what = "Spark on local[2] within 1.5x of the local runner on the same grid over `" + book
                    + "`, identical metrics";
            if (spark == null || local == null) return fmt("| %s | not measured | - |%n", what);
            double ratio = (double) spark.wallMs() / local.wallMs();
            double sweepRatio = spark.sweepSeconds() / local.sweepSeconds();
            boolean same = spark.identical().startsWith("identical");
            return fmt("| %s | %.1f s against %.1f s (%d threads): %.2fx wall, %.2fx on the sweeps' own lines; "
                    + "metrics %s; load %s and %s | %s |%n", what, spark.wallMs() / 1000.0, local.wallMs() / 1000.0,
                    local.threads(), ratio, sweepRatio, spark.identical(), spark.load(), local.load(),
                    ratio <= 1.5 && same ? "met" : "MISSED");
        }

        private static String scaling(String book, Row one, Row two) {
            String what = "points per minute grow linearly with threads up to the cores (`" + book + "`, 1 and 2)";
            if (one == null || two == null) return fmt("| %s | not measured | - |%n", what);
            double speedup = two.pointsPerMinute() / one.pointsPerMinute();
            String cpu = Double.isNaN(one.cpuMs()) || Double.isNaN(two.cpuMs()) ? "" : fmt("; CPU per point %.2f s "
                    + "and %.2f s", one.cpuMs() / 1000 / one.points(), two.cpuMs() / 1000 / two.points());
            return fmt("| %s | %.1f and %.1f points/min: %.2fx on 2 threads%s; load %s and %s | %s |%n", what,
                    one.pointsPerMinute(), two.pointsPerMinute(), speedup, cpu, one.load(), two.load(),
                    speedup >= 1.8 ? "met (at least 1.8x)" : "MISSED (below 1.8x)");
        }
    }

    private SweepSection() {}

    static Result run(Options o) {
        Settings s = o.sweeps();
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path jar = Path.of(System.getProperty("bench.jar",
                root.resolve("target/app/adl-workbench-0.1.0.jar").toString()));
        List<Row> rows = new ArrayList<>(), million = new ArrayList<>();
        if (!Files.exists(jar)) return new Result(rows, million, "Not measured: " + jar
                + " is missing; build it first with `mvn -B -DskipTests package` (with the same -DbuildDir).", s);
        try {
            Path temp = Files.createTempDirectory("adl-sweeps");
            System.out.println("> sweeps in " + temp);
            Path demoGrid = root.resolve(s.grid()).toAbsolutePath();
            String gridText = Files.readString(demoGrid);
            List<String[]> books = new ArrayList<>();
            books.add(new String[] {"demo", demoGrid.toString(), "0"});
            if (s.accounts() > 0) {
                Path bookGrid = Files.writeString(temp.resolve("grid-" + BOOK + ".yaml"),
                        renamed(gridText, "-" + BOOK).replaceAll("(?m)^accounts:.*$", "accounts: [" + BOOK + "]"));
                books.add(new String[] {BOOK, bookGrid.toString(), Integer.toString(s.accounts())});
            }
            int n = 0;
            for (String[] book : books) {
                Path reference = null;
                List<String> configs = new ArrayList<>();
                for (int t : s.threads()) configs.add("local:" + t);
                if (!s.spark().equals("none")) configs.add("spark");
                for (String config : configs) {
                    Runner r = new Runner(jar, root, temp.resolve("run-" + (++n)), o.timeoutSeconds());
                    long positions = r.prepare(book[0], Integer.parseInt(book[2]));
                    Row row = config.equals("spark")
                            ? r.spark(book[0], positions, book[1], s.spark(), s.heap(), flags(s.flags()))
                            : r.local(book[0], positions, book[1], Integer.parseInt(config.substring(6)), s.heap(),
                                    flags(s.flags()));
                    Path csv = r.export();
                    String identical;
                    if (reference == null) {
                        reference = csv;
                        identical = "(the reference)";
                    } else {
                        identical = compare(reference, csv);
                    }
                    rows.add(withIdentity(row, identical));
                    System.out.println("  " + line(rows.get(rows.size() - 1)));
                }
            }
            if (s.millionAccounts() > 0) {
                Path grid = Files.writeString(temp.resolve("grid-" + MILLION + ".yaml"), """
                        name: sizing-1m
                        description: the sizing points of the benchmark, one per policy, oct-10 as shipped
                        policies: [bitmex, binance]
                        accounts: [%s]
                        scenarios: [oct-10]
                        severity: [1]
                        """.formatted(MILLION));
                Runner r = new Runner(jar, root, temp.resolve("run-" + (++n)), o.timeoutSeconds());
                long positions = r.prepare(MILLION, s.millionAccounts());
                million.add(r.local(MILLION, positions, grid.toString(), 1, s.millionHeap(),
                        CommandSection.SMALL_FLAGS));
                System.out.println("  " + line(million.get(0)));
            }
            return new Result(rows, million, null, s);
        } catch (IOException e) {
            return new Result(rows, million, "Stopped early: " + e.getMessage(), s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(rows, million, "Interrupted.", s);
        }
    }

    private static String line(Row r) {
        return fmt("%s %s: %d points, wall %.1f s, cpu %.1f s, sweep says %.1f s, heap %d MB, %s, load %s", r.book(),
                r.runner(), r.points(), r.wallMs() / 1000.0, r.cpuMs() / 1000, r.sweepSeconds(), r.peakHeapMb(),
                r.identical(), r.load());
    }

    private static List<String> flags(String flags) {
        return java.util.Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }

    private static String renamed(String grid, String suffix) {
        return grid.replaceFirst("(?m)^name:\\s*(\\S+)\\s*$", "name: $1" + suffix);
    }

    private static Row withIdentity(Row r, String identical) {
        return new Row(r.book(), r.positions(), r.runner(), r.threads(), r.points(), r.wallMs(), r.cpuMs(),
                r.sweepSeconds(), r.peakHeapMb(), identical, r.loadLow(), r.loadHigh(), r.command());
    }

    /** "identical (100 rows)", or how many rows differ and the first difference. */
    static String compare(Path reference, Path other) throws IOException {
        List<String> a = Files.readAllLines(reference), b = Files.readAllLines(other);
        if (a.equals(b)) return "identical (" + (a.size() - 1) + " points, " + a.get(0).split(",").length
                + " columns)";
        int differ = 0;
        String first = null;
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)", y = i < b.size() ? b.get(i) : "(none)";
            if (x.equals(y)) continue;
            differ++;
            if (first == null) first = "line " + (i + 1) + ": " + x + " / " + y;
        }
        return "DIFFERENT: " + differ + " of " + Math.max(a.size(), b.size()) + " lines, first " + first;
    }

    /** One data folder: the jar prepares it and exports from it; the sweep runs on it. */
    private record Runner(Path jar, Path root, Path folder, long timeoutSeconds) {
        Path data() { return folder.resolve("data"); }

        /** The demo set, the policies' cache and the book, untimed; the book's positions. */
        long prepare(String book, int accounts) throws IOException, InterruptedException {
            Files.createDirectories(folder);
            List<String> flags = accounts >= 200_000 ? CommandSection.BIG_BOOK_FLAGS : CommandSection.SMALL_FLAGS;
            jarRun(CommandSection.SMALL_FLAGS, "accounts", "list");
            jarRun(CommandSection.SMALL_FLAGS, "policy", "list");
            String out = book.equals("demo") ? jarRun(CommandSection.SMALL_FLAGS, "accounts", "show", "--name", "demo")
                    : jarRun(flags, "accounts", "generate", "--name", book, "--accounts", Integer.toString(accounts),
                            "--seed", "11");
            Matcher m = POSITIONS.matcher(out);
            if (!m.find()) throw new IOException("no count of positions in: " + out.strip());
            return Long.parseLong(m.group(1).replace(",", ""));
        }

        Row local(String book, long positions, String grid, int threads, String heap, List<String> flags)
                throws IOException, InterruptedException {
            List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
            jvm.addAll(flags);
            jvm.add("-XX:SharedArchiveFile=" + jar.toAbsolutePath().resolveSibling(CommandSection.ARCHIVE));
            List<String> args = List.of("-jar", jar.toString(), "--spring.datasource.url=jdbc:h2:file:"
                    + data().resolve("workbench"), "sweep", "run", "--file", grid, "--threads",
                    Integer.toString(threads));
            String shown = "java " + String.join(" ", jvm) + " -jar " + jar.getFileName() + " sweep run --file "
                    + Path.of(grid).getFileName() + " --threads " + threads;
            return timed(book, positions, "local, " + threads + (threads == 1 ? " thread" : " threads"), threads,
                    jvm, args, shown);
        }

        Row spark(String book, long positions, String grid, String master, String heap, List<String> flags)
                throws IOException, InterruptedException {
            List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
            jvm.addAll(flags);
            jvm.addAll(List.of("-Dspark.master=" + master, "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
                    "-Dspark.driver.bindAddress=127.0.0.1"));
            List<String> args = List.of("-cp", System.getProperty("java.class.path"),
                    "org.deleveraging.spark.SparkSweep", "--file", grid, "--data", data().toString());
            String shown = "java " + String.join(" ", jvm) + " -cp \"$CP\" org.deleveraging.spark.SparkSweep --file "
                    + Path.of(grid).getFileName() + " --data <folder>/data";
            Matcher cores = Pattern.compile("local\\[(\\d+)]").matcher(master);
            return timed(book, positions, "Spark " + master, cores.matches() ? Integer.parseInt(cores.group(1)) : 0,
                    jvm, args, shown);
        }

        private Row timed(String book, long positions, String runner, int threads, List<String> jvm,
                List<String> args, String shown) throws IOException, InterruptedException {
            Path gcLog = folder.resolve("gc-" + System.nanoTime() + ".log");
            Path times = folder.resolve("time.txt");
            List<String> command = new ArrayList<>();
            boolean timeKnown = Files.isExecutable(Path.of("/usr/bin/time"));
            if (timeKnown) command.addAll(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M"));
            command.add(Child.java());
            command.addAll(jvm);
            command.add("-Xlog:gc:file=" + gcLog);
            command.addAll(args);
            System.out.println("> " + shown);
            double before = Child.loadAverage();
            long t0 = System.nanoTime();
            String out = exec(command);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            double after = Child.loadAverage();
            double cpu = Double.NaN;
            if (timeKnown) {
                String[] t = Files.readString(times).strip().split("\\R");
                String[] f = t[t.length - 1].trim().split(" ");
                cpu = 1000 * (Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
            }
            Matcher m = SWEEP_LINE.matcher(out);
            if (!m.find()) throw new IOException("no sweep line in the output of " + shown + ": " + tail(out));
            long heap = 0;
            if (Files.exists(gcLog)) {
                Matcher g = GC.matcher(Files.readString(gcLog));
                while (g.find()) heap = Math.max(heap, Long.parseLong(g.group(2)));
            }
            return new Row(book, positions, runner, threads, Integer.parseInt(m.group(1)), wall, cpu,
                    Double.parseDouble(m.group(2)), heap, "", Math.min(before, after), Math.max(before, after),
                    shown);
        }

        /** The sweep's points, as the jar exports them. */
        Path export() throws IOException, InterruptedException {
            Path csv = folder.resolve("sweep-1.csv");
            jarRun(CommandSection.SMALL_FLAGS, "sweep", "export", "--sweep", "1", "--out", csv.toString());
            return csv;
        }

        String jarRun(List<String> flags, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Child.java()));
            command.addAll(flags);
            command.add("-XX:SharedArchiveFile=" + jar.toAbsolutePath().resolveSibling(CommandSection.ARCHIVE));
            command.addAll(List.of("-jar", jar.toString(), "--spring.datasource.url=jdbc:h2:file:"
                    + data().resolve("workbench")));
            command.addAll(List.of(args));
            return exec(command);
        }

        /** Runs from the repository root (policies/, rules/) to its exit; what it printed. */
        private String exec(List<String> command) throws IOException, InterruptedException {
            Path log = folder.resolve("output-" + System.nanoTime() + ".txt");
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + timeoutSeconds + " s");
            }
            String out = Files.readString(log);
            if (p.exitValue() != 0)
                throw new IOException(String.join(" ", command.subList(Math.max(0, command.size() - 6),
                        command.size())) + " exited with " + p.exitValue() + ": " + tail(out));
            return out;
        }

        private static String tail(String out) {
            String s = out.strip();
            return s.length() <= 800 ? s : "..." + s.substring(s.length() - 800);
        }
    }
}
