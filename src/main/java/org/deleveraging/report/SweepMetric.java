package org.deleveraging.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.deleveraging.sweep.PointMetrics;

/**
 * A measure the frontier report can put on an axis: each a share or an index of one point, lower better, its label
 * naming its denominator, so that no axis reads as an amount that cannot be compared between books and scenarios.
 *
 * <p>A point without haircuts has no top-1 % share and no concentration ({@link PointMetrics} keeps null); here it
 * counts as 0: nobody bore a haircut, which is as fair as a haircut can be. The hover says "no haircuts".
 *
 * @param percent the value is a share (0..1) shown in %; otherwise an index shown as it is
 */
public record SweepMetric(String key, String label, boolean percent, ToDoubleFunction<PointMetrics> value) {

    public static final SweepMetric BAD_DEBT = new SweepMetric("bad_debt_share_of_shortfall",
            "bad debt, % of the bankruptcies' shortfall", true, PointMetrics::badDebtShareOfShortfall);
    public static final SweepMetric MAX_HAIRCUT = new SweepMetric("max_haircut_equity_share",
            "largest haircut, % of that account's equity", true, PointMetrics::maxHaircutEquityShare);

    /** The default x (solvency) and y (fairness) first; each axis may show any of them. */
    public static final List<SweepMetric> ALL = List.of(BAD_DEBT, MAX_HAIRCUT,
            new SweepMetric("bad_debt_share_of_open_interest", "bad debt, % of open interest at the start", true,
                    PointMetrics::badDebtShareOfOpenInterest),
            new SweepMetric("fund_drawn_share", "insurance fund paid, % of the fund at the start", true,
                    PointMetrics::fundDrawnShare),
            new SweepMetric("adl_overshoot_share_of_shortfall", "ADL overshoot, % of the bankruptcies' shortfall",
                    true, PointMetrics::adlOvershootShareOfShortfall),
            new SweepMetric("haircut_share_of_open_interest", "haircuts, % of open interest at the start", true,
                    PointMetrics::haircutShareOfOpenInterest),
            new SweepMetric("max_haircut_profit_share", "largest haircut, % of that step's profit before it", true,
                    PointMetrics::maxHaircutProfitShare),
            new SweepMetric("top1_share", "top 1 % of winners, % of all haircuts", true,
                    m -> orZero(m.top1Share())),
            new SweepMetric("concentration", "haircut concentration, HHI (1 = one account bore all)", false,
                    m -> orZero(m.concentration())),
            new SweepMetric("market_impact", "market impact, % of the scenario's mark", true,
                    PointMetrics::marketImpact));

    public double of(PointMetrics m) { return value.applyAsDouble(m); }

    public static Optional<SweepMetric> named(String key) {
        return ALL.stream().filter(m -> m.key.equals(key)).findFirst();
    }

    private static double orZero(BigDecimal v) { return v == null ? 0 : v.doubleValue(); }
}
