package org.deleveraging.bench;

import static org.deleveraging.bench.Bench.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Import and end-to-end run over the largest book ({@link StoreCase}) in {@code --store-jvms} JVMs: the median and
 * the range, since one run's time depends on whether the collector runs a full collection before its end. Each JVM
 * imports once and runs the first policy {@code --store-runs} times, one after the other as an officer's shell
 * session would: the first run of a session is reported apart from the later ones, since it also pays for the JIT
 * compiling the engine on the same two cores; the table gives what the whole process used of both cores, and of that
 * the JIT compilers' time, so that the first run's extra cost is measured, not inferred. The run is of the first
 * policy only: the target is about the pipeline.
 */
final class StoreSection {
    private StoreSection() {}

    /** @param flags how the JVMs were started, for the report */
    record Result(List<Child.Outcome> outs, String flags, int runsPerJvm) {
        /** The first JVM that did not finish, or null. */
        private Child.Outcome failed() {
            return outs.stream().filter(o -> !o.ok()).findFirst().orElse(null);
        }

        /** Every RESULT line of one kind ("import", "run") of these JVMs, in JVM order. */
        private static List<Map<String, String>> rows(List<Child.Outcome> jvms, String kind) {
            List<Map<String, String>> out = new ArrayList<>();
            for (Child.Outcome o : jvms)
                for (Map<String, String> r : o.results()) if (kind.equals(r.get("kind"))) out.add(r);
            return out;
        }

        /** The runs that were the first of their JVM (first = true), or the later ones. */
        private static List<Map<String, String>> runs(List<Child.Outcome> jvms, boolean first) {
            return rows(jvms, "run").stream().filter(r -> "1".equals(r.getOrDefault("nth", "1")) == first).toList();
        }

        /**
         * A line of the store table and of the targets: the import, or the runs that were first (or later) in their JVM
         * ({@code runLabel} says which; null for the import).
         */
        private record Row(String kind, List<Map<String, String>> results, String label, String runLabel) {
            static Row run(List<Map<String, String>> results, String runLabel) {
                return new Row("run", results, "run " + results.get(0).get("policy") + ", " + runLabel, runLabel);
            }

            boolean run() { return kind.equals("run"); }

            String policy() { return results.get(0).get("policy"); }

            long positions() { return Long.parseLong(results.get(0).get("positions")); }
        }

        /** The import, the first runs and the later runs, each where there are any. */
        private List<Row> tableRows() {
            List<Row> out = new ArrayList<>();
            if (!rows(outs, "import").isEmpty()) out.add(new Row("import", rows(outs, "import"), "import CSV", null));
            if (!runs(outs, true).isEmpty()) out.add(Row.run(runs(outs, true), "first in a fresh JVM"));
            if (!runs(outs, false).isEmpty()) out.add(Row.run(runs(outs, false), "a later run in the same session"));
            return out;
        }

        String table() {
            Child.Outcome failed = failed();
            if (failed != null)
                return "Store benchmark " + (failed.timedOut() ? "stopped by the timeout" : "failed")
                        + fmt(" after %.0f s.%n", failed.seconds());
            StringBuilder b = new StringBuilder(fmt("Each of %d JVMs (%s) imports the book, then runs it end to end %s,"
                    + " one after the other as a shell session would; times are the median, with the range and "
                    + "the count."
                    + " \"Both cores\" is the CPU the whole process used meanwhile (every thread, the "
                    + "collector, the JIT) and the"
                    + " JIT compilers' share of it: on two cores, a run cannot end before half of it.%n%n",
                    outs.size(), flags, runsPerJvm == 1 ? "once" : runsPerJvm + " times"));
            b.append("| what | positions | wall | cpu | of which load / engine | both cores: cpu / JIT | gc | peak "
                    + "live heap | load |\n" + "|---|---|---|---|---|---|---|---|---|\n");
            for (Row row : tableRows()) {
                List<Map<String, String>> rows = row.results();
                b.append(fmt("| %s | %,d | %s | %s | %s | %s | %s | %s | %s |%n", row.label(), row.positions(),
                        stats(rows, "wall").text(), stats(rows, "cpu").text(),
                        row.run() ? fmt("%.1f s / %.1f s", stats(rows, "load").medianMs() / 1000,
                                stats(rows, "engine").medianMs() / 1000) : "",
                        fmt("%.1f s / %.1f s", stats(rows, "processCpu").medianMs() / 1000,
                                stats(rows, "jit").medianMs() / 1000),
                        stats(rows, "gc").text(), row.run() ? fmt("%.0f MB", stats(rows, "peakMb").maxMs()) : "",
                        loads()));
            }
            List<Map<String, String>> profile = outs.get(0).profile();
            if (!profile.isEmpty()) {
                b.append("\n"
                        + "Where the import's and the run's time goes in the first JVM (share of samples, innermost "
                        + "workbench method;"
                        + " \"> H2\" = inside the database, \"> rules engine\" = inside Drools):\n\n"
                        + "| case | place | share |\n|---|---|---|\n");
                for (Map<String, String> p : profile)
                    b.append(fmt("| %s | %s | %.0f %% |%n", p.get("who"), p.get("place"),
                            100 * Double.parseDouble(p.get("share"))));
            }
            return b.toString();
        }

