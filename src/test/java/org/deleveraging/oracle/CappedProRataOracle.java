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
 * The ADL paper's capped pro-rata in plain Java, from {@code policies/capped-pro-rata/README.md} and the paper (T.
 * Chitra, arXiv 2512.01112 v3, https://arxiv.org/abs/2512.01112v3): close out below maintenance, the shared insurance
 * fund first, then the deficit is clawed back from winners' profit by water-filling (the engine's exact {@code
 * Haircuts.cappedProRata}, with the policy's caps).
 *
 * <p>Rule index (the policy's ids):
 * <ul>
 *   <li>LIQ-010 a pool below maintenance is closed out</li>
 *   <li>WF-SOC-010 the insurance fund first, while it has a balance</li>
 *   <li>WF-SOC-020 winners share a deficit that is left</li>
 * </ul>
 * There is no ADL queue: no candidate is ever scored.
 */
public final class CappedProRataOracle implements Decisions {
    private final Firings firings = new Firings();

    @Override
    public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
        List<LiquidationDecision> out = new ArrayList<>();
        for (PoolRisk r : risks)
            if (r.getEquity().compareTo(r.getMaintenanceMargin()) < 0)
                out.add(firings.fired("LIQ-010", LiquidationDecision.closeAll(r, "LIQ-010",
                        "oracle: below maintenance, close out")));
        return out;
    }

    @Override
    public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
        List<LayerChoice> out = new ArrayList<>();
        if (fund.isExists() && fund.getBalance().signum() > 0)
            out.add(firings.fired("WF-SOC-010", new LayerChoice(shortfall, Layer.INSURANCE_FUND, 10, "WF-SOC-010",
                    "oracle: the shared fund has a balance")));
        if (shortfall.getDeficit().signum() > 0)
            out.add(firings.fired("WF-SOC-020", new LayerChoice(shortfall, Layer.SOCIALIZED_LOSS, 20, "WF-SOC-020",
                    "oracle: winners share the deficit left")));
        return out;
    }

    @Override
    public List<AdlScore> rank(List<AdlCandidate> candidates) { return List.of(); }

    /** Never asked: the policy never deleverages; it lists the bankruptcy-price module like the others. */
    @Override
    public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
        return positions.stream().map(p -> new AdlClosePrice(p, p.getBankruptcyPrice(), "ADLP-BP-010", "oracle"))
                .toList();
    }

    @Override
    public Map<String, Integer> firings() { return firings.counts(); }
}
