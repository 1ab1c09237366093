package org.deleveraging.bench;

import static org.deleveraging.bench.Bench.fmt;

import java.util.Map;

/**
 * Import and end-to-end run over the largest book, in one JVM of their own (see {@link StoreCase}). The run is of the
 * first policy only: at 1M positions one end-to-end run takes minutes, and the target is about the pipeline.
 */
final class StoreSection {
    private StoreSection() {}

    record Result(Child.Outcome out) {
        String table() {
            if (!out.ok()) return "Store benchmark " + (out.timedOut() ? "stopped by the timeout" : "failed") + fmt(" after %.0f s.%n", out.seconds());
            StringBuilder b = new StringBuilder("| what | positions | wall | cpu | of which load / engine | gc | peak live heap | load |\n|---|---|---|---|---|---|---|---|\n");
            for (Map<String, String> r : out.results()) {
                boolean run = "run".equals(r.get("kind"));
                if (!run && !"import".equals(r.get("kind"))) continue;
                b.append(fmt("| %s | %,d | %.1f s | %.1f s | %s | %s ms | %s | %s |%n", run ? "run " + r.get("policy") : "import CSV",
                        Long.parseLong(r.get("positions")), ms(r, "wall") / 1000, ms(r, "cpu") / 1000,
                        run ? fmt("%.1f s / %.1f s", ms(r, "load") / 1000, ms(r, "engine") / 1000) : "",
                        r.get("gc"), run ? r.get("peakMb") + " MB" : "", out.load()));
            }
            if (!out.profile().isEmpty()) {
                b.append("\nWhere the import's and the run's time goes (share of samples, innermost workbench method; \"> H2\" = inside"
                        + " the database, \"> rules engine\" = inside Drools):\n\n| case | place | share |\n|---|---|---|\n");
                for (Map<String, String> p : out.profile())
                    b.append(fmt("| %s | %s | %.0f %% |%n", p.get("who"), p.get("place"), 100 * Double.parseDouble(p.get("share"))));
            }
            return b.toString();
        }

        String targetRows() {
            if (!out.ok()) return "| import of 1M positions at most 5 s; end-to-end run at most 10 s | " + table().strip() + " | MISSED |\n";
            StringBuilder b = new StringBuilder();
            for (Map<String, String> r : out.results()) {
                if ("profile".equals(r.get("kind"))) continue;
                double s = ms(r, "wall") / 1000;
                if ("import".equals(r.get("kind")))
                    b.append(fmt("| import of %,d positions at most 5 s | %.1f s | %s |%n", Long.parseLong(r.get("positions")), s, s <= 5 ? "met" : "MISSED"));
                if ("run".equals(r.get("kind")))
                    b.append(fmt("| %s: end-to-end run over %,d positions at most 10 s | %.1f s | %s |%n", r.get("policy"),
                            Long.parseLong(r.get("positions")), s, s <= 10 ? "met" : "MISSED"));
            }
            return b.toString();
        }

        private static double ms(Map<String, String> r, String key) { return Double.parseDouble(r.get(key)); }
    }

    static Result run(Options o) {
        int largest = o.sizes().stream().max(Integer::compare).orElse(1_000_000);
        return new Result(Child.run(o.heap(), o.timeoutSeconds() * 2, StoreCase.class, Integer.toString(largest),
                o.policies().get(0)));
    }
}
