package org.deleveraging.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.Parameters;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Evaluates a policy's rules. Each question gets a fresh session holding only that stage's input facts, so a stage's
 * rules see nothing of another's: phase order comes from the engine, not from salience. A session that fires more
 * than the firing limit is stopped with {@link RunawayPolicyException}.
 */
final class DroolsDecisions implements Decisions {
    private final KieBase kieBase;
    private final Parameters parameters;
    private final int firingLimitPerFact;
    private final Map<String, Integer> firings = new TreeMap<>();

    /** Candidates per ranking session when the ranking rules judge each candidate alone ({@link RankingRules}). */
    static final int RANKING_BATCH = 8192;
    private final int rankingBatch;

    DroolsDecisions(KieBase kieBase, Parameters parameters, int firingLimitPerFact) {
        this(kieBase, parameters, firingLimitPerFact,
                RankingRules.judgeEachCandidateAlone(kieBase) ? RANKING_BATCH : Integer.MAX_VALUE);
    }

    /** @param rankingBatch candidates per ranking session (tests set a small one to compare with a single session) */
    DroolsDecisions(KieBase kieBase, Parameters parameters, int firingLimitPerFact, int rankingBatch) {
        this.kieBase = kieBase;
        this.parameters = parameters;
        this.firingLimitPerFact = firingLimitPerFact;
        this.rankingBatch = rankingBatch;
    }

    @Override
    public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
        return evaluate("liquidation", risks, LiquidationDecision.class);
    }

    @Override
    public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
        return evaluate("waterfall", List.of(shortfall, fund, backstop), LayerChoice.class);
    }

    @Override
    public List<AdlScore> rank(List<AdlCandidate> candidates) {
        List<AdlScore> out = new ArrayList<>(candidates.size());
        for (int from = 0; from < candidates.size(); from += rankingBatch)
            out.addAll(evaluate("ADL ranking", candidates.subList(from, Math.min(candidates.size(), from + rankingBatch)), AdlScore.class));
        return out;
    }

    @Override
    public Map<String, Integer> firings() { return firings; }

    private <T> List<T> evaluate(String stage, Collection<?> facts, Class<T> output) {
        if (facts.isEmpty()) return List.of();
        KieSession session = kieBase.newKieSession();
        try {
            try {
                session.setGlobal("params", parameters);
            } catch (RuntimeException undeclared) {
                // the policy's rules do not use parameters
            }
            // counted per rule object and added up once: a ranking fires once per candidate, millions of times at 1M
            Map<org.kie.api.definition.rule.Rule, int[]> fired = new java.util.IdentityHashMap<>();
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.computeIfAbsent(event.getMatch().getRule(), r -> new int[1])[0]++;
                }
            });
            for (Object f : facts) session.insert(f);
            int limit = facts.size() * firingLimitPerFact + 100;
            int count;
            try {
                count = session.fireAllRules(limit);
            } finally {
                fired.forEach((rule, n) -> firings.merge(ruleId(rule.getName()), n[0], Integer::sum));
            }
            if (count >= limit)
                throw new RunawayPolicyException("the " + stage + " rules fired " + count + " times for " + facts.size()
                        + " facts and were stopped (firing limit " + firingLimitPerFact + " per fact, set by"
                        + " engine.firingLimitPerFact in policy.yaml); a rule probably keeps re-activating itself");
            List<T> out = new ArrayList<>();
            for (Object o : session.getObjects(o -> output.isInstance(o))) out.add(output.cast(o));
            return out;
        } finally {
            session.dispose();
        }
    }

    /** "LIQ-010 Liquidate below maintenance" has id "LIQ-010". */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
