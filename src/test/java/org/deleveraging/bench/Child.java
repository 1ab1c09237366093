package org.deleveraging.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one benchmark case in a JVM of its own, on this JVM's classpath with a fixed heap, echoes what it prints and
 * returns its {@code RESULT} lines as key/value maps. A case that outlives the timeout is stopped and reported as
 * such, so that one pathological case cannot hold the whole benchmark.
 */
final class Child {
    /**
     * @param command how the case was started, short ({@code $CP} for the classpath), for the report to name it
     */
    record Outcome(List<Map<String, String>> results, boolean timedOut, int exitCode, double seconds,
                   double loadBefore, double loadAfter, String command) {
        /** The case's RESULT line (the first that is not a profile sample). */
        Map<String, String> first() {
            return results.stream().filter(r -> !"profile".equals(r.get("kind"))).findFirst().orElse(Map.of());
        }

        List<Map<String, String>> profile() {
            return results.stream().filter(r -> "profile".equals(r.get("kind"))).toList();
        }

        /** The measured part finished: its RESULT line is printed before any profiling that may still time out. */
        boolean ok() { return !first().isEmpty(); }

        String load() {
            return String.format(java.util.Locale.ROOT, "%.1f-%.1f", Math.min(loadBefore, loadAfter),
                    Math.max(loadBefore, loadAfter));
        }
    }

    private Child() {}

    /**
     * The collector every case JVM runs with unless {@code --jvm-flags} says otherwise, as the README starts the
     * workbench: the throughput collector, because a run is a batch job, and G1's concurrent marking and write
     * barriers cost a 1M run about a quarter of its time on two cores (src/docs/performance.md, "Running a big book:
     * the JVM flags").
     */
    static final String DEFAULT_FLAGS = "-XX:+UseParallelGC";

    /**
     * How the README starts the workbench for a book of a million positions, and so how the store's JVMs start: a
     * fixed heap with a large young generation, so that a run's garbage (several GB of events, decisions and
     * settled amounts) mostly dies young instead of being copied (the collector's share of a later run fell from
     * 2.9 s at 2 GB to 0.8 to 1.2 s), and the heap touched and backed by huge pages at start-up instead of page by
     * page in the first run (src/docs/performance.md, "Running a big book: the JVM flags").
     */
    static final String BIG_BOOK_HEAP = "8g";
    static final String BIG_BOOK_FLAGS = "-Xmn5g -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch";

    /** The java executable of the case JVMs: {@code --java}, else the one running this. */
    static String java() {
        return System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    }

    /** The case JVMs' flags besides the heap: {@code --jvm-flags}, else {@link #DEFAULT_FLAGS}. */
    static String flags() { return System.getProperty("bench.jvmFlags", DEFAULT_FLAGS); }

    static Outcome run(String heap, long timeoutSeconds, Class<?> main, String... args) {
        return run(heap, flags(), timeoutSeconds, main, args);
    }

    /**
     * As {@link #run(String, long, Class, String...)}, with these flags instead of {@link #flags()} (the store's JVMs).
     */
    static Outcome run(String heap, String flags, long timeoutSeconds, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms" + heap, "-Xmx" + heap));
        for (String flag : flags.trim().split("\\s+")) if (!flag.isEmpty()) command.add(flag);
        // a case that starts JVMs of its own (CompileCase's warm start) starts them the same way
        command.addAll(List.of("-Dbench.java=" + java(), "-Dbench.jvmFlags=" + flags,
                "-Dbench.root=" + Policies.ROOT, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        String shown = ("java -Xms" + heap + " -Xmx" + heap + " " + flags.trim() + " -cp \"$CP\" " + main.getName()
                + " " + String.join(" ", args)).replaceAll("\\s+", " ").trim();
        System.out.println("> " + main.getSimpleName() + " " + String.join(" ", args) + " (heap " + heap + ", " + flags
                + ")");
        double loadBefore = loadAverage();
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<Map<String, String>> results = new ArrayList<>();
            Thread reader = new Thread(() -> read(p, results), "bench-child-output");
            reader.start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor();
            }
            reader.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Outcome(results, !finished, finished ? p.exitValue() : -1, seconds, loadBefore, loadAverage(),
                    shown);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a benchmark JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void read(Process p, List<Map<String, String>> results) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("SLF4J") || line.contains("Unable to create a system terminal")) continue;
                System.out.println("  " + line);
                Map<String, String> m = new LinkedHashMap<>();
                if (line.startsWith("RESULT ")) {
                    for (String kv : line.substring(7).trim().split(" ")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                } else if (line.startsWith("PROFILE ")) {
                    // PROFILE <who> <place>=<share>
                    String[] p3 = line.split(" ", 3);
                    int eq = p3[2].lastIndexOf('=');
                    m.put("kind", "profile");
                    m.put("who", p3[1]);
                    m.put("place", p3[2].substring(0, eq).replace('_', ' '));
                    m.put("share", p3[2].substring(eq + 1));
                }
                if (!m.isEmpty()) {
                    synchronized (results) {
                        results.add(m);
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("  (lost the benchmark JVM's output: " + e.getMessage() + ")");
        }
    }

    /** The one-minute load average: how much else wanted the two cores while a figure was measured. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
