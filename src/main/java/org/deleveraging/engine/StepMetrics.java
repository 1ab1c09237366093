package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one scenario step did. Amounts are in settlement-asset units summed over assets (a run's markets normally
 * share one asset). Each figure is defined by one of the sentences below, which {@code help run}, the step table,
 * src/docs/workbench.md ("The step table") and the report's tooltips all show; they add up with the ledger:
 * per step, {@code shortfall = fundPaid + adlCovered + what the backstop vault took on in the waterfall + socialized
 * + badDebt}, and {@code fundBalance = previous fundBalance - fundPaid + the step's fees and surpluses}
 * (StepColumnsAddUpTest). {@code adlProfitClosed} is the profit (against entry) of the positions ADL forced shut.
 */
public record StepMetrics(int step, Map<String, BigDecimal> marks, int rounds, boolean roundCapHit,
                          int liquidations, BigDecimal liquidationNotional, BigDecimal shortfall,
                          BigDecimal fundBalance, BigDecimal fundPaid, BigDecimal backstopEquity,
                          int adlCount, BigDecimal adlNotional, BigDecimal adlHaircut, BigDecimal adlCovered,
                          BigDecimal adlProfitClosed, BigDecimal socialized, BigDecimal badDebt) {

    public BigDecimal adlOvershoot() { return adlHaircut.subtract(adlCovered); }

    public static final String LIQUIDATIONS = "liquidations: liquidation decisions carried out in the step, one per"
            + " margin pool and round (a partial liquidation counts each time)";
    public static final String LIQUIDATION_NOTIONAL = "liq. notional: the notional of the step's liquidation fills in"
            + " the book at their fill prices, the insurance fund's fills of bankrupt positions included";
    public static final String SHORTFALL = "shortfall: the deficit of the margin pools that went bankrupt in the step,"
            + " once their positions were closed and before any layer paid: each pool's equity when handed to the loss"
            + " waterfall, less what the layers' closes lost against the mark (the fund's fills in the book and their"
            + " fees, ADL fills worse than the mark), where below zero (a pool the backstop vault takes over at"
            + " liquidation is not in it)";
    public static final String FUND_PAID = "fund paid: what the insurance funds paid out in the step, all of it for"
            + " the step's own shortfall (a fund never pays a deficit later)";
    public static final String FUND = "fund: the insurance funds' balance at the end of the step = the previous"
            + " balance - fund paid + the step's liquidation fees and close-out surpluses";
    public static final String ADL = "ADL: the step's ADL fills, one per counterparty position closed (one bankrupt"
            + " position may make many)";
    public static final String ADL_NOTIONAL = "ADL notional: the size of the step's ADL fills at their fill prices";
    public static final String ADL_COVERED = "ADL covered: the part of the step's shortfall that ADL fills paid (what"
            + " they took from winners beyond it is the ADL overshoot)";
    public static final String SOCIALISED = "socialised: the part of the step's shortfall clawed back from winners'"
            + " profits";
    public static final String BAD_DEBT = "bad debt: the part of the step's shortfall no layer paid, written off";
    public static final String IDENTITY = "shortfall = fund paid + ADL covered + socialised + bad debt + what a"
            + " backstop vault took on in the waterfall";
    /** Every definition, in the step table's order: {@code help run} shows them. */
    public static final String DEFINITIONS = LIQUIDATIONS + "; " + LIQUIDATION_NOTIONAL + "; " + SHORTFALL + "; "
            + FUND_PAID + "; " + FUND + "; " + ADL + "; " + ADL_NOTIONAL + "; " + ADL_COVERED + "; " + SOCIALISED + "; "
            + BAD_DEBT + ". They add up: " + IDENTITY + ".";
}
