package org.deleveraging.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;

/**
 * What the frontier report of a sweep shows, before it is written as HTML or CSV: the sweep, its finished points, the
 * stresses they ran under and the frontier of the default axes (solvency against fairness) per stress.
 *
 * @param variedKeys every key a point's variant changes, in the order the sweep first names them: one CSV column each
 * @param frontier the numbers of the points on their own stress's frontier of the default axes
 */
public record SweepReport(StoredSweep sweep, List<PointResult> points, List<StressContext> contexts,
                          StressContext defaultContext, List<String> variedKeys, Set<Integer> frontier,
                          Instant generatedAt) {

    static final SweepMetric X = SweepMetric.BAD_DEBT;
    static final SweepMetric Y = SweepMetric.MAX_HAIRCUT;

    public static SweepReport of(StoredSweep sweep, List<PointResult> points, Instant now) {
        List<StressContext> contexts = new ArrayList<>(SweepFrontiers.byContext(points).keySet());
        Set<String> keys = new LinkedHashSet<>();
        for (PointResult p : points) keys.addAll(p.point().changes().keySet());
        return new SweepReport(sweep, List.copyOf(points), List.copyOf(contexts),
                SweepFrontiers.defaultContext(contexts), List.copyOf(keys),
                SweepFrontiers.onFrontier(points, X, Y), now);
    }

    /** Severities and fund scales the sweep ran, distinct, ascending: a response curve's x. */
    List<BigDecimal> severities() { return distinct(points.stream().map(p -> p.point().severity()).toList()); }

    List<BigDecimal> fundScales() { return distinct(points.stream().map(p -> p.point().fundScale()).toList()); }

    private static List<BigDecimal> distinct(List<BigDecimal> values) {
        List<BigDecimal> out = new ArrayList<>();
        for (BigDecimal v : values) if (out.stream().noneMatch(o -> o.compareTo(v) == 0)) out.add(v);
        out.sort(BigDecimal::compareTo);
        return out;
    }
}
