package org.deleveraging.report;

import java.util.List;
import java.util.function.Function;

import org.deleveraging.engine.StepMetrics;

/**
 * One row of the metrics table: a label, the question it answers (the table shows it on hover), how to read the
 * value, and where it comes from. The HTML formats the value; the CSV export writes it exactly.
 *
 * @param detail the row qualifies the one above it (the table indents it)
 */
public record Metric(String key, String label, String question, Format format, boolean detail,
                     Function<RunMetrics, Object> value) {

    /** How a value reads: a count, an amount in the settlement asset, a share (0..1) shown in %, an index, a name. */
    public enum Format { COUNT, MONEY, SHARE, INDEX, TEXT }

    /** The rows in the order the committee reads them. */
    public static final List<Metric> ALL = List.of(
            row("accounts", "accounts in the set", "How big was the book?", Format.COUNT, RunMetrics::accounts),
            row("accounts_liquidated", "accounts liquidated", "How many traders lost positions to liquidation?",
                    Format.COUNT, RunMetrics::accountsLiquidated),
            detail("liquidations", "liquidation fills",
                    "How many liquidation orders did the crash force (each partial one counts)?",
                    Format.COUNT, RunMetrics::liquidations),
            row("liquidation_notional", "liquidation notional", "How much was sold into the book?",
                    Format.MONEY, RunMetrics::liquidationNotional),
            row("shortfall", "shortfall",
                    "What deficit did the bankruptcies leave for the loss waterfall? Summed over the"
                    + " steps; " + StepMetrics.SHORTFALL + ". " + StepMetrics.IDENTITY, Format.MONEY,
                    RunMetrics::shortfall),
            row("fund_start", "insurance fund start", "What buffer did the venue start with?", Format.MONEY,
                    RunMetrics::fundStart),
            row("fund_min", "insurance fund min", "How close did the fund come to empty?", Format.MONEY,
                    RunMetrics::fundMin),
            row("fund_end", "insurance fund end", "What buffer is left for the next crash?", Format.MONEY,
                    RunMetrics::fundEnd),
            row("fund_paid", "insurance fund paid",
                    "How much of the shortfall did the fund pay? Summed over the steps; "
                    + StepMetrics.FUND_PAID + "; fund start - fund end + fees and surpluses", Format.MONEY,
                    RunMetrics::fundPaid),
            row("bad_debt", "bad debt", "What loss did nobody absorb? " + StepMetrics.BAD_DEBT, Format.MONEY,
                    RunMetrics::badDebt),
            row("adl_count", "ADL count", "How many positions were force-closed against bankrupt ones?",
                    Format.COUNT, RunMetrics::adlCount),
            row("adl_notional", "ADL notional", "How much open interest did ADL close?", Format.MONEY,
                    RunMetrics::adlNotional),
            row("adl_covered", "ADL covered", "How much of the shortfall did ADL pay? Summed over the steps; "
                    + StepMetrics.ADL_COVERED, Format.MONEY, RunMetrics::adlCovered),
            row("adl_overshoot", "ADL overshoot beyond the shortfall",
                    "How much more did ADL take from winners than the deficits it covered?", Format.MONEY,
                    RunMetrics::adlOvershoot),
            row("socialized", "socialised loss", "How much profit was clawed back pro rata?", Format.MONEY,
                    RunMetrics::socialized),
            row("haircut_total", "haircuts, total",
                    "What did winners lose to ADL and socialised loss, against the mark?",
                    Format.MONEY, RunMetrics::haircutTotal),
            detail("haircut_accounts", "accounts haircut", "How many accounts paid?", Format.COUNT,
                    RunMetrics::haircutAccounts),
            row("max_haircut_equity", "largest haircut, % of equity",
                    "What is the worst any one account lost, against its equity just before?",
                    Format.SHARE, RunMetrics::maxHaircutEquityShare),
            detail("max_haircut_equity_account", "that account", "Which account?", Format.TEXT,
                    RunMetrics::maxHaircutEquityAccount),
            row("max_haircut_profit",
                    "largest haircut, % of profit before that step's haircuts (profits of at least 1 % of equity)",
                    "What is the most of its profit any one account gave up in one step? The step's haircuts over the"
                            + " account's unrealised profit just before the first of them, counting only "
                            + "profits of at least"
                            + " 1 % of the account's equity then; at most 100 % (a haircut beyond the profit "
                            + "shows in % of equity)",
                    Format.SHARE, RunMetrics::maxHaircutProfitShare),
            detail("max_haircut_profit_account", "that account", "Which account?", Format.TEXT,
                    RunMetrics::maxHaircutProfitAccount),
            row("top1_share", "share of haircuts borne by the top 1 % of winners",
                    "Did the biggest winners pay, or the many small ones? (winners ranked by profit at the "
                    + "stress marks)", Format.SHARE, RunMetrics::top1Share),
            row("top10_share", "share of haircuts borne by the top 10 % of winners",
                    "Did the biggest winners pay, or the many small ones? (winners ranked by profit at the "
                    + "stress marks)", Format.SHARE, RunMetrics::top10Share),
            row("concentration", "concentration of haircuts (HHI)",
                    "Sum of squared shares: 1 = one account bore everything, 1/n = n accounts bore equal parts",
                    Format.INDEX, RunMetrics::concentration),
            detail("effective_accounts", "as if borne equally by", "How many accounts, 1/HHI", Format.INDEX,
                    RunMetrics::effectiveAccounts));

    /** The value as the HTML shows it; "-" where there is none. */
    public String shown(RunMetrics m) { return Numbers.show(format, value.apply(m)); }

    /** The exact value, as the CSV export writes it; empty where there is none. */
    public String exact(RunMetrics m) { return Numbers.exact(value.apply(m)); }

    private static Metric row(String key, String label, String question, Format format, Function<RunMetrics,
            Object> value) {
        return new Metric(key, label, question, format, false, value);
    }

    private static Metric detail(String key, String label, String question, Format format, Function<RunMetrics,
            Object> value) {
        return new Metric(key, label, question, format, true, value);
    }
}
