package org.deleveraging.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.sweep.PointResult;

/**
 * Writes a {@link SweepReport} as one self-contained HTML page, as {@link HtmlReport} writes the committee report:
 * the frontier tables of the default axes as plain HTML (they read and print without JavaScript), the charts drawn by
 * the page's script from the embedded JSON, which also redraws the tables when the reader changes the axes.
 */
public final class SweepHtmlReport {
    private SweepHtmlReport() {}

    public static String render(SweepReport r) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", title(r));
        v.put("css", Template.resource("report/report.css") + Template.resource("report/sweep.css"));
        v.put("generated", HtmlReport.WHEN.format(r.generatedAt()));
        v.put("sweepId", r.sweep().id());
        v.put("finished", r.points().size());
        v.put("points", r.sweep().points());
        v.put("incomplete", !r.sweep().complete() || r.points().size() < r.sweep().points());
        v.put("contextCount", r.contexts().size());
        List<Map<String, Object>> contexts = new ArrayList<>();
        for (int i = 0; i < r.contexts().size(); i++)
            contexts.add(Map.of("index", i, "label", r.contexts().get(i).label(),
                    "selected", r.contexts().get(i).equals(r.defaultContext())));
        v.put("contexts", contexts);
        v.put("xOptions", options(SweepReport.X));
        v.put("yOptions", options(SweepReport.Y));
        v.put("xLabel", SweepReport.X.label());
        v.put("yLabel", SweepReport.Y.label());
        v.put("variedKeys", r.variedKeys());
        v.put("frontierRows", frontierRows(r));
        List<Map<String, Object>> params = new ArrayList<>();
        List<Map<String, Object>> swept = SweepChartData.params(r);
        for (int i = 0; i < swept.size(); i++) params.add(Map.of("index", i));
        v.put("params", params);
        worst(r, v);
        Echarts.Bundle echarts = Echarts.bundle();
        v.put("echartsVersion", echarts.version());
        v.put("echarts", echarts.script());
        v.put("data", SweepChartData.json(r));
        v.put("script", Template.resource("report/sweep.js"));
        v.put("pageErrors", Template.resource("report/page-errors.js"));
        return Template.fill(Template.resource("report/sweep.html"), v);
    }

    static String title(SweepReport r) {
        return "Sweep " + r.sweep().id() + " (" + r.sweep().name() + "): solvency against fairness";
    }

    private static List<Map<String, Object>> options(SweepMetric selected) {
        return SweepMetric.ALL.stream().map(m -> Map.<String, Object>of("key", m.key(), "label", m.label(),
                "selected", m == selected)).toList();
    }

    /** The frontier points of every stress, stress by stress in the sweep's order, each by solvency. */
    private static List<Map<String, Object>> frontierRows(SweepReport r) {
        List<PointResult> on = new ArrayList<>(r.points().stream()
                .filter(p -> r.frontier().contains(p.point().number())).toList());
        on.sort(Comparator.<PointResult>comparingInt(p -> r.contexts().indexOf(StressContext.of(p.point())))
                .thenComparingDouble(p -> SweepReport.X.of(p.metrics()))
                .thenComparingInt(p -> p.point().number()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PointResult p : on) {
            Map<String, Object> row = new HashMap<>();
            row.put("n", p.point().number());
            row.put("context", r.contexts().indexOf(StressContext.of(p.point())));
            row.put("stress", StressContext.of(p.point()).label());
            row.put("policy", p.point().policyId());
            row.put("changes", r.variedKeys().stream().map(k -> p.point().changes().getOrDefault(k, "-")).toList());
            row.put("x", show(SweepReport.X, SweepReport.X.of(p.metrics())));
            row.put("y", show(SweepReport.Y, SweepReport.Y.of(p.metrics())));
            row.put("run", p.runId() == null ? "-" : "run " + p.runId());
            rows.add(row);
        }
        return rows;
    }

    private static void worst(SweepReport r, Map<String, Object> v) {
        List<SweepFrontiers.Worst> frontier = SweepFrontiers.worstFrontier(
                SweepFrontiers.worstCases(r.points(), SweepReport.X, SweepReport.Y));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepFrontiers.Worst w : frontier.stream().sorted(Comparator.comparingDouble(SweepFrontiers.Worst::x))
                .toList())
            rows.add(Map.of("variant", w.variant(), "x", show(SweepReport.X, w.x()), "xAt", w.xAt().label(),
                    "xPoint", w.xPoint(), "y", show(SweepReport.Y, w.y()), "yAt", w.yAt().label(),
                    "yPoint", w.yPoint()));
        v.put("worstRows", rows);
        v.put("worstLeftOut", SweepFrontiers.incompleteVariants(r.points()));
    }

    /**
     * A value as the tables show it: a share in % to two decimals, an index to four; a value that is not zero never
     * reads as zero ("< 0.01 %"), so a small bad debt is not mistaken for none.
     */
    static String show(SweepMetric m, double value) {
        double shown = m.percent() ? value * 100 : value;
        int scale = m.percent() ? 2 : 4;
        BigDecimal rounded = BigDecimal.valueOf(shown).setScale(scale, RoundingMode.HALF_EVEN);
        String unit = m.percent() ? " %" : "";
        if (rounded.signum() == 0 && shown != 0)
            return "< " + BigDecimal.ONE.movePointLeft(scale).toPlainString() + unit;
        return rounded.toPlainString() + unit;
    }
}
