package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.MarginSchedule;

/**
 * The mechanical settings of a policy that the engine executes (how orders are limited, where surplus goes, how ADL
 * allocates and at what price). Which accounts are liquidated, which layer pays and how candidates rank are rules.
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
        int firingLimitPerFact) {

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
