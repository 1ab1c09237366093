package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.MarginSchedule;

/**
 * The mechanical settings of a policy that the engine executes (how orders are limited, where surplus goes, how ADL
 * allocates), one record per section of policy.yaml. Which accounts are liquidated, which layer pays, how candidates
 * rank and at what price ADL closes are rules.
 */
public record PolicySettings(Margin margin, Liquidation liquidation, InsuranceFund insuranceFund, Adl adl,
                             Haircut haircut, Budget budget) {

    /** {@code margin:}: a tier table per market, and the one for every market without its own. */
    public record Margin(MarginSchedule defaultSchedule, Map<String, MarginSchedule> markets) {
        public MarginSchedule forMarket(String market) { return markets.getOrDefault(market, defaultSchedule); }
    }

    /**
     * {@code liquidation:}. {@code screen}: the margin check shows the liquidation rules only pools whose equity is
     * below {@code screen} x maintenance margin, or not positive. Most pools of a large book are far from maintenance;
     * not inserting them is what keeps the rules' cost proportional to the accounts at risk. A policy whose rules act
     * on healthier pools raises it.
     */
    public record Liquidation(OrderLimit orderLimit, BigDecimal slippage, SurplusTo surplusTo, BigDecimal feeRate,
                              FeeToClose feeToClose, int maxRounds, boolean closeOutMovesMark, BigDecimal screen) {}

    /**
     * {@code liquidation.feeToClose:}: the taker fee to close, reserved in the bankruptcy price and, with
     * {@code inMaintenance}, in the maintenance margin too.
     */
    public record FeeToClose(BigDecimal rate, boolean inMaintenance) {}

    /** {@code insuranceFund:}; {@code windowSteps} is the window of the fund's PnL drawdown, in scenario steps. */
    public record InsuranceFund(FundGranularity granularity, int windowSteps) {}

    /**
     * {@code adl:}. {@code queueRefresh}: how often an ADL queue is ranked. Once per {@link Period#STEP} (the
     * default): the first time a step needs a market side's queue, it is ranked, recorded, and walked for the rest of
     * the step's cascade, closed places skipped; every {@link Period#ROUND}: ranked afresh in every round of the
     * cascade at that round's marks (the result still records the step's first ranking). The step is the scenario's
     * unit of time; a queue that re-sorts within it models a venue that re-ranks faster than the marks a scenario
     * gives.
     */
    public record Adl(AdlAllocation allocation, int topN, int maxCandidates, Period queueRefresh) {}

    /**
     * {@code haircut:}. {@code settlement} ({@code settle} in policy.yaml): when deficits sent to the socialised-loss
     * layer are charged to winners. With {@link Period#STEP} (the default) the deficits wait, their positions taken
     * over by the venue, until a round of the cascade liquidates nobody (or the step ends), and are clawed back
     * together then: one haircut per winner per quiet point rather than per round, as venues settle clawbacks per
     * settlement period. Winners the clawback pushes below maintenance are liquidated in the rounds that follow,
     * within the step. With {@link Period#ROUND}: at the end of every round.
     */
    public record Haircut(BigDecimal severity, BigDecimal maxFraction, boolean protectMaintenance, Period settlement) {}

    /**
     * The rules' budget ({@code engine:} in policy.yaml): {@code firingLimitPerFact}, how often the rules of one
     * question may fire per input fact; {@code insertLimitPerFact}, how many facts they may insert per input fact;
     * {@code timeLimitSeconds}, the wall-clock budget of one rules evaluation (one liquidation screen, one waterfall
     * question, or one ADL ranking).
     */
    public record Budget(int firingLimitPerFact, int insertLimitPerFact, int timeLimitSeconds) {
        public static final int DEFAULT_INSERT_LIMIT_PER_FACT = 10;
        public static final int DEFAULT_TIME_LIMIT_SECONDS = 60;
    }

    // the sections a case's given.settings may change (SettingsOverrides); the others are what a policy is
    public PolicySettings withLiquidation(Liquidation l) {
        return new PolicySettings(margin, l, insuranceFund, adl, haircut, budget);
    }

    public PolicySettings withInsuranceFund(InsuranceFund f) {
        return new PolicySettings(margin, liquidation, f, adl, haircut, budget);
    }

    public PolicySettings withAdl(Adl a) {
        return new PolicySettings(margin, liquidation, insuranceFund, a, haircut, budget);
    }

    public PolicySettings withHaircut(Haircut h) {
        return new PolicySettings(margin, liquidation, insuranceFund, adl, h, budget);
    }

    /** How far a liquidation order may walk the book. */
    public enum OrderLimit {
        /** never fill worse than the bankruptcy price (BitMEX, Bybit, Binance takeover at BP) */
        BANKRUPTCY,
        /** fill at most {@code slippage} (a fraction) away from the mark */
        SLIPPAGE,
        /** fill whatever the book gives */
        NONE
    }

    public enum SurplusTo { INSURANCE_FUND, TRADER }

    public enum FundGranularity { PER_MARKET, SHARED, NONE }

    public enum AdlAllocation { QUEUE, PRO_RATA_BY_SIZE, ROUND_ROBIN }

    /** The scenario step, or each round of the cascade within it. */
    public enum Period { STEP, ROUND }
}
