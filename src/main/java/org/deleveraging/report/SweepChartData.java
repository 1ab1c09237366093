package org.deleveraging.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.SweepPoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The data behind the frontier report's charts, as the JSON its script draws from. Every frontier the page can show
 * (each pair of axes, per stress and in the worst case) is computed here by {@link ParetoFrontier}: the page looks
 * them up and never decides dominance itself, so the tested code is the code the committee sees.
 */
final class SweepChartData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepChartData() {}

    static Map<String, Object> of(SweepReport r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metrics", SweepMetric.ALL.stream().map(m -> Map.of("key", m.key(), "label", m.label(),
                "percent", m.percent())).toList());
        data.put("contexts", r.contexts().stream().map(StressContext::label).toList());
        data.put("defaultContext", r.contexts().indexOf(r.defaultContext()));
        Set<String> policies = new LinkedHashSet<>();
        for (PointResult p : r.points()) policies.add(p.point().policyId());
        data.put("policies", List.copyOf(policies));
        data.put("variedKeys", r.variedKeys());
        data.put("params", params(r));
        List<Map<String, Object>> points = new ArrayList<>();
        for (PointResult p : r.points()) points.add(point(r, p));
        data.put("points", points);
        Map<String, List<Integer>> frontier = new LinkedHashMap<>();
        Map<String, List<String>> worstFrontier = new LinkedHashMap<>();
        for (SweepMetric x : SweepMetric.ALL)
            for (SweepMetric y : SweepMetric.ALL) {
                frontier.put(x.key() + "|" + y.key(), List.copyOf(SweepFrontiers.onFrontier(r.points(), x, y)));
                worstFrontier.put(x.key() + "|" + y.key(), SweepFrontiers.worstFrontier(
                        SweepFrontiers.worstCases(r.points(), x, y)).stream().map(SweepFrontiers.Worst::variant)
                        .toList());
            }
        data.put("frontier", frontier);
        data.put("worst", worst(r));
        data.put("worstFrontier", worstFrontier);
        data.put("worstLeftOut", SweepFrontiers.incompleteVariants(r.points()));
        return data;
    }

    /** As JSON that is safe inside a {@code <script>} element (see {@link ChartData#json}). */
    static String json(SweepReport r) {
        try {
            return JSON.writeValueAsString(of(r)).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sweep report's chart data", e);
        }
    }

    /** What a response curve can run along: severity, fund scale and each varied key, when it takes two values. */
    static List<Map<String, Object>> params(SweepReport r) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (r.severities().size() > 1) out.add(param("severity", "severity (1 = the scenario as written)",
                "stress", r.severities().stream().map(SweepChartData::plain).toList()));
        if (r.fundScales().size() > 1) out.add(param("fundScale", "insurance fund scale (x the scenario's fund)",
                "stress", r.fundScales().stream().map(SweepChartData::plain).toList()));
        for (String key : r.variedKeys()) {
            List<String> values = SweepValues.ordered(r.points().stream()
                    .map(p -> p.point().changes().get(key)).filter(v -> v != null).toList());
            if (values.size() > 1) out.add(param(key, key, "change", values));
        }
        return out;
    }

    private static Map<String, Object> param(String key, String label, String kind, List<String> values) {
        return Map.of("key", key, "label", label, "kind", kind, "values", values);
    }

    /** As the points write severity and fund scale, so that a curve finds its x: 2, not 2.0. */
    private static String plain(BigDecimal v) { return v.stripTrailingZeros().toPlainString(); }

    private static Map<String, Object> point(SweepReport r, PointResult p) {
        SweepPoint sp = p.point();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", sp.number());
        out.put("policy", sp.policyId());
        out.put("variant", sp.variant());
        out.put("context", r.contexts().indexOf(StressContext.of(sp)));
        out.put("stress", StressContext.of(sp).label());
        out.put("params", sp.changes());
        out.put("accountSet", sp.accountSet());
        out.put("scenario", sp.scenario());
        out.put("seed", sp.seed());
        out.put("severity", sp.severity().stripTrailingZeros().toPlainString());
        out.put("fundScale", sp.fundScale().stripTrailingZeros().toPlainString());
        out.put("values", SweepMetric.ALL.stream().map(m -> m.of(p.metrics())).toList());
        out.put("noHaircuts", p.metrics().haircutAccounts() == 0);
        out.put("runId", p.runId());
        return out;
    }

    /** Each complete variant's worst value of every metric, with the point that gave it. */
    private static List<Map<String, Object>> worst(SweepReport r) {
        Map<String, Map<String, Object>> byVariant = new LinkedHashMap<>();
        for (SweepMetric m : SweepMetric.ALL)
            for (SweepFrontiers.Worst w : SweepFrontiers.worstCases(r.points(), m, m)) {
                Map<String, Object> v = byVariant.computeIfAbsent(w.variant(), k -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("variant", w.variant());
                    o.put("policy", w.policyId());
                    o.put("values", new ArrayList<Double>());
                    o.put("at", new ArrayList<Integer>());
                    return o;
                });
                values(v, "values").add(w.x());
                points(v, "at").add(w.xPoint());
            }
        return List.copyOf(byVariant.values());
    }

    @SuppressWarnings("unchecked")
    private static List<Double> values(Map<String, Object> m, String k) { return (List<Double>) m.get(k); }

    @SuppressWarnings("unchecked")
    private static List<Integer> points(Map<String, Object> m, String k) { return (List<Integer>) m.get(k); }
}
