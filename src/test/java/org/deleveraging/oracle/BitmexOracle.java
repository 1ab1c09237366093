package org.deleveraging.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;

/**
 * BitMEX in plain Java, from {@code policies/bitmex/README.md} and BitMEX's ADL page
 * (https://support.bitmex.com/hc/en-gb/articles/18589621443357-What-is-Auto-Deleveraging): risk-limit step-down, the
 * per-contract insurance fund, then the ADL queue ranked by PnL% and effective leverage. The mechanical half
 * (takeover at the bankruptcy price, surplus to the fund) is the engine's, set by the policy's settings.
 *
 * <p>Rule index (the ids are the policy's, so that firings and events compare one to one):
 * <ul>
 *   <li>LIQ-TIER-010 a pool above its lowest tier, below maintenance, with equity left: down one tier</li>
 *   <li>LIQ-TIER-020 a lowest-tier pool below maintenance: taken over whole</li>
 *   <li>LIQ-TIER-030 a pool whose equity is gone: taken over whole</li>
 *   <li>WF-010 the contract's insurance fund first, while it has a balance</li>
 *   <li>WF-020 ADL for the size the book and the fund did not take</li>
 *   <li>RANK-BITMEX-010 a winner (PnL% at or above zero) ranks by PnL% x effective leverage</li>
 *   <li>RANK-BITMEX-020 a loser ranks by PnL% / effective leverage</li>
 * </ul>
 */
public final class BitmexOracle implements Decisions {
    private final Firings firings = new Firings();

    @Override
    public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
        List<LiquidationDecision> out = new ArrayList<>();
        for (PoolRisk r : risks) {
            boolean belowMaintenance = r.getEquity().compareTo(r.getMaintenanceMargin()) < 0;
            boolean equityGone = r.getEquity().signum() <= 0;
            if (belowMaintenance && r.getTier() > 1 && !equityGone)
                out.add(firings.fired("LIQ-TIER-010", LiquidationDecision.reduceOneTier(r, "LIQ-TIER-010",
                        "oracle: below maintenance in tier " + r.getTier() + ", step down one risk limit")));
            if (belowMaintenance && r.getTier() == 1)
                out.add(firings.fired("LIQ-TIER-020", LiquidationDecision.closeAll(r, "LIQ-TIER-020",
                        "oracle: below maintenance in the lowest tier, take over")));
            if (equityGone)
                out.add(firings.fired("LIQ-TIER-030", LiquidationDecision.closeAll(r, "LIQ-TIER-030",
                        "oracle: no equity left, take over")));
        }
        return out;
    }

    @Override
    public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
        List<LayerChoice> out = new ArrayList<>();
        if (fund.isExists() && fund.getBalance().signum() > 0)
            out.add(firings.fired("WF-010", new LayerChoice(shortfall, Layer.INSURANCE_FUND, 10, "WF-010",
                    "oracle: the contract's fund has a balance")));
        if (shortfall.getUnfilledSize().signum() > 0)
            out.add(firings.fired("WF-020", new LayerChoice(shortfall, Layer.ADL, 20, "WF-020",
                    "oracle: size left for ADL")));
        return out;
    }

    /** BitMEX PnL%: (mark value - entry value) / |entry value|, signed by the side. */
    public static double pnlPercent(AdlCandidate c) {
        return c.getEntryValue().signum() == 0 ? 0
                : c.getUnrealizedPnl().doubleValue() / c.getEntryValue().abs().doubleValue();
    }

    /** BitMEX effective leverage: mark value / the pool's equity. */
    public static double effectiveLeverage(AdlCandidate c) {
        return c.getPoolEquity().signum() <= 0 ? Double.MAX_VALUE
                : c.getNotional().doubleValue() / c.getPoolEquity().doubleValue();
    }

    @Override
    public List<AdlScore> rank(List<AdlCandidate> candidates) {
        List<AdlScore> out = new ArrayList<>(candidates.size());
        for (AdlCandidate c : candidates) {
            double pnlPercent = pnlPercent(c);
            double leverage = effectiveLeverage(c);
            if (pnlPercent >= 0)
                out.add(firings.fired("RANK-BITMEX-010", new AdlScore(c, pnlPercent * leverage, "RANK-BITMEX-010",
                        "oracle: winner, PnL% x leverage")));
            else
                out.add(firings.fired("RANK-BITMEX-020", new AdlScore(c, pnlPercent / leverage, "RANK-BITMEX-020",
                        "oracle: loser, PnL% / leverage")));
        }
        return out;
    }

    /** BitMEX closes at the bankruptcy price (rules/adl-price/bankruptcy.drl). */
    @Override
    public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
        List<AdlClosePrice> out = new ArrayList<>(positions.size());
        for (AdlPricing p : positions)
            out.add(firings.fired("ADLP-BP-010",
                    new AdlClosePrice(p, p.getBankruptcyPrice(), "ADLP-BP-010", "oracle: bankruptcy price")));
        return out;
    }

    @Override
    public Map<String, Integer> firings() { return firings.counts(); }
}
