package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.MarginTier;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;

/**
 * What a risk officer wants to see of a book before stressing it, measured at the set's reference marks with a
 * policy's maintenance-margin tiers: open interest per market and side, the spread of leverage, and the margin
 * pools closest to liquidation (a cross account, or one isolated position).
 *
 * @param leverage p50, p90, p99 and max of account leverage (notional at the mark / equity), accounts in credit only
 * @param underWater accounts whose equity at the reference marks is zero or less
 */
public record AccountSetSummary(AccountSetInfo info, List<OpenInterest> openInterest, double[] leverage,
                                int underWater, List<AtRisk> nearestLiquidation) {

    public record OpenInterest(String market, BigDecimal mark, int longs, BigDecimal longSize, BigDecimal longNotional,
                               int shorts, BigDecimal shortSize, BigDecimal shortNotional) {}

    /**
     * A margin pool near liquidation. {@code marginRatio} is equity / maintenance (liquidation at 1 or below);
     * {@code moveToLiquidation} is the price move that brings a single linear position to its maintenance margin,
     * NaN where that is not one number (several positions, inverse contracts).
     */
    public record AtRisk(String accountId, String pool, BigDecimal equity, BigDecimal maintenance, double marginRatio,
                         double moveToLiquidation) {}

    static AccountSetSummary of(StoredAccountSet stored, Function<String, MarginSchedule> margin, int nearest) {
        Map<String, BigDecimal> marks = stored.referenceMarks();
        Map<String, Market> markets = stored.set().markets();
        Map<String, Object[]> oi = new LinkedHashMap<>();
        for (String m : markets.keySet()) oi.put(m,
                new Object[] {0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO});
        List<Double> leverage = new ArrayList<>();
        int underWater = 0;
        List<AtRisk> pools = new ArrayList<>();
        for (Account a : stored.set().accounts()) {
            BigDecimal accountEquity = a.walletBalance();
            BigDecimal accountNotional = BigDecimal.ZERO;
            BigDecimal crossMm = BigDecimal.ZERO;
            for (Position p : a.positions()) {
                Market m = markets.get(p.market());
                BigDecimal mark = marks.get(p.market());
                BigDecimal notional = m.notional(p.size(), mark);
                BigDecimal pnl = m.pnl(p.side(), p.size(), p.entryPrice(), mark);
                BigDecimal mm = margin.apply(p.market()).maintenance(notional);
                Object[] row = oi.get(p.market());
                int o = p.side() == Side.LONG ? 0 : 3;
                row[o] = (Integer) row[o] + 1;
                row[o + 1] = ((BigDecimal) row[o + 1]).add(p.size());
                row[o + 2] = ((BigDecimal) row[o + 2]).add(notional);
                accountEquity = accountEquity.add(pnl).add(p.isolatedMargin());
                accountNotional = accountNotional.add(notional);
                if (a.mode() == MarginMode.ISOLATED) {
                    BigDecimal equity = p.isolatedMargin().add(pnl);
                    pools.add(new AtRisk(a.id(), "isolated " + p.market(), equity, mm, ratio(equity, mm),
                            move(m, p, mark, equity, margin)));
                } else {
                    crossMm = crossMm.add(mm);
                }
            }
            if (a.mode() == MarginMode.CROSS && !a.positions().isEmpty()) {
                BigDecimal equity = accountEquity;
                Position only = a.positions().size() == 1 ? a.positions().get(0) : null;
                double move = only == null ? Double.NaN
                        : move(markets.get(only.market()), only, marks.get(only.market()), equity, margin);
                pools.add(new AtRisk(a.id(), "cross", equity, crossMm, ratio(equity, crossMm), move));
            }
            if (accountEquity.signum() <= 0) underWater++;
            else if (accountNotional.signum() > 0) leverage.add(
                    accountNotional.doubleValue() / accountEquity.doubleValue());
        }
        List<OpenInterest> rows = new ArrayList<>();
        oi.forEach((m, r) ->
                rows.add(new OpenInterest(m, marks.get(m), (Integer) r[0], (BigDecimal) r[1], (BigDecimal) r[2],
                (Integer) r[3], (BigDecimal) r[4], (BigDecimal) r[5])));
        pools.sort(Comparator.comparingDouble(AtRisk::marginRatio).thenComparing(AtRisk::accountId)
                .thenComparing(AtRisk::pool));
        leverage.sort(null);
        double[] lev = leverage.isEmpty() ? new double[] {0, 0, 0, 0}
                : new double[] {percentile(leverage, 50), percentile(leverage, 90), percentile(leverage, 99),
                        leverage.get(leverage.size() - 1)};
        return new AccountSetSummary(stored.info(), rows, lev, underWater,
                pools.subList(0, Math.min(nearest, pools.size())));
    }

    private static double ratio(BigDecimal equity, BigDecimal mm) {
        if (mm.signum() == 0) return equity.signum() > 0 ? Double.POSITIVE_INFINITY : 0;
        return equity.doubleValue() / mm.doubleValue();
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, int pct) {
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Mark at which a single linear position's equity meets maintenance within its current tier:
     * E + s q (m' - m) = q m' r - cum, so m' = (s q m - E - cum) / (q (s - r)). As a move from the mark.
     */
    private static double move(Market m, Position p, BigDecimal mark, BigDecimal equity, Function<String,
            MarginSchedule> margin) {
        if (m.type() != ContractType.LINEAR) return Double.NaN;
        BigDecimal q = p.size().multiply(m.contractValue());
        MarginTier tier = margin.apply(p.market()).tierFor(m.notional(p.size(), mark));
        BigDecimal s = p.side().signum();
        BigDecimal denominator = q.multiply(s.subtract(tier.maintenanceRate()));
        if (denominator.signum() == 0) return Double.NaN;
        BigDecimal at = s.multiply(q).multiply(mark).subtract(equity).subtract(tier.maintenanceAmount())
                .divide(denominator, MathContext.DECIMAL64);
        if (at.signum() <= 0) return -1;
        return at.doubleValue() / mark.doubleValue() - 1;
    }
}
