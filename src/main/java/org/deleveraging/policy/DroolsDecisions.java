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
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * Evaluates a policy's rules. Each question gets a fresh session holding only that stage's input facts, so a stage's
 * rules see nothing of another's: phase order comes from the engine, not from salience. A session that fires more
 * than the firing limit is stopped with {@link RunawayPolicyException}.
 */
final class DroolsDecisions implements Decisions {
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final Parameters parameters;
    private final int firingLimitPerFact;
    private final Map<String, Integer> firings = new TreeMap<>();

    /** Candidates per ranking session when the ranking rules judge each candidate alone ({@link RankingRules}). */
    static final int RANKING_BATCH = 8192;
    private final int rankingBatch;
    /**
     * Whether the rules read the {@code params} global. Asked once: setting an undeclared global throws, and a
     * policy without parameters paid for an exception in each of its hundreds of thousands of sessions.
     */
    private final boolean declaresParams;
    /** Off with -Ddeleveraging.rules.parallelRanking=false, to measure or rule out the second core. */
    private final boolean parallelRanking = !"false".equals(System.getProperty("deleveraging.rules.parallelRanking"));

    DroolsDecisions(KieBase kieBase, KieSessionsPool sessions, Parameters parameters, int firingLimitPerFact) {
        this(kieBase, sessions, parameters, firingLimitPerFact,
                RankingRules.judgeEachCandidateAlone(kieBase) ? RANKING_BATCH : Integer.MAX_VALUE);
    }

    /**
     * @param sessions the rules' sessions, reused: a session handed back is reset to what a new one would be
     * @param rankingBatch candidates per ranking session (tests set a small one to compare with a single session)
     */
    DroolsDecisions(KieBase kieBase, KieSessionsPool sessions, Parameters parameters, int firingLimitPerFact,
                    int rankingBatch) {
        this.kieBase = kieBase;
        this.sessions = sessions;
        this.parameters = parameters;
        this.firingLimitPerFact = firingLimitPerFact;
        this.rankingBatch = rankingBatch;
        this.declaresParams = kieBase.getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("params")));
    }

    @Override
    public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
        return evaluate("liquidation", risks, LiquidationDecision.class);
    }

    @Override
    public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
        return evaluate("waterfall", List.of(shortfall, fund, backstop), LayerChoice.class);
    }

    /**
     * Batches are evaluated on both cores when there are several: each is a session of its own over candidates no
     * other batch sees ({@link RankingRules}), and what the rules read of a candidate is fixed while the queue is
     * ranked. Scores come back in batch order and firings are added up here, so the result is the sequential one.
     */
    @Override
    public List<AdlScore> rank(List<AdlCandidate> candidates) {
        List<List<AdlCandidate>> batches = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += rankingBatch)
            batches.add(candidates.subList(from, Math.min(candidates.size(), from + rankingBatch)));
        List<Evaluation<AdlScore>> done = batches.size() < 2 || !parallelRanking
                ? batches.stream().map(b -> session("ADL ranking", b, AdlScore.class)).toList()
                : batches.parallelStream().map(b -> session("ADL ranking", b, AdlScore.class)).toList();
        List<AdlScore> out = new ArrayList<>(candidates.size());
        for (Evaluation<AdlScore> e : done) out.addAll(e.outputs());
        for (Evaluation<AdlScore> e : done) count(e);
        for (Evaluation<AdlScore> e : done) e.throwIfStopped();
        return out;
    }

    @Override
    public Map<String, Integer> firings() { return firings; }

    private <T> List<T> evaluate(String stage, Collection<?> facts, Class<T> output) {
        Evaluation<T> e = session(stage, facts, output);
        count(e);
        e.throwIfStopped();
        return e.outputs();
    }

    /**
     * One session's decisions, how often each rule fired, and what stopped it: the firing limit, or a rule that
     * threw. Batches report what stopped them in batch order, so a failing ranking names the same rule and candidate
     * however its batches were scheduled.
     */
    private record Evaluation<T>(List<T> outputs, Map<org.kie.api.definition.rule.Rule, int[]> fired, String runaway,
                                 RuntimeException failure) {
        void throwIfStopped() {
            if (failure != null) throw failure;
            if (runaway != null) throw new RunawayPolicyException(runaway);
        }
    }

    private void count(Evaluation<?> e) {
        e.fired().forEach((rule, n) -> firings.merge(ruleId(rule.getName()), n[0], Integer::sum));
    }

    /** Runs one session; touches nothing of this object's state, so that ranking batches can run side by side. */
    private <T> Evaluation<T> session(String stage, Collection<?> facts, Class<T> output) {
        if (facts.isEmpty()) return new Evaluation<>(List.of(), Map.of(), null, null);
        KieSession session = sessions.newKieSession();
        // counted per rule object and added up once: a ranking fires once per candidate, millions of times at 1M
        Map<org.kie.api.definition.rule.Rule, int[]> fired = new java.util.IdentityHashMap<>();
        AgendaEventListener counter = new DefaultAgendaEventListener() {
            @Override public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.computeIfAbsent(event.getMatch().getRule(), r -> new int[1])[0]++;
            }
        };
        session.addEventListener(counter);
        try {
            if (declaresParams) session.setGlobal("params", parameters);
            for (Object f : facts) session.insert(f);
            int limit = facts.size() * firingLimitPerFact + 100;
            int count;
            try {
                count = session.fireAllRules(limit);
            } catch (RuntimeException ruleFailed) {
                return new Evaluation<>(List.of(), fired, null, ruleFailed);
            }
            if (count >= limit)
                return new Evaluation<>(List.of(), fired, "the " + stage + " rules fired " + count + " times for "
                        + facts.size() + " facts and were stopped (firing limit " + firingLimitPerFact + " per fact, set by"
                        + " engine.firingLimitPerFact in policy.yaml); a rule probably keeps re-activating itself", null);
            List<T> out = new ArrayList<>();
            for (Object o : session.getObjects(o -> output.isInstance(o))) out.add(output.cast(o));
            return new Evaluation<>(out, fired, null, null);
        } finally {
            // taken off here rather than left to the pool's reset: the next user must not count into this run
            session.removeEventListener(counter);
            session.dispose();
        }
    }

    /** "LIQ-010 Liquidate below maintenance" has id "LIQ-010". */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
