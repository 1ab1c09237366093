package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.List;

import org.deleveraging.engine.PolicySettings;
import org.deleveraging.engine.PolicySettings.Adl;
import org.deleveraging.engine.PolicySettings.Haircut;
import org.deleveraging.engine.PolicySettings.InsuranceFund;
import org.deleveraging.engine.PolicySettings.Liquidation;
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
        PolicySettings out = s;
        if (node.opt("liquidation").isPresent()) out = out.withLiquidation(liquidation(node.get("liquidation"),
                s.liquidation()));
        if (node.opt("insuranceFund").isPresent()) out = out.withInsuranceFund(insuranceFund(
                node.get("insuranceFund"), s.insuranceFund()));
        if (node.opt("adl").isPresent()) out = out.withAdl(adl(node.get("adl"), s.adl()));
        if (node.opt("haircut").isPresent()) out = out.withHaircut(haircut(node.get("haircut"), s.haircut()));
        return out;
    }

    private static Liquidation liquidation(YamlNode node, Liquidation l) {
        node.onlyKeys(List.of("slippage", "feeRate", "maxRounds", "closeOutMovesMark"));
        BigDecimal slippage = node.opt("slippage").map(n -> fraction(n, false)).orElse(l.slippage());
        BigDecimal fee = node.opt("feeRate").map(n -> n.nonNegative(Bound.RATE)).orElse(l.feeRate());
        int maxRounds = node.opt("maxRounds").map(n -> atLeastOne(n)).orElse(l.maxRounds());
        boolean moves = node.opt("closeOutMovesMark").map(YamlNode::bool).orElse(l.closeOutMovesMark());
        return new Liquidation(l.orderLimit(), slippage, l.surplusTo(), fee, l.feeToClose(), maxRounds, moves,
                l.screen());
    }

    private static InsuranceFund insuranceFund(YamlNode node, InsuranceFund f) {
        int window = node.onlyKeys(List.of("windowSteps")).opt("windowSteps").map(n -> atLeastOne(n))
                .orElse(f.windowSteps());
        return new InsuranceFund(f.granularity(), window);
    }

    private static Adl adl(YamlNode node, Adl a) {
        node.onlyKeys(List.of("topN", "maxCandidates"));
        int topN = node.opt("topN").map(n -> atLeastOne(n)).orElse(a.topN());
        int maxCandidates = node.opt("maxCandidates").map(n -> atLeastOne(n)).orElse(a.maxCandidates());
        return new Adl(a.allocation(), topN, maxCandidates, a.queueRefresh());
    }

    private static Haircut haircut(YamlNode node, Haircut h) {
        node.onlyKeys(List.of("severity", "maxFraction", "protectMaintenance"));
        BigDecimal severity = node.opt("severity").map(n -> fraction(n, true)).orElse(h.severity());
        BigDecimal maxFraction = node.opt("maxFraction").map(n -> fraction(n, true)).orElse(h.maxFraction());
        boolean protect = node.opt("protectMaintenance").map(YamlNode::bool).orElse(h.protectMaintenance());
        return new Haircut(severity, maxFraction, protect, h.settlement());
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
