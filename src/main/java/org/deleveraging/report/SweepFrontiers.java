package org.deleveraging.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deleveraging.sweep.PointResult;

/**
 * Frontiers that compare only what is comparable: per stress context (points that share account set, scenario,
 * severity, fund scale and seed), and the worst case across the sweep's stresses per policy variant, where a variant
 * takes part only if it finished under every stress (its worst over fewer stresses would flatter it).
 */
final class SweepFrontiers {
    private SweepFrontiers() {}

    /** The points grouped by stress, the stresses in the order the sweep first ran them. */
    static Map<StressContext, List<PointResult>> byContext(List<PointResult> points) {
        Map<StressContext, List<PointResult>> out = new LinkedHashMap<>();
        for (PointResult p : points) out.computeIfAbsent(StressContext.of(p.point()), c -> new ArrayList<>()).add(p);
        return out;
    }

    /** The stress the page opens with: the first at severity 1 (the scenario as written), else the first. */
    static StressContext defaultContext(List<StressContext> contexts) {
        return contexts.stream().filter(c -> c.severity().compareTo(BigDecimal.ONE) == 0).findFirst()
                .orElse(contexts.get(0));
    }

    /** The numbers of the points on their own stress's frontier. */
    static Set<Integer> onFrontier(List<PointResult> points, SweepMetric x, SweepMetric y) {
        Set<Integer> out = new LinkedHashSet<>();
        for (List<PointResult> group : byContext(points).values())
            for (PointResult p : ParetoFrontier.of(group, r -> x.of(r.metrics()), r -> y.of(r.metrics())))
                out.add(p.point().number());
        return out;
    }

    /**
     * A policy variant at its worst: its highest x and its highest y over the stresses, each with the stress that gave
     * it (they may differ: the worst case is a bound, not one run).
     */
    record Worst(String variant, String policyId, double x, StressContext xAt, int xPoint, double y,
                 StressContext yAt, int yPoint) {}

    /** The worst cases of the variants that finished under every stress of the sweep; the others are left out. */
    static List<Worst> worstCases(List<PointResult> points, SweepMetric x, SweepMetric y) {
        int stresses = byContext(points).size();
        Map<String, List<PointResult>> byVariant = new LinkedHashMap<>();
        for (PointResult p : points) byVariant.computeIfAbsent(p.point().variant(), v -> new ArrayList<>()).add(p);
        List<Worst> out = new ArrayList<>();
        for (List<PointResult> runs : byVariant.values()) {
            Set<StressContext> seen = new LinkedHashSet<>();
            for (PointResult p : runs) seen.add(StressContext.of(p.point()));
            if (seen.size() < stresses) continue;
            PointResult wx = runs.get(0);
            PointResult wy = runs.get(0);
            for (PointResult p : runs) {
                if (x.of(p.metrics()) > x.of(wx.metrics())) wx = p;
                if (y.of(p.metrics()) > y.of(wy.metrics())) wy = p;
            }
            out.add(new Worst(wx.point().variant(), wx.point().policyId(), x.of(wx.metrics()),
                    StressContext.of(wx.point()), wx.point().number(), y.of(wy.metrics()),
                    StressContext.of(wy.point()), wy.point().number()));
        }
        return out;
    }

    /** The variants left out of the worst-case view: not finished under every stress. */
    static List<String> incompleteVariants(List<PointResult> points) {
        Set<String> all = new LinkedHashSet<>();
        for (PointResult p : points) all.add(p.point().variant());
        for (Worst w : worstCases(points, SweepMetric.BAD_DEBT, SweepMetric.MAX_HAIRCUT)) all.remove(w.variant());
        return List.copyOf(all);
    }

    static List<Worst> worstFrontier(List<Worst> worst) {
        return ParetoFrontier.of(worst, Worst::x, Worst::y);
    }
}
