package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.List;

import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.Bound;
import org.deleveraging.input.YamlNode;

/**
 * A case's {@code given.settings:}: the few mechanical settings of policy.yaml a case may replace for itself, written
 * as in policy.yaml. The paper's toy example, for instance, covers half of each deficit:
 *
 * <pre>
 * settings:
 *   haircut: { severity: 0.5 }
 * </pre>
 *
 * Margin tables, order limits, fund granularity and the ADL allocation are what a policy <em>is</em>; a case that
 * needs other ones belongs to another policy.
 */
final class SettingsOverrides {
    private SettingsOverrides() {}

    static PolicySettings apply(YamlNode node, PolicySettings s) {
        node.onlyKeys(List.of("liquidation", "insuranceFund", "adl", "haircut"));
        BigDecimal slippage = s.orderSlippage();
        BigDecimal fee = s.liquidationFeeRate();
        int maxRounds = s.maxRounds();
        boolean moves = s.closeOutMovesMark();
        int window = s.fundWindowSteps();
        int topN = s.adlTopN();
        int maxCandidates = s.adlMaxCandidates();
        BigDecimal severity = s.haircutSeverity();
        BigDecimal maxFraction = s.haircutMaxFraction();
        boolean protect = s.haircutProtectsMaintenance();
        if (node.opt("liquidation").isPresent()) {
            YamlNode l = node.get("liquidation")
                    .onlyKeys(List.of("slippage", "feeRate", "maxRounds", "closeOutMovesMark"));
            slippage = l.opt("slippage").map(n -> fraction(n, false)).orElse(slippage);
            fee = l.opt("feeRate").map(n -> n.nonNegative(Bound.RATE)).orElse(fee);
            maxRounds = l.opt("maxRounds").map(n -> atLeastOne(n)).orElse(maxRounds);
            moves = l.opt("closeOutMovesMark").map(YamlNode::bool).orElse(moves);
        }
        if (node.opt("insuranceFund").isPresent())
            window = node.get("insuranceFund").onlyKeys(List.of("windowSteps")).opt("windowSteps")
                    .map(n -> atLeastOne(n)).orElse(window);
        if (node.opt("adl").isPresent()) {
            YamlNode a = node.get("adl").onlyKeys(List.of("topN", "maxCandidates"));
            topN = a.opt("topN").map(n -> atLeastOne(n)).orElse(topN);
            maxCandidates = a.opt("maxCandidates").map(n -> atLeastOne(n)).orElse(maxCandidates);
        }
        if (node.opt("haircut").isPresent()) {
            YamlNode h = node.get("haircut").onlyKeys(List.of("severity", "maxFraction", "protectMaintenance"));
            severity = h.opt("severity").map(n -> fraction(n, true)).orElse(severity);
            maxFraction = h.opt("maxFraction").map(n -> fraction(n, true)).orElse(maxFraction);
            protect = h.opt("protectMaintenance").map(YamlNode::bool).orElse(protect);
        }
        return new PolicySettings(s.margin(), s.defaultMargin(), s.orderLimit(), slippage, s.surplusTo(), fee,
                maxRounds, moves, s.fundGranularity(), window, s.adlAllocation(), topN, maxCandidates,
                severity, maxFraction, protect, s.firingLimitPerFact(), s.screen(), s.adlQueueRefresh(),
                s.haircutSettlement(),
                s.insertLimitPerFact(), s.timeLimitSeconds(), s.feeToCloseRate(), s.feeToCloseInMaintenance());
    }

    private static BigDecimal fraction(YamlNode n, boolean oneAllowed) {
        BigDecimal v = n.nonNegative(Bound.RATE);
        if (oneAllowed ? v.compareTo(BigDecimal.ONE) > 0 : v.compareTo(BigDecimal.ONE) >= 0)
            throw n.error("must be between 0 and 1" + (oneAllowed ? "" : " (a fraction of the mark)"));
        return v;
    }

    private static int atLeastOne(YamlNode n) {
        int v = n.integer();
        if (v < 1) throw n.error("must be at least 1");
        return v;
    }
}
