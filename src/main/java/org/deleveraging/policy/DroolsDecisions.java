package org.deleveraging.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deleveraging.engine.PolicySettings.Budget;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.Parameters;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.kie.api.KieBase;
import org.deleveraging.engine.PolicyViolation;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * Evaluates a policy's rules. Each question gets a fresh session holding only that stage's input facts, so a stage's
 * rules see nothing of another's: phase order comes from the engine, not from salience. A question whose rules go
 * over their budget (firings, inserts, wall-clock time) is stopped with {@link RunawayPolicyException}; a rule that
 * fails, or reaches outside the sandbox at run time, stops the run with a {@link PolicyViolation} naming it.
 */
final class DroolsDecisions implements Decisions {
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final Parameters parameters;
    private final Budget budget;
    private final Map<String, Integer> firings = new TreeMap<>();

    /** Candidates per ranking session when the ranking rules judge each candidate alone ({@link RankingRules}). */
    static final int RANKING_BATCH = 8192;
    private final int rankingBatch;
    /**
     * Whether the rules read the {@code params} global. Asked once: setting an undeclared global throws, and a
     * policy without parameters paid for an exception in each of its hundreds of thousands of sessions.
     */
    private final boolean declaresParams;
    /** The run's cancellation ({@link #cancelWith}): read before every 1,024 inserts and every 64 firings. */
    private volatile Cancellation cancel = Cancellation.NEVER;
    /** Off with -Ddeleveraging.rules.parallelRanking=false, to measure or rule out the second core. */
    private final boolean parallelRanking = !"false".equals(System.getProperty("deleveraging.rules.parallelRanking"));

    DroolsDecisions(KieBase kieBase, KieSessionsPool sessions, Parameters parameters, Budget budget) {
        this(kieBase, sessions, parameters, budget,
                RankingRules.judgeEachCandidateAlone(kieBase) ? RANKING_BATCH : Integer.MAX_VALUE);
    }

    /**
     * @param sessions the rules' sessions, reused: a session handed back is reset to what a new one would be
     * @param rankingBatch candidates per ranking session (tests set a small one to compare with a single session)
     */
    DroolsDecisions(KieBase kieBase, KieSessionsPool sessions, Parameters parameters, Budget budget, int rankingBatch) {
        this.kieBase = kieBase;
        this.sessions = sessions;
        this.parameters = parameters;
        this.budget = budget;
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
        long deadline = deadline();
        List<Evaluation<AdlScore>> done = batches.size() < 2 || !parallelRanking
                ? batches.stream().map(b -> session("ADL ranking", b, AdlScore.class, deadline)).toList()
                : batches.parallelStream().map(b -> session("ADL ranking", b, AdlScore.class, deadline)).toList();
        List<AdlScore> out = new ArrayList<>(candidates.size());
        for (Evaluation<AdlScore> e : done) out.addAll(e.outputs());
        for (Evaluation<AdlScore> e : done) count(e);
        for (Evaluation<AdlScore> e : done) e.throwIfStopped();
        return out;
    }

