package org.deleveraging.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to benchmark. Defaults are the full benchmark of issue 5; each can be narrowed from the command line:
 * {@code --sections compile,generate,engine,store --sizes 10000,100000 --policies bitmex --reps 5,3 --cold-jvms 3
 * --store-jvms 3 --reloads 20 --timeout 1800 --heap 2g --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 * --jvm-flags "-XX:+UseG1GC" --store-heap 8g --store-jvm-flags "-XX:+UseParallelGC" --store-runs 2
 * --fault-trials 100 --command-reps 3 --command-accounts 500000 --memory-heap 1g --profile
 * --out target/bench-report.md}; for the {@code sweeps} section ({@link SweepSection}): {@code --sweep-grid
 * src/main/resources/sweeps/hundred-points.yaml --sweep-threads 1,2 --sweep-accounts 50000 --sweep-heap 4g
 * --sweep-jvm-flags "-Xmn2g -XX:+UseParallelGC" --sweep-spark local[2] --sweep-million 500000
 * --sweep-million-heap 3g} ({@code --sweep-accounts 0}: the demo set only; {@code --sweep-spark none}: no Spark;
 * {@code --sweep-million 0}: no sizing points).
 *
 * <p>{@code --sections targets25} stands for the sections issue 25's targets are measured by,
 * {@code engine,store,memory,commands} ({@link #TARGETS_25}), and may be combined with others. Not in the default
 * sections: {@code memory} (a stored run over the largest book in {@code --memory-heap}, {@link MemorySection}),
 * {@code commands} (one-off commands and a session's later run over the packaged jar, {@link CommandSection}) and
 * {@code faults} (issue 22's fault injection over the packaged jar, {@link FaultSection}) and {@code sweeps}
 * (issue 26's sweeps over the packaged jar and the Spark job, {@link SweepSection}).
 * {@code --java} and {@code --jvm-flags} choose how the case JVMs start (default: this JVM's java,
 * {@link Child#DEFAULT_FLAGS}); they are passed on as system properties. The store's JVMs start as the README starts
 * the workbench for a book of a million positions ({@link Child#BIG_BOOK_HEAP}, {@link Child#BIG_BOOK_FLAGS}) unless
 * {@code --store-heap} and {@code --store-jvm-flags} say otherwise: the end-to-end target is about what a user
 * waits for, while "fits in 2 GB" is the engine's cases' to test. Another {@code --store-heap} wants its own
 * {@code --store-jvm-flags}: the default's {@code -Xmn5g} is sized for 8 GB.
 *
 * @param reps measured runs per size, matched to {@code sizes} by position (the last repeats)
 * @param storeJvms how many JVMs import the largest book and run it end to end: the median and range
 * @param storeRuns how many times each of those JVMs runs it, one after the other as in a shell session: the first
 *                  run of a session pays for the JIT compiling the engine, the later ones show a session's pace
 * @param timeoutSeconds the longest one benchmark JVM may run before it is stopped and reported as timed out
 * @param faultTrials how many kills the {@code faults} section makes
 * @param commandReps how often the {@code commands} section times each command
 * @param commandAccounts the accounts of the book the {@code commands} section generates
 * @param sectionsArg {@code --sections} as given, for the report's command line
 * @param memoryHeap the heap the {@code memory} section's run must complete in
 * @param sweeps the {@code sweeps} section's grid, threads, books, heaps and Spark master
 */
record Options(List<String> sections, List<Integer> sizes, List<String> policies, List<Integer> reps, int coldJvms,
               int storeJvms, int storeRuns, int reloads, long timeoutSeconds, String heap,
               String storeHeap, String storeFlags, boolean profile, Path out, int faultTrials, int commandReps,
               int commandAccounts, String sectionsArg, String memoryHeap, SweepSection.Settings sweeps) {
    /** The sections that measure issue 25's targets, which {@code --sections targets25} stands for. */
    static final List<String> TARGETS_25 = List.of("engine", "store", "memory", "commands");

    static Options parse(String[] args) {
        String sectionsArg = "compile,generate,engine,store";
        List<Integer> sizes = List.of(10_000, 100_000, 1_000_000);
        List<String> policies = List.of("bitmex", "hyperliquid", "capped-pro-rata");
        List<Integer> reps = List.of(5, 3, 1);
        int coldJvms = 3, storeJvms = 3, storeRuns = 2, reloads = 20;
        long timeout = 1800;
        String heap = "2g";
        String storeHeap = Child.BIG_BOOK_HEAP;
        String storeFlags = Child.BIG_BOOK_FLAGS;
        boolean profile = false;
        int faultTrials = 100;
        int commandReps = 3;
        int commandAccounts = 500_000;
        String memoryHeap = "1g";
        SweepSection.Settings sw = SweepSection.Settings.defaults();
        String grid = sw.grid(), sweepHeap = sw.heap(), spark = sw.spark(), millionHeap = sw.millionHeap();
        String sweepFlags = sw.flags();
        List<Integer> sweepThreads = sw.threads();
        int sweepAccounts = sw.accounts(), million = sw.millionAccounts();
        Path out = Path.of(System.getProperty("bench.out", "bench-report.md"));
        List<String> a = new ArrayList<>(Arrays.asList(args).stream().filter(s -> !s.isBlank()).toList());
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            if (k.equals("--profile")) {
                profile = true;
                continue;
            }
            if (i + 1 >= a.size()) throw new IllegalArgumentException(k + " needs a value");
            String v = a.get(++i);
            switch (k) {
                case "--sections" -> sectionsArg = v;
                case "--sizes" -> sizes = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--policies" -> policies = List.of(v.split(","));
                case "--reps" -> reps = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--cold-jvms" -> coldJvms = Integer.parseInt(v);
                case "--store-jvms" -> storeJvms = Integer.parseInt(v);
                case "--store-runs" -> storeRuns = Integer.parseInt(v);
                case "--store-heap" -> storeHeap = v;
                case "--store-jvm-flags" -> storeFlags = v;
                case "--reloads" -> reloads = Integer.parseInt(v);
                case "--timeout" -> timeout = Long.parseLong(v);
                case "--heap" -> heap = v;
                case "--java" -> System.setProperty("bench.java", v);
                case "--jvm-flags" -> System.setProperty("bench.jvmFlags", v);
                case "--out" -> out = Path.of(v);
                case "--fault-trials" -> faultTrials = Integer.parseInt(v);
                case "--command-reps" -> commandReps = Integer.parseInt(v);
                case "--command-accounts" -> commandAccounts = Integer.parseInt(v);
                case "--memory-heap" -> memoryHeap = v;
                case "--sweep-grid" -> grid = v;
                case "--sweep-threads" -> sweepThreads = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--sweep-accounts" -> sweepAccounts = Integer.parseInt(v);
                case "--sweep-heap" -> sweepHeap = v;
                case "--sweep-jvm-flags" -> sweepFlags = v;
                case "--sweep-spark" -> spark = v;
                case "--sweep-million" -> million = Integer.parseInt(v);
                case "--sweep-million-heap" -> millionHeap = v;
                default -> throw new IllegalArgumentException("unknown option " + k + "; see Options for the list");
            }
        }
        List<String> sections = new ArrayList<>();
        for (String s : sectionsArg.split(","))
            for (String one : s.equals("targets25") ? TARGETS_25 : List.of(s)) if (!sections.contains(one))
                sections.add(one);
        return new Options(List.copyOf(sections), sizes, policies, reps, coldJvms, storeJvms, storeRuns, reloads,
                timeout, heap, storeHeap, storeFlags, profile, out, faultTrials, commandReps, commandAccounts,
                sectionsArg, memoryHeap, new SweepSection.Settings(grid, sweepThreads, sweepAccounts, sweepHeap,
                sweepFlags, spark, million, millionHeap));
    }

    /** The largest book the engine, store, memory and commands sections run. */
    int largest() { return sizes.stream().max(Integer::compare).orElse(1_000_000); }

    int repsFor(int sizeIndex) { return reps.get(Math.min(sizeIndex, reps.size() - 1)); }

    boolean has(String section) { return sections.contains(section); }
}
