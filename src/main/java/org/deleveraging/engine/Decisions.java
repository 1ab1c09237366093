package org.deleveraging.engine;

import java.util.List;

import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;

/**
 * What the engine asks a policy. The Drools implementation evaluates the policy's rules; a plain-Java
 * implementation can stand in for it as an oracle. Implementations decide; they never move money.
 */
public interface Decisions {

    List<LiquidationDecision> liquidations(List<PoolRisk> risks);

    List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop);

    List<AdlScore> rank(List<AdlCandidate> candidates);

    /** The prices at which ADL closes a bankrupt pool's positions, one {@link AdlPricing} each. */
    List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions);

    /**
     * The run's cancellation, for an implementation whose single answer can take long (a ranking over hundreds of
     * thousands of candidates): it should stop soon after it is set, throwing {@link Cancellation.Cancelled}.
     */
    default void cancelWith(Cancellation cancel) {}

    /** How many times each rule fired so far in this run (rule id to count). */
    default java.util.Map<String, Integer> firings() { return java.util.Map.of(); }
}
