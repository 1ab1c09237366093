package org.deleveraging.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.SweepPoint;

/**
 * A sweep as one CSV file, one row per finished point: its coordinates (each varied key a column of its own, empty
 * where the point's policy does not vary it), every stored metric exactly, the shares the report plots (as the
 * doubles it plots, written so they read back the same), the result digest, the kept run and whether the point is on
 * its stress's frontier of the default axes.
 */
final class SweepCsv {
    /** A stored metric: its column and its value as kept (BigDecimal, int or double). */
    private record Column(String name, Function<PointMetrics, Object> value) {}

    private static final List<Column> STORED = List.of(
            new Column("accounts", PointMetrics::accounts), new Column("positions", PointMetrics::positions),
            new Column("open_interest", PointMetrics::openInterest), new Column("shortfall", PointMetrics::shortfall),
            new Column("fund_start", PointMetrics::fundStart), new Column("fund_min", PointMetrics::fundMin),
            new Column("fund_end", PointMetrics::fundEnd), new Column("fund_paid", PointMetrics::fundPaid),
            new Column("bad_debt", PointMetrics::badDebt), new Column("liquidations", PointMetrics::liquidations),
            new Column("accounts_liquidated", PointMetrics::accountsLiquidated),
            new Column("liquidation_notional", PointMetrics::liquidationNotional),
            new Column("adl_count", PointMetrics::adlCount), new Column("adl_notional", PointMetrics::adlNotional),
            new Column("adl_covered", PointMetrics::adlCovered),
            new Column("adl_overshoot", PointMetrics::adlOvershoot), new Column("socialized", PointMetrics::socialized),
            new Column("haircut_total", PointMetrics::haircutTotal),
            new Column("haircut_accounts", PointMetrics::haircutAccounts),
            new Column("max_haircut_equity_share", PointMetrics::maxHaircutEquityShare),
            new Column("max_haircut_profit_share", PointMetrics::maxHaircutProfitShare),
            new Column("top1_share", PointMetrics::top1Share), new Column("concentration", PointMetrics::concentration),
            new Column("market_impact", PointMetrics::marketImpact));

    private SweepCsv() {}

    static List<String> header(SweepReport r) {
        List<String> h = new ArrayList<>(List.of("point", "policy"));
        h.addAll(r.variedKeys());
        h.addAll(List.of("account_set", "scenario", "severity", "fund_scale", "seed"));
        for (Column c : STORED) h.add(c.name());
        // the plotted shares that are not stored as such (the stored ones are above)
        for (SweepMetric m : SweepMetric.ALL)
            if (STORED.stream().noneMatch(c -> c.name().equals(m.key()))) h.add(m.key());
        h.addAll(List.of("result_digest", "run_id", "on_frontier"));
        return h;
    }

    static void write(SweepReport r, Path file) {
        try (Csv csv = new Csv(file, header(r).toArray(String[]::new))) {
            for (PointResult p : r.points()) csv.row(row(r, p));
        }
    }

    private static List<Object> row(SweepReport r, PointResult p) {
        SweepPoint sp = p.point();
        List<Object> row = new ArrayList<>(List.of(sp.number(), sp.policyId()));
        for (String k : r.variedKeys()) row.add(sp.changes().get(k));
        row.add(sp.accountSet());
        row.add(sp.scenario());
        row.add(sp.severity());
        row.add(sp.fundScale());
        row.add(p.seed()); // the seed it ran with, the scenario's own when the sweep names none
        for (Column c : STORED) row.add(c.value().apply(p.metrics()));
        for (SweepMetric m : SweepMetric.ALL)
            if (STORED.stream().noneMatch(c -> c.name().equals(m.key()))) row.add(m.of(p.metrics()));
        row.add(p.metrics().resultDigest());
        row.add(p.runId());
        row.add(r.frontier().contains(sp.number()));
        return row;
    }
}
