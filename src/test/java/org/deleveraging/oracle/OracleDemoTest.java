package org.deleveraging.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
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
import org.deleveraging.accounts.DemoData;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracles against the rules on the demo book (3,000 accounts) under the 10-Oct scenario: a run large enough
 * that thousands of liquidations, an exhausted fund, ADL queues and haircuts all happen, compared event by event.
 */
class OracleDemoTest {
    private static AccountSet demo;
    private static Scenario oct10;
    private static RunResult bitmexRules;

    @BeforeAll
    static void runTheRulesOnce() {
        demo = DemoData.accountSet();
        oct10 = ScenarioCatalog.load("oct-10");
        bitmexRules = run("bitmex", Fixtures.policy("bitmex").newDecisions());
    }

    @Test
    void bitmexOracleReproducesTheRulesThroughAnExhaustedFundAndAdl() {
        RunResult oracle = run("bitmex", new BitmexOracle());

        assertThat(count(bitmexRules, RunEvent.Kind.ADL)).isGreaterThan(100);
        assertThat(bitmexRules.rulesFired()).containsKeys("LIQ-TIER-010", "LIQ-TIER-020", "LIQ-TIER-030",
                "WF-010", "WF-020", "RANK-BITMEX-010", "RANK-BITMEX-020");
        assertThat(RunComparison.differences(bitmexRules, oracle)).isEmpty();
    }

    @Test
    void cappedProRataOracleReproducesTheRulesThroughWaterFilling() {
        RunResult rules = run("capped-pro-rata", Fixtures.policy("capped-pro-rata").newDecisions());
        RunResult oracle = run("capped-pro-rata", new CappedProRataOracle());

        assertThat(count(rules, RunEvent.Kind.SOCIALIZED)).isGreaterThan(100);
        assertThat(RunComparison.differences(rules, oracle)).isEmpty();
    }

    @Test
    void aQueueThatMultipliesLosersByLeverageIsCaught() {
        RunResult nearMiss = run("bitmex", new LosersTimesLeverage());

        assertThat(RunComparison.differences(bitmexRules, nearMiss)).isNotEmpty()
                .anySatisfy(d -> assertThat(d).startsWith("ADL queues"));
    }

    private static RunResult run(String policyId, Decisions decisions) {
        Policy policy = Fixtures.policy(policyId);
        return new Engine().run(policy.settings(), decisions, demo, oct10, oct10.seed(), RunListener.NONE);
    }

    private static long count(RunResult r, RunEvent.Kind kind) {
        return r.events().stream().filter(e -> e.kind() == kind).count();
    }

    /** The BitMEX oracle with one mistake: a losing position's PnL% is multiplied by its leverage, not divided. */
    private static final class LosersTimesLeverage implements Decisions {
        private final BitmexOracle right = new BitmexOracle();

        @Override public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
            return right.liquidations(risks);
        }

        @Override public List<LayerChoice> waterfall(Shortfall s, FundState f, BackstopState b) {
            return right.waterfall(s, f, b);
        }

        @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
            List<AdlScore> out = new ArrayList<>();
            for (AdlCandidate c : candidates)
                out.add(new AdlScore(c, BitmexOracle.pnlPercent(c) * BitmexOracle.effectiveLeverage(c),
                        BitmexOracle.pnlPercent(c) >= 0 ? "RANK-BITMEX-010" : "RANK-BITMEX-020", "wrong for losers"));
            return out;
        }

        @Override public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
            return right.adlClosePrices(positions);
        }

        @Override public Map<String, Integer> firings() { return right.firings(); }
    }
}
