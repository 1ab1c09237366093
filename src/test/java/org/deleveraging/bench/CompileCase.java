package org.deleveraging.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

import org.deleveraging.policy.PolicyCache;
import org.deleveraging.policy.PolicyLoader;

/**
 * Policy compile times in a fresh JVM, through the loader the workbench uses (with its compiled-policy cache):
 * <ul>
 * <li>{@code cold}: the first load with an empty cache, a truly first compile (Drools and the JIT start from nothing);
 * <li>{@code warm}: the first load in another fresh JVM over the cache the cold load wrote: what every start of the
 * workbench costs while the policy is unchanged;
 * <li>{@code hot}: after a few warm-up reloads, a reload after an edit (a comment appended to one of the policy's
 * rule files, so the cache misses: classic build plus storing the result), as {@code policy reload} after an edit;
 * <li>{@code hit}: a reload of the unchanged policy, read back from the cache.
 * </ul>
 * Besides wall time, the first loads' CPU time of the whole process (JIT and class loading run on other threads) and
 * each reload's thread CPU time, which other load on the machine disturbs much less; and the load average around the
 * warm JVM. Arguments: policy, hot reloads to measure; or {@code --warm policy cacheFolder} for the warm JVM.
 */
final class CompileCase {

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--warm")) {
            warm(args[1], Path.of(args[2]));
            return;
        }
        String policyId = args[0];
        int reloads = Integer.parseInt(args[1]);
        Path scratch = Files.createTempDirectory("compile-case");
        try {
            Path cacheDir = scratch.resolve("cache");
            PolicyLoader loader = new PolicyLoader(Policies.ROOT.resolve("rules"), PolicyCache.keyedBeside(cacheDir));
            Path policyDir = Policies.ROOT.resolve("policies").resolve(policyId);
            long[] cold = firstLoad(() -> loader.load(policyDir));

            Child.Outcome w = Child.run(heap(), 600, CompileCase.class, "--warm", policyId, cacheDir.toString());
            Map<String, String> warm = w.first();

            // the edits go to a copy, so that the shipped policy is never touched
            copyTree(Policies.ROOT.resolve("rules"), scratch.resolve("copy/rules"));
            copyTree(policyDir, scratch.resolve("copy/policies").resolve(policyId));
            Path copyDir = scratch.resolve("copy/policies").resolve(policyId);
            Path edited = firstRuleFile(scratch.resolve("copy"), copyDir);
            PolicyLoader copyLoader = new PolicyLoader(scratch.resolve("copy/rules"),
                    PolicyCache.keyedBeside(scratch.resolve("copy-cache")));
            int[] edits = {0};
            Runnable edit = () -> {
                try {
                    Files.writeString(edited, "\n// edit " + (++edits[0]) + "\n",
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            for (int i = 0; i < 5; i++) {
                edit.run();
                copyLoader.load(copyDir);
            }
            long[] hot = new long[reloads];
            long[] hotCpu = new long[reloads];
            for (int i = 0; i < reloads; i++) {
                edit.run();
                Stopwatch.Timed<?> t = Stopwatch.time(() -> copyLoader.load(copyDir));
                hot[i] = t.wallNanos();
                hotCpu[i] = t.cpuNanos();
            }
            long[] hit = new long[reloads];
            long[] hitCpu = new long[reloads];
            for (int i = 0; i < reloads; i++) {
                Stopwatch.Timed<?> t = Stopwatch.time(() -> copyLoader.load(copyDir));
                hit[i] = t.wallNanos();
                hitCpu[i] = t.cpuNanos();
            }
            System.out.printf(Locale.ROOT,
                    "RESULT kind=compile policy=%s cold=%.1f coldCpu=%.1f hot=%s hotCpu=%s warm=%s warmCpu=%s"
                            + " warmLoad=%s hit=%s hitCpu=%s%n", policyId, cold[0] / 1e6, cold[1] / 1e6,
                    Stats.ofNanos(hot).encode(), Stats.ofNanos(hotCpu).encode(), warm.getOrDefault("wall", "-"),
                    warm.getOrDefault("cpu", "-"), w.load(), Stats.ofNanos(hit).encode(),
                    Stats.ofNanos(hitCpu).encode());
        } finally {
            deleteTree(scratch);
        }
    }

    /** The first load in a fresh JVM over a filled cache: must be a cache hit, or the figure means nothing. */
    private static void warm(String policyId, Path cacheDir) throws IOException {
        long entries;
        try (Stream<Path> files = Files.list(cacheDir)) {
            entries = files.filter(f -> f.toString().endsWith(".kbase")).count();
        }
        if (entries == 0) throw new IllegalStateException("the cold load left nothing in " + cacheDir);
        PolicyLoader loader = new PolicyLoader(Policies.ROOT.resolve("rules"), PolicyCache.keyedBeside(cacheDir));
        long[] t = firstLoad(() -> loader.load(Policies.ROOT.resolve("policies").resolve(policyId)));
        System.out.printf(Locale.ROOT, "RESULT kind=compile-warm policy=%s wall=%.1f cpu=%.1f%n", policyId, t[0] / 1e6,
                t[1] / 1e6);
    }

    /** Wall time and the whole process's CPU time of the first thing this JVM does. */
    private static long[] firstLoad(Runnable load) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        load.run();
        return new long[] {System.nanoTime() - wall0, os.getProcessCpuTime() - cpu0};
    }

    /** The same heap the orchestrator gave this JVM, for the warm one. */
    private static String heap() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx"))
                .map(a -> a.substring(4)).reduce((a, b) -> b).orElse("2g");
    }

    /** The policy's own first .drl, else the first module it names. */
    private static Path firstRuleFile(Path copyRoot, Path policyDir) throws IOException {
        try (Stream<Path> files = Files.list(policyDir)) {
            var own = files.filter(f -> f.toString().endsWith(".drl")).sorted().findFirst();
            if (own.isPresent()) return own.get();
        }
        for (String line : Files.readAllLines(policyDir.resolve("policy.yaml"))) {
            String l = line.trim();
            if (l.startsWith("- ") && l.endsWith(".drl")) return copyRoot.resolve("rules")
                    .resolve(l.substring(2).trim());
        }
        throw new IllegalStateException("no rule file to edit in " + policyDir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
