package org.deleveraging.policy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deleveraging.engine.PolicySettings;

/**
 * The settings as {@code policy show} and {@code policy diff} list them: by the names they had when the settings were
 * one flat record, in its order, so that what users read and compare stays as it was.
 */
public final class SettingNames {
    private SettingNames() {}

    public static Map<String, Object> of(PolicySettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", s.margin().markets());
        m.put("defaultMargin", s.margin().defaultSchedule());
        var l = s.liquidation();
        m.put("orderLimit", l.orderLimit());
        m.put("orderSlippage", l.slippage());
        m.put("surplusTo", l.surplusTo());
        m.put("liquidationFeeRate", l.feeRate());
        m.put("maxRounds", l.maxRounds());
        m.put("closeOutMovesMark", l.closeOutMovesMark());
        m.put("fundGranularity", s.insuranceFund().granularity());
        m.put("fundWindowSteps", s.insuranceFund().windowSteps());
        m.put("adlAllocation", s.adl().allocation());
        m.put("adlTopN", s.adl().topN());
        m.put("adlMaxCandidates", s.adl().maxCandidates());
        m.put("haircutSeverity", s.haircut().severity());
        m.put("haircutMaxFraction", s.haircut().maxFraction());
        m.put("haircutProtectsMaintenance", s.haircut().protectMaintenance());
        m.put("firingLimitPerFact", s.budget().firingLimitPerFact());
        m.put("screen", l.screen());
        m.put("adlQueueRefresh", s.adl().queueRefresh());
        m.put("haircutSettlement", s.haircut().settlement());
        m.put("insertLimitPerFact", s.budget().insertLimitPerFact());
        m.put("timeLimitSeconds", s.budget().timeLimitSeconds());
        m.put("feeToCloseRate", l.feeToClose().rate());
        m.put("feeToCloseInMaintenance", l.feeToClose().inMaintenance());
        return m;
    }
}
