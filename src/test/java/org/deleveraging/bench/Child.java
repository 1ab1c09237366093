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
    record Outcome(List<Map<String, String>> results, boolean timedOut, int exitCode, double seconds,
                   double loadBefore, double loadAfter) {
        /** The case's RESULT line (the first that is not a profile sample). */
        Map<String, String> first() {
            return results.stream().filter(r -> !"profile".equals(r.get("kind"))).findFirst().orElse(Map.of());
        }

        List<Map<String, String>> profile() { return results.stream().filter(r -> "profile".equals(r.get("kind"))).toList(); }

        /** The measured part finished: its RESULT line is printed before any profiling that may still time out. */
        boolean ok() { return !first().isEmpty(); }

        String load() { return String.format(java.util.Locale.ROOT, "%.1f-%.1f", Math.min(loadBefore, loadAfter), Math.max(loadBefore, loadAfter)); }
    }

    private Child() {}

    static Outcome run(String heap, long timeoutSeconds, Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
                "-Dbench.root=" + Policies.ROOT, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        System.out.println("> " + main.getSimpleName() + " " + String.join(" ", args) + " (heap " + heap + ")");
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
            return new Outcome(results, !finished, finished ? p.exitValue() : -1, seconds, loadBefore, loadAverage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a benchmark JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void read(Process p, List<Map<String, String>> results) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
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
