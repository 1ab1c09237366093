package org.deleveraging.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The workbench's benchmark (issue 5): policy compile cold and hot, generation, the engine over 10k, 100k and 1M
 * positions for each policy with the plain-Java oracle and the columnar anchor in the same JVM, peak heap, import and
 * end-to-end run, a run in a small heap, and one-off commands of the packaged jar; the report opens with issue 25's
 * targets. Each case runs in a JVM of its own with a 2 GB heap; this one only orchestrates and
 * writes the report: markdown tables with the targets, printed and saved to {@code --out}.
 *
 * <p>Run it with {@code mvn -B -Pbench process-test-classes} (see src/docs/performance.md); options in {@link Options}.
 * Why not JMH: every figure here is a single multi-second run of a whole pipeline, where JMH's machinery for
 * nanosecond code buys nothing, while the cases need what JMH does not give: the oracle timed in the same JVM on
 * the same book, counts that prove the run was not idle, the peak live heap, a timeout per case.
 */
public final class Bench {

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        Report report = new Report(o);
        report.header(LocalDate.now().toString(), Child.loadAverage());
        if (o.has("compile")) compile(o, report);
        if (o.has("generate")) generate(o, report);
        if (o.has("engine")) engine(o, report);
        if (o.has("store")) report.store(StoreSection.run(o));
        if (o.has("memory")) report.memory(MemorySection.run(o));
        if (o.has("faults")) report.faults(FaultSection.run(o));
        if (o.has("commands")) report.commands(CommandSection.run(o));
        if (o.has("sweeps")) report.sweeps(SweepSection.run(o));
        String text = report.text();
        System.out.println();
        System.out.println(text);
        if (o.out().getParent() != null) Files.createDirectories(o.out().getParent());
        Files.writeString(o.out(), text);
        System.out.println("written to " + o.out().toAbsolutePath());
    }

    private static void compile(Options o, Report report) {
        for (String policy : o.policies()) {
            List<Child.Outcome> jvms = new ArrayList<>();
            for (int i = 0; i < o.coldJvms(); i++)
                jvms.add(Child.run(o.heap(), o.timeoutSeconds(), CompileCase.class, policy,
                        Integer.toString(o.reloads())));
            report.compile(policy, jvms);
        }
    }

    private static void generate(Options o, Report report) {
        int largest = o.largest();
        report.generate(Child.run(o.heap(), o.timeoutSeconds(), GenerateCase.class, Integer.toString(largest), "3"));
    }

    /** Size by size, so that the small books' figures are in before the large ones' long runs. */
    private static void engine(Options o, Report report) {
        java.util.Set<String> stopped = new java.util.HashSet<>();
        for (int i = 0; i < o.sizes().size(); i++) {
            int size = o.sizes().get(i);
            for (String policy : o.policies()) {
                if (stopped.contains(policy)) {
                    report.engineSkipped(policy, size);
                    continue;
                }
                // warm the JIT on a small book (at 10k, the same size); five runs, because on a busy machine the
                // JIT's compiler threads get little CPU and the code stays interpreted for longer
                int warmupSize = Math.min(size, 10_000);
                List<String> args =
                        new ArrayList<>(List.of(policy, Integer.toString(size), Integer.toString(o.repsFor(i)),
                        Integer.toString(warmupSize), "5"));
                if (o.profile() && i == o.sizes().size() - 1) args.add("profile");
                Child.Outcome out = Child.run(o.heap(), o.timeoutSeconds(), EngineCase.class,
                        args.toArray(String[]::new));
                report.engine(policy, size, out);
                if (!out.ok()) {
                    System.out.println("  " + policy + " stopped at " + size + " positions; larger books are skipped");
                    stopped.add(policy);
                }
            }
        }
    }

    static String fmt(String pattern, Object... args) { return String.format(Locale.ROOT, pattern, args); }
}
