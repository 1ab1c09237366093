package org.deleveraging.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.SweepPoint;

/**
 * Fabricated sweep points with plausible metrics, for tests of what reads sweeps: no engine runs. A point's metrics
 * follow from its coordinates alone (a harsher stress and a smaller fund leave more bad debt; ADL at the mark cuts
 * deeper than at the bankruptcy price), so the same call gives the same points.
 */
public final class SweepPoints {
    private static final Instant FINISHED = Instant.parse("2026-12-07T10:05:00Z");

    private SweepPoints() {}

    /**
     * 3 policies x 2 variants ({@code adl.closePrice} bankruptcy or mark) x severities 1 and 2 x fund scales 0.5, 1
     * and 2 on demo / oct-10: 36 points under 6 stresses, numbered as a sweep's grid numbers them.
     */
    public static List<PointResult> grid() {
        List<PointResult> out = new ArrayList<>();
        String[] policies = {"bitmex", "binance", "okx"};
        for (int p = 0; p < policies.length; p++)
            for (String close : List.of("bankruptcy", "mark"))
                for (String severity : List.of("1", "2"))
                    for (String scale : List.of("0.5", "1", "2")) {
                        SweepPoint point = new SweepPoint(out.size() + 1, policies[p], Map.of("adl.closePrice", close),
                                "demo", "oct-10", new BigDecimal(severity), new BigDecimal(scale), 7L);
                        out.add(result(point, metrics(p, close.equals("mark"), Integer.parseInt(severity),
                                Double.parseDouble(scale)), out.size() % 5 == 0 ? (long) out.size() + 100 : null));
                    }
        return out;
    }

    /** A point with the given bad debt share of a 1,000,000 shortfall and largest haircut share of equity. */
    public static PointResult at(int number, String policy, String stress, double badDebtShare, double haircutShare) {
        SweepPoint point = new SweepPoint(number, policy, Map.of(), "demo", stress, BigDecimal.ONE, BigDecimal.ONE,
                null);
        BigDecimal shortfall = new BigDecimal("1000000");
        return result(point, new PointMetrics(100, 150, new BigDecimal("5000000"), shortfall, new BigDecimal("100000"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100000"),
                shortfall.multiply(BigDecimal.valueOf(badDebtShare)), 10, 8, new BigDecimal("2000000"), 3,
                new BigDecimal("300000"), new BigDecimal("250000"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("250000"), 3, haircutShare, haircutShare, new BigDecimal("0.5"),
                new BigDecimal("0.4"), 0.01, "digest-" + number), null);
    }

    public static PointResult result(SweepPoint point, PointMetrics m, Long runId) {
        return new PointResult(point, "policyhash" + point.policyId(), "sethash", "scenariohash" + point.severity(),
                point.seed() == null ? 0 : point.seed(), m, runId, 1200, FINISHED);
    }

    private static PointMetrics metrics(int policy, boolean atMark, int severity, double fundScale) {
        BigDecimal oi = new BigDecimal("84280220.50");
        BigDecimal shortfall = money(2_000_000.0 * severity * severity * (1 + 0.15 * policy));
        BigDecimal fundStart = money(84_280.22 * fundScale);
        BigDecimal fundPaid = fundStart.min(shortfall);
        // ADL covers most of what the fund could not; one policy leaves more unabsorbed, a harsher crash more; closing
        // at the mark helps bitmex's solvency (at a cost in fairness) and only costs the others
        double left = shortfall.subtract(fundPaid).doubleValue();
        double markEffect = !atMark ? 1 : policy == 0 ? 0.7 : 1.1;
        double badShare = Math.min(0.9, (0.02 + 0.05 * policy) * severity / fundScale * markEffect);
        BigDecimal badDebt = money(left * badShare);
        BigDecimal adlCovered = money(left).subtract(badDebt);
        BigDecimal overshoot = atMark ? money(adlCovered.doubleValue() * (0.03 + 0.01 * policy)) : BigDecimal.ZERO;
        BigDecimal haircuts = adlCovered.add(overshoot);
        double maxEquity = Math.min(1, (0.12 + 0.08 * (2 - policy)) * severity * (atMark ? 1.4 : 1) / (1 + fundScale));
        int hit = 40 + 25 * policy * severity;
        return new PointMetrics(3000, 4100, oi, shortfall, fundStart, BigDecimal.ZERO, fundStart.subtract(fundPaid),
                fundPaid, badDebt, 240 * severity, 200 * severity, money(6_580_000.0 * severity), hit,
                money(haircuts.doubleValue() * 1.8), adlCovered, overshoot, BigDecimal.ZERO, haircuts, hit,
                maxEquity, Math.min(1, maxEquity * 2.5), new BigDecimal("0.31").add(BigDecimal.valueOf(policy, 2)),
                new BigDecimal("0.0412").multiply(BigDecimal.valueOf(severity)), 0.004 * severity * (policy + 1),
                String.format("%016x", (policy * 1000L + severity * 100 + (long) (fundScale * 10)) * 7919L
                        + (atMark ? 1 : 0)));
    }

    private static BigDecimal money(double v) { return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN); }
}
