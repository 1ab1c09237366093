package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.RunSummary;
import org.deleveraging.run.StoredRun;

/** The text of a run's summary, shared by {@code run}, {@code runs show} and {@code compare}. */
final class RunText {
    private RunText() {}

    static String header(StoredRun r) {
        var p = r.provenance();
        return "run " + r.id() + ": " + r.label() + " (seed " + p.seed() + "), " + r.summary()
                .accounts() + " accounts, "
                + r.summary().positions() + " positions\n";
    }

    /**
     * Per step: the marks, liquidations, shortfall, fund, ADL and bad debt, each column as {@link StepMetrics}
     * defines it ({@code help run} shows the definitions).
     */
    static String steps(List<StepMetrics> steps) {
        if (steps.isEmpty()) return "";
        List<String> markets = new ArrayList<>(steps.get(0).marks().keySet());
        List<String> cols = new ArrayList<>(List.of(">step"));
        for (String m : markets) cols.add(">" + m);
        cols.addAll(List.of(">rounds", ">liquidations", ">liq. notional", ">shortfall", ">fund paid", ">fund", ">ADL",
                ">ADL notional", ">ADL covered", ">socialised", ">bad debt"));
        TextTable t = new TextTable(cols.toArray(String[]::new));
        for (StepMetrics s : steps) {
            List<Object> row = new ArrayList<>(List.of(s.step()));
            for (String m : markets) row.add(Show.num(s.marks().get(m)));
            row.addAll(List.of(s.rounds() + (s.roundCapHit() ? " (cap)" : ""), s.liquidations(),
                    Show.money(s.liquidationNotional()),
                    Show.money(s.shortfall()), Show.money(s.fundPaid()), Show.money(s.fundBalance()), s.adlCount(),
                    Show.money(s.adlNotional()), Show.money(s.adlCovered()), Show.money(s.socialized()),
                    Show.money(s.badDebt())));
            t.row(row.toArray());
        }
        return t.toString();
    }

    static String fundPath(RunSummary s, List<StepMetrics> steps) {
        List<String> path = new ArrayList<>(List.of(Show.money(s.fundStart())));
        for (StepMetrics m : steps) path.add(Show.money(m.fundBalance()));
        return String.join(" > ", path);
    }

    /** The headline table a risk officer reads first. */
    static String summary(StoredRun r, List<StepMetrics> steps) {
        RunSummary s = r.summary();
        TextTable t = new TextTable("measure", ">value", "note");
        t.row("liquidations", s.liquidations(), "notional " + Show.money(s.liquidationNotional()));
        t.row("insurance fund", Show.money(s.fundEnd()),
                "path " + fundPath(s, steps) + "; paid " + Show.money(s.fundPaid()));
        t.row("bad debt", Show.money(s.badDebt()), "losses nobody absorbed");
        t.row("ADL closes", s.adlCount(), "notional " + Show.money(s.adlNotional()));
        t.row("ADL overshoot", Show.money(s.adlOvershoot()), "taken from winners beyond the shortfall ADL covered ("
                + Show.money(s.adlCovered()) + ")");
        if (s.socialized().signum() != 0) t.row("socialised loss", Show.money(s.socialized()),
                "clawed back from profits");
        t.row("largest haircut", Show.pct(s.maxHaircutEquityShare()), "of equity" + who(s.maxHaircutEquityAccount()));
        t.row("", profitShare(s), profitDenominator(s) + who(s.maxHaircutProfitAccount()));
        t.row("accounts touched", s.touchedAccounts(), "liquidated, deleveraged or charged");
        return t.toString();
    }

    static String timings(StoredRun r) {
        RunSummary s = r.summary();
        return "load " + Show.millis(s.loadMillis()) + ", engine " + Show.millis(s.engineMillis()) + ", store "
                + Show.millis(r.storeMillis()) + "\n";
    }

    /** The largest haircut as a share of profit, marked when it is a run's old, uncapped figure. */
    static String profitShare(RunSummary s) {
        return Show.pct(s.maxHaircutProfitShare()) + (s.profitShareIsOldMeasure() ? " (old measure)" : "");
    }

    /** What the profit share is a share of (src/docs/report.md, "Largest haircut, % of profit"). */
    static String profitDenominator(RunSummary s) {
        return s.profitShareIsOldMeasure()
                ? "of its largest profit before a haircut, however small (old measure: a run stored before it "
                + "was redefined)"
                : "of its profit before that step's haircuts (profits of at least 1 % of equity; at most 100 %)";
    }

    private static String who(String account) { return account == null ? "" : " (" + account + ")"; }

    /** One account's outcome in one run, in a cell. */
    static String outcome(Optional<AccountOutcome> o) {
        if (o.isEmpty()) return "untouched";
        AccountOutcome a = o.get();
        List<String> parts = new ArrayList<>();
        if (a.liquidatedNotional().signum() > 0) parts.add("liquidated " + Show.money(a.liquidatedNotional()));
        if (a.adlSize().signum() > 0) parts.add("ADL " + Show.num(a.adlSize()));
        if (a.haircut().signum() != 0) parts.add("haircut " + Show.money(a.haircut()) + " ("
                + Show.pct(a.haircutShareOfEquity()) + " of equity)");
        if (a.badDebt().signum() != 0) parts.add("bad debt " + Show.money(a.badDebt().abs()));
        parts.add("equity " + Show.money(a.equityStart()) + " > " + Show.money(a.equityEnd()));
        return String.join(", ", parts);
    }
}