        /** Issue 25's row: the import of 1M positions at most 1 s. */
        String importRow() {
            String target = "import of 1M positions (an account-set CSV into the file-mode store), at most 1 s";
            String command = outs.isEmpty() ? "" : outs.get(0).command();
            if (failed() != null) return Targets25.row(target, table().strip(), "MISSED", command);
            for (Row row : tableRows()) {
                if (!row.kind().equals("import")) continue;
                Stats s = stats(row.results(), "wall");
                return Targets25.row(target, fmt("%s wall over %,d positions, one import in each of %d JVMs; "
                        + "load %s", s.text(), row.positions(), row.results().size(), loads()),
                        Targets25.verdict(s.medianMs(), 1000, Targets25.atMillion(row.positions())), command);
            }
            return Targets25.row(target, "no import in the store section's output", "MISSED", command);
        }

        /** Issue 5's end-to-end rows (the import's is issue 25's now: {@link #importRow}). */
        String targetRows() {
            if (failed() != null) return "| end-to-end run at most 10 s | " + table().strip() + " | MISSED |\n";
            StringBuilder b = new StringBuilder();
            for (Row row : tableRows()) {
                Stats s = stats(row.results(), "wall");
                if (row.run())
                    b.append(
                            fmt("| %s: end-to-end run over %,d positions at most 10 s (%s) | %s | %s |%n", row.policy(),
                            row.positions(), row.runLabel(), s.text(), s.medianMs() <= 10_000 ? "met" : "MISSED"));
            }
            return b.toString();
        }

        /** The load averages seen over all the JVMs. */
        private String loads() {
            double low = outs.stream().mapToDouble(o -> Math.min(o.loadBefore(), o.loadAfter())).min().orElse(0);
            double high = outs.stream().mapToDouble(o -> Math.max(o.loadBefore(), o.loadAfter())).max().orElse(0);
            return fmt("%.1f-%.1f", low, high);
        }

        /** A field of the rows (in ms, or MB for the heap) as the median and range of repeated timings. */
        private static Stats stats(List<Map<String, String>> rows, String key) {
            long[] nanos = rows.stream().mapToLong(r -> Math.round(Double.parseDouble(r.get(key)) * 1e6)).toArray();
            return Stats.ofNanos(nanos);
        }
    }

    static Result run(Options o) {
        int largest = o.largest();
        int runs = Math.max(1, o.storeRuns());
        String policies = String.join(",", java.util.Collections.nCopies(runs, o.policies().get(0)));
        List<Child.Outcome> outs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, o.storeJvms()); i++) {
            Child.Outcome out = Child.run(o.storeHeap(), o.storeFlags(), o.timeoutSeconds() * 2, StoreCase.class,
                    Integer.toString(largest), policies);
            outs.add(out);
            if (!out.ok()) break;
        }
        return new Result(outs, "-Xms" + o.storeHeap() + " -Xmx" + o.storeHeap() + " " + o.storeFlags(), runs);
    }
}
