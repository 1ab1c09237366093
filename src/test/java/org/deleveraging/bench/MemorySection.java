package org.deleveraging.bench;

import static org.deleveraging.bench.Bench.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 25's memory target: a run over the largest book completes in {@code --memory-heap} (1 GB). Each policy in a
 * JVM of its own with that heap, {@code -XX:+ExitOnOutOfMemoryError} so that running out ends it at once rather than
 * after minutes of collections: {@link StoreCase}, which writes the book's files, imports them into a file-mode store
 * and runs the policy through {@code RunService.run}, as the workbench's {@code run} does (the set read back from the
 * store, the result packed and stored, not kept). "Completes" is the stored run's RESULT line and exit status 0.
 */
final class MemorySection {
    private MemorySection() {}

    record Result(String heap, List<String> policies, List<Child.Outcome> outs) {
        private static Map<String, String> run(Child.Outcome o) {
            return o.results().stream().filter(r -> "run".equals(r.get("kind"))).findFirst().orElse(null);
        }

        private static Map<String, String> imported(Child.Outcome o) {
            return o.results().stream().filter(r -> "import".equals(r.get("kind"))).findFirst().orElse(null);
        }

        private static boolean completed(Child.Outcome o) { return o.exitCode() == 0 && run(o) != null; }

        private static String outcome(Child.Outcome o) {
            if (completed(o)) return "completes";
            if (o.timedOut()) return fmt("did not complete: stopped after %.0f s (timeout)", o.seconds());
            return fmt("does not complete: exit %d after %.0f s%s", o.exitCode(), o.seconds(),
                    o.exitCode() == 3 ? " (OutOfMemoryError)" : "");
        }

        String table() {
            StringBuilder b = new StringBuilder(fmt("Each policy in a JVM of its own with -Xms%s -Xmx%s %s "
                    + "-XX:+ExitOnOutOfMemoryError: the book's files written, imported into a file-mode store and run "
                    + "end to end (`StoreCase`, as `run` does). Wall time of the run alone; the peak live heap is the "
                    + "largest heap in use after a collection.%n%n", heap, heap, Child.flags()));
            b.append("| policy | positions | outcome | import | run | peak live heap | load |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < outs.size(); i++) {
                Child.Outcome o = outs.get(i);
                Map<String, String> run = run(o), imp = imported(o);
                b.append(fmt("| %s | %s | %s | %s | %s | %s | %s |%n", policies.get(i),
                        imp == null ? "" : fmt("%,d", Long.parseLong(imp.get("positions"))), outcome(o),
                        imp == null ? "" : seconds(imp.get("wall")), run == null ? "" : seconds(run.get("wall")),
                        run == null ? "" : run.get("peakMb") + " MB", o.load()));
            }
            return b.toString();
        }

        /** Issue 25's rows: one per policy. */
        List<String> targetRows() {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                Child.Outcome o = outs.get(i);
                Map<String, String> run = run(o), imp = imported(o);
                long positions = imp == null ? 0 : Long.parseLong(imp.get("positions"));
                String measured = outcome(o) + (imp == null ? "" : fmt(" over %,d positions", positions))
                        + (run == null ? "" : fmt(": stored run %s wall (n=1), peak live heap %s MB", seconds(run.get(
                        "wall")), run.get("peakMb"))) + "; load " + o.load();
                String verdict = !completed(o) ? "MISSED" : !Targets25.atMillion(positions) ? "not at 1M" : "met";
                rows.add(Targets25.row(policies.get(i) + ": a run over 1M positions completes in -Xmx" + heap
                        + " (import, then `RunService.run` as `run` does)", measured, verdict, o.command()));
            }
            return rows;
        }

        private static String seconds(String ms) { return fmt("%.2f s", Double.parseDouble(ms) / 1000); }
    }

    static Result run(Options o) {
        List<Child.Outcome> outs = new ArrayList<>();
        for (String policy : o.policies())
            outs.add(Child.run(o.memoryHeap(), Child.flags() + " -XX:+ExitOnOutOfMemoryError", o.timeoutSeconds(),
                    StoreCase.class, Integer.toString(o.largest()), policy));
        return new Result(o.memoryHeap(), o.policies(), outs);
    }
}
