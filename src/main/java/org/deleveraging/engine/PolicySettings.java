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
 *
 * <p>{@code adlQueueRefresh}: how often an ADL queue is ranked. Once per {@link Period#STEP} (the default): the
 * first time a step needs a market side's queue, it is ranked, recorded, and walked for the rest of the step's
 * cascade, closed places skipped; every {@link Period#ROUND}: ranked afresh in every round of the cascade at that
 * round's marks (the result still records the step's first ranking). The step is the scenario's unit of time; a
 * queue that re-sorts within it models a venue that re-ranks faster than the marks a scenario gives.
 *
 * <p>{@code haircutSettlement}: when deficits sent to the socialised-loss layer are charged to winners. With
 * {@link Period#STEP} (the default) the deficits wait, their positions taken over by the venue, until a round of the
 * cascade liquidates nobody (or the step ends), and are clawed back together then: one haircut per winner per quiet
 * point rather than per round, as venues settle clawbacks per settlement period. Winners the clawback pushes below
 * maintenance are liquidated in the rounds that follow, within the step. With {@link Period#ROUND}: at the end of
 * every round.
 *
 * <p>The rules' budget ({@code engine:} in policy.yaml): {@code firingLimitPerFact}, how often the rules of one
 * question may fire per input fact; {@code insertLimitPerFact}, how many facts they may insert per input fact;
 * {@code timeLimitSeconds}, the wall-clock budget of one rules evaluation (one liquidation screen, one waterfall
 * question, or one ADL ranking).
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
        int adlTopN,
        int adlMaxCandidates,
        BigDecimal haircutSeverity,
        BigDecimal haircutMaxFraction,
        boolean haircutProtectsMaintenance,
        int firingLimitPerFact,
        BigDecimal screen,
        Period adlQueueRefresh,
        Period haircutSettlement,
        int insertLimitPerFact,
        int timeLimitSeconds,
        BigDecimal feeToCloseRate,
        boolean feeToCloseInMaintenance) {

    /** Settings without a fee to close reserved in the bankruptcy price. */
    public PolicySettings(Map<String, MarginSchedule> margin, MarginSchedule defaultMargin, OrderLimit orderLimit,
                          BigDecimal orderSlippage, SurplusTo surplusTo, BigDecimal liquidationFeeRate, int maxRounds,
                          boolean closeOutMovesMark, FundGranularity fundGranularity, int fundWindowSteps,
                          AdlAllocation adlAllocation,
                          int adlTopN, int adlMaxCandidates, BigDecimal haircutSeverity, BigDecimal haircutMaxFraction,
                          boolean haircutProtectsMaintenance, int firingLimitPerFact, BigDecimal screen,
                          Period adlQueueRefresh, Period haircutSettlement, int insertLimitPerFact,
                          int timeLimitSeconds) {
        this(margin, defaultMargin, orderLimit, orderSlippage, surplusTo, liquidationFeeRate, maxRounds,
                closeOutMovesMark, fundGranularity, fundWindowSteps, adlAllocation, adlTopN,
                adlMaxCandidates, haircutSeverity, haircutMaxFraction, haircutProtectsMaintenance, firingLimitPerFact,
                screen,
                adlQueueRefresh, haircutSettlement, insertLimitPerFact, timeLimitSeconds, BigDecimal.ZERO, false);
    }

    /** The default of {@code engine.insertLimitPerFact}. */
    public static final int DEFAULT_INSERT_LIMIT_PER_FACT = 10;
    /** The default of {@code engine.timeLimitSeconds}. */
    public static final int DEFAULT_TIME_LIMIT_SECONDS = 60;

    /** Settings with the default screen of 1: only pools below maintenance (or at zero equity) are shown to rules. */
    public PolicySettings(Map<String, MarginSchedule> margin, MarginSchedule defaultMargin, OrderLimit orderLimit,
                          BigDecimal orderSlippage, SurplusTo surplusTo, BigDecimal liquidationFeeRate, int maxRounds,
                          boolean closeOutMovesMark, FundGranularity fundGranularity, int fundWindowSteps,
                          AdlAllocation adlAllocation,
                          int adlTopN, int adlMaxCandidates, BigDecimal haircutSeverity, BigDecimal haircutMaxFraction,
                          boolean haircutProtectsMaintenance, int firingLimitPerFact) {
        this(margin, defaultMargin, orderLimit, orderSlippage, surplusTo, liquidationFeeRate, maxRounds,
                closeOutMovesMark, fundGranularity, fundWindowSteps, adlAllocation,
                adlTopN, adlMaxCandidates, haircutSeverity, haircutMaxFraction, haircutProtectsMaintenance,
                firingLimitPerFact, BigDecimal.ONE, Period.STEP, Period.STEP, DEFAULT_INSERT_LIMIT_PER_FACT,
                DEFAULT_TIME_LIMIT_SECONDS);
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


    /** The scenario step, or each round of the cascade within it. */
    public enum Period { STEP, ROUND }

    public MarginSchedule marginFor(String market) { return margin.getOrDefault(market, defaultMargin); }
}
