package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.MarginSchedule;

/**
 * The mechanical settings of a policy that the engine executes (how orders are limited, where surplus goes, how ADL
 * allocates and at what price). Which accounts are liquidated, which layer pays and how candidates rank are rules.
 *
 * <p>{@code screen}: the margin check shows the liquidation rules only pools whose equity is below
 * {@code screen} x maintenance margin, or not positive. Most pools of a large book are far from maintenance;
 * not inserting them is what keeps the rules' cost proportional to the accounts at risk. A policy whose rules act
 * on healthier pools raises it ({@code liquidation.screen} in policy.yaml).
 */
public record PolicySettings(
        Map<String, MarginSchedule> margin,
        MarginSchedule defaultMargin,
        OrderLimit orderLimit,
        BigDecimal orderSlippage,
        SurplusTo surplusTo,
        BigDecimal liquidationFeeRate,
        int maxRounds,
        boolean closeOutMovesMark,
        FundGranularity fundGranularity,
        int fundWindowSteps,
        AdlAllocation adlAllocation,
        ClosePrice adlClosePrice,
        BigDecimal blendBankruptcyWeight,
        int adlTopN,
        int adlMaxCandidates,
        BigDecimal haircutSeverity,
        BigDecimal haircutMaxFraction,
        boolean haircutProtectsMaintenance,
        int firingLimitPerFact,
        BigDecimal screen) {

    /** Settings with the default screen of 1: only pools below maintenance (or at zero equity) are shown to rules. */
    public PolicySettings(Map<String, MarginSchedule> margin, MarginSchedule defaultMargin, OrderLimit orderLimit,
                          BigDecimal orderSlippage, SurplusTo surplusTo, BigDecimal liquidationFeeRate, int maxRounds,
                          boolean closeOutMovesMark, FundGranularity fundGranularity, int fundWindowSteps,
                          AdlAllocation adlAllocation, ClosePrice adlClosePrice, BigDecimal blendBankruptcyWeight,
                          int adlTopN, int adlMaxCandidates, BigDecimal haircutSeverity, BigDecimal haircutMaxFraction,
                          boolean haircutProtectsMaintenance, int firingLimitPerFact) {
        this(margin, defaultMargin, orderLimit, orderSlippage, surplusTo, liquidationFeeRate, maxRounds,
                closeOutMovesMark, fundGranularity, fundWindowSteps, adlAllocation, adlClosePrice, blendBankruptcyWeight,
                adlTopN, adlMaxCandidates, haircutSeverity, haircutMaxFraction, haircutProtectsMaintenance,
                firingLimitPerFact, BigDecimal.ONE);
    }

    /** How far a liquidation order may walk the book. */
    public enum OrderLimit {
        /** never fill worse than the bankruptcy price (BitMEX, Bybit, Binance takeover at BP) */
        BANKRUPTCY,
        /** fill at most {@code orderSlippage} (a fraction) away from the mark */
        SLIPPAGE,
        /** fill whatever the book gives */
        NONE
    }

    public enum SurplusTo { INSURANCE_FUND, TRADER }

    public enum FundGranularity { PER_MARKET, SHARED, NONE }

    public enum AdlAllocation { QUEUE, PRO_RATA_BY_SIZE, ROUND_ROBIN }

    public enum ClosePrice { BANKRUPTCY, MARK, PREVIOUS_MARK, BLEND }

    public MarginSchedule marginFor(String market) { return margin.getOrDefault(market, defaultMargin); }
}