    @Override
    public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
        return evaluate("ADL close price", positions, AdlClosePrice.class);
    }

    @Override
    public void cancelWith(Cancellation cancel) { this.cancel = cancel; }

    @Override
    public Map<String, Integer> firings() { return firings; }

    private <T> List<T> evaluate(String stage, Collection<?> facts, Class<T> output) {
        Evaluation<T> e = session(stage, facts, output, deadline());
        count(e);
        e.throwIfStopped();
        return e.outputs();
    }

    /**
     * One session's decisions, how often each rule fired, and what stopped it: a budget, or a rule that threw. Batches
     * report what stopped them in batch order, so a failing ranking names the same rule and candidate
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

    /**
     * Runs one session within the budget; touches nothing of this object's state, so that ranking batches can run side
     * by side. Each firing is a bounded amount of work (the sandbox refuses loops and recursion), so checking the
     * budget before every firing stops a runaway policy within a firing or so of going over.
     */
    private <T> Evaluation<T> session(String stage, Collection<?> facts, Class<T> output, long deadline) {
        if (facts.isEmpty()) return new Evaluation<>(List.of(), Map.of(), null, null);
        KieSession session = sessions.newKieSession();
        Watch watch = new Watch(session, stage, facts.size(), deadline);
        session.addEventListener(watch);
        try {
            if (declaresParams) session.setGlobal("params", parameters);
            int inserted = 0;
            // the entry point looked up once: session.insert looks it up by name for every fact, which was a sixth of
            // the rules' time in a ranking of half a million candidates
            org.kie.api.runtime.rule.EntryPoint entry = session.getEntryPoint("DEFAULT");
            for (Object f : facts) {
                if ((++inserted & 1023) == 0) cancel.check();
                entry.insert(f);
            }
            int count;
            try {
                count = session.fireAllRules(watch.firingLimit);
            } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError ruleFailed) {
                cancel.check();
                if (watch.stop != null) return new Evaluation<>(List.of(), watch.fired, watch.stop, null);
                return new Evaluation<>(List.of(), watch.fired, null, failure(ruleFailed, watch.current()));
            }
            // halted for a cancellation (Watch): the run unwinds, nothing of this session is used
            cancel.check();
            watch.checkInserts();
            if (watch.stop == null && count >= watch.firingLimit)
                watch.stop = "rule " + watch.current() + " kept the " + stage + " rules firing: " + count
                        + " times for "
                        + facts.size() + " facts (limit " + budget.firingLimitPerFact()
                        + " per fact, engine.firingLimitPerFact"
                        + " in policy.yaml); a rule probably keeps re-activating itself";
            if (watch.stop != null) return new Evaluation<>(List.of(), watch.fired, watch.stop, null);
            List<T> out = new ArrayList<>();
            for (Object o : session.getObjects(o -> output.isInstance(o))) out.add(output.cast(o));
            return new Evaluation<>(out, watch.fired, null, null);
        } finally {
            // taken off here rather than left to the pool's reset: the next user must not count into this run
            session.removeEventListener(watch);
            session.dispose();
        }
    }

    /**
     * A rule that threw is the policy's failure, not the engine's: reported with the rule's id, and as a
     * {@link PolicyViolation} when the sandbox refused what it reached for at run time (a class outside the
     * allow-list).
     */
    private static RuntimeException failure(Throwable t, String rule) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String who = rule == null ? "the rules" : "rule " + rule;
        if (cause instanceof ClassNotFoundException || cause instanceof LinkageError) {
            // "java.lang.Runtime is not allowed…", "java/lang/System", or Drools' cached "java.lang.Runtime (Note: …)"
            String name = String.valueOf(cause.getMessage()).split("[\\s(]", 2)[0].replace('/', '.');
            return new PolicyViolation(who + " reached for " + name
                    + ", a class outside the sandbox: it is not allowed in a policy");
        }
        if (cause instanceof OutOfMemoryError)
            return new RunawayPolicyException(who + " ran out of memory (" + cause.getMessage() + ")");
        if (cause instanceof StackOverflowError)
            return new RunawayPolicyException(who + " overflowed the stack");
        return new PolicyViolation(who + " failed: " + cause, t);
    }

    /**
     * The budget of one question, watched as its rules run: firings, inserts and wall-clock time, checked before each
     * firing (time every {@link #CLOCK_EVERY} firings: a ranking fires millions of times). Inserts are read from the
     * session's fact count rather than an insert listener, which would have Drools build an event per fact. Firings
     * are counted per rule object and added up once.
     */
    private final class Watch extends DefaultAgendaEventListener {
        private static final int CLOCK_EVERY = 64;
        // sized for the few rules a question fires: a crash asks hundreds of thousands of waterfall and close-price
        // questions, and the default table was a third of a gigabyte of garbage per 1M run
        final Map<org.kie.api.definition.rule.Rule, int[]> fired = new java.util.IdentityHashMap<>(4);
        final int firingLimit;
        private final long factLimit;
        private final KieSession session;
        private final String stage;
        private final long deadline;
        private int firings;
        /** The rule firing now; its id is worked out only for a message (a ranking fires millions of times). */
        private org.kie.api.definition.rule.Rule firing;
        String stop;

        Watch(KieSession session, String stage, int facts, long deadline) {
            this.session = session;
            this.stage = stage;
            this.deadline = deadline;
            this.firingLimit = (int) Math.min(Integer.MAX_VALUE, (long) facts * budget.firingLimitPerFact() + 100);
            this.factLimit = facts + (long) facts * budget.insertLimitPerFact() + 100;
        }

        @Override public void beforeMatchFired(BeforeMatchFiredEvent event) {
            firing = event.getMatch().getRule();
            checkInserts();
            if (++firings % CLOCK_EVERY != 0) return;
            if (cancel.requested()) {
                session.halt();
                return;
            }
            if (System.nanoTime() - deadline > 0)
                halt("rule " + current() + " went over the " + stage + " rules' time budget of "
                        + budget.timeLimitSeconds() + " s (engine.timeLimitSeconds in policy.yaml)");
        }

        @Override public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.computeIfAbsent(event.getMatch().getRule(), r -> new int[1])[0]++;
        }

        /**
         * The rules only insert (the sandbox allows nothing else), so the session's facts beyond its input are theirs.
         */
        void checkInserts() {
            if (session.getFactCount() > factLimit)
                halt("rule " + current() + " inserted more than " + budget.insertLimitPerFact()
                        + " facts per input fact in"
                        + " the " + stage + " rules (engine.insertLimitPerFact in policy.yaml)");
        }

        /** The id of the rule firing now, null before the first firing. */
        String current() { return firing == null ? null : ruleId(firing.getName()); }

        private void halt(String why) {
            if (stop == null) stop = why;
            session.halt();
        }
    }

    /** When one question's rules must have answered, by the wall-clock part of the budget. */
    private long deadline() { return System.nanoTime() + budget.timeLimitSeconds() * 1_000_000_000L; }

    /** "LIQ-010 Liquidate below maintenance" has id "LIQ-010". */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
