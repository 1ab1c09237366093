package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;

/** Collects a run's events, per-step metrics and per-account tallies as the stages work. */
final class RunRecorder {
    private final EventLog events = new EventLog();
    private final List<StepMetrics> steps = new ArrayList<>();
    private final QueueLog queues = new QueueLog();

    // the current step's figures, counted as they happen rather than summed from its events at closeStep: a
    // liquidation the vault took has no fill event
    private int liquidations;
    private BigDecimal liquidationNotional = BigDecimal.ZERO;
    private BigDecimal shortfall = BigDecimal.ZERO;
    private BigDecimal fundPaid = BigDecimal.ZERO;
    private int adlCount;
    private BigDecimal adlNotional = BigDecimal.ZERO;
    private BigDecimal adlHaircut = BigDecimal.ZERO;
    private BigDecimal adlCovered = BigDecimal.ZERO;
    private BigDecimal adlProfitClosed = BigDecimal.ZERO;
    private BigDecimal socialized = BigDecimal.ZERO;
    private BigDecimal badDebt = BigDecimal.ZERO;

    /**
     * What happened to one account over the run. Each of the account's pools holds it ({@link PoolState#tally}), so
     * that the hundreds of thousands of fills and events of a crash find it without a look-up by name.
     */
    static final class Tally {
        BigDecimal liquidatedNotional = BigDecimal.ZERO;
        BigDecimal adlSize = BigDecimal.ZERO;
        BigDecimal haircut = BigDecimal.ZERO;
        BigDecimal equityBeforeHaircut;
        BigDecimal profitBeforeHaircut;
        BigDecimal equityAfterHaircut;
        BigDecimal badDebt = BigDecimal.ZERO;
        int events;
    }

    private static Tally tally(PoolState pool) {
        if (pool.tally == null) pool.tally = new Tally();
        return pool.tally;
    }

    /** A liquidation decision is carried out, whether by the book, the backstop vault or both. */
    void liquidationExecuted() { liquidations++; }

    /** A liquidation order filled {@code notional} of the account's positions in the book. */
    void liquidatedInBook(PoolState pool, BigDecimal notional) {
        liquidationNotional = liquidationNotional.add(notional);
        Tally t = tally(pool);
        t.liquidatedNotional = t.liquidatedNotional.add(notional);
    }

    /** A bankrupt pool's deficit once its positions were closed, before any layer paid ({@link WaterfallStage}). */
    void shortfall(BigDecimal deficit) { shortfall = shortfall.add(deficit); }

    void fundPaid(BigDecimal amount) { fundPaid = fundPaid.add(amount); }

    /** What ADL fills brought a bankrupt pool, up to its deficit. */
    void adlCovered(BigDecimal amount) { adlCovered = adlCovered.add(amount); }

    /**
     * ADL closed {@code size} of a winner's position; {@code gain} is what the winner made on the fill against the
     * mark, {@code profitClosed} the profit from entry to the mark that the close took away.
     */
    void adlClosed(PoolState winner, BigDecimal size, BigDecimal notional, BigDecimal gain, BigDecimal profitClosed) {
        adlCount++;
        adlNotional = adlNotional.add(notional);
        // what ADL took from winners against the mark; a counterparty closed better than the mark took nothing
        adlHaircut = adlHaircut.add(Money.positivePart(gain.negate()));
        adlProfitClosed = adlProfitClosed.add(Money.positivePart(profitClosed));
        Tally t = tally(winner);
        t.adlSize = t.adlSize.add(size);
    }

    /** A winner paid {@code amount} of socialised loss ({@link #haircut} for the measures). */
    void socialized(int step, PoolState winner, BigDecimal amount, BigDecimal equityBefore, BigDecimal profitBefore) {
        haircut(step, winner, amount, equityBefore, profitBefore);
        socialized = socialized.add(amount);
    }

    /** The venue wrote off {@code amount} that no layer absorbed. */
    void badDebt(PoolState pool, BigDecimal amount) {
        badDebt = badDebt.add(amount);
        Tally t = tally(pool);
        t.badDebt = t.badDebt.add(amount);
    }

    /** The first ranking of a market side's ADL queue in a step; its places follow ({@link #queuePlace}). */
    void queueRanked(int step, int round, String market, String side, int places) {
        queues.startRanking(step, round, market, side, places);
    }

    void queuePlace(String accountId, BigDecimal positionSize, double score, int percentile, String ruleId) {
        queues.place(accountId, positionSize, score, percentile, ruleId);
    }

    /** A pool's haircuts in the current step against its profit before the first of them ({@link ProfitHaircut}). */
    private static final class StepProfit {
        final BigDecimal profit;
        final boolean measurable;
        BigDecimal haircut = BigDecimal.ZERO;

        StepProfit(BigDecimal profit, BigDecimal equity) {
            this.profit = profit;
            this.measurable = ProfitHaircut.measurable(profit, equity);
        }
    }

    private final Map<PoolState, StepProfit> stepProfits = new java.util.IdentityHashMap<>();
    private int stepProfitsStep = -1;
    /** The largest haircut as a share of profit so far. */
    private ProfitHaircut largestProfitHaircut = ProfitHaircut.NONE;

    ProfitHaircut largestProfitHaircut() { return largestProfitHaircut; }

    List<StepMetrics> steps() { return List.copyOf(steps); }

    /** What happened to an account over the run, with its equity at the start and the end. */
    AccountOutcome outcome(String account, Tally tally, BigDecimal startEquity, BigDecimal endEquity) {
        Tally t = tally == null ? new Tally() : tally;
        return new AccountOutcome(account, Money.clean(startEquity), Money.clean(endEquity), t.liquidatedNotional,
                t.adlSize, t.haircut, t.equityBeforeHaircut == null ? BigDecimal.ZERO : t.equityBeforeHaircut,
                t.profitBeforeHaircut == null ? BigDecimal.ZERO : t.profitBeforeHaircut, t.badDebt, t.events);
    }

    /** Notes a haircut against the pool's profit for {@link ProfitHaircut}: per pool and step. */
    private void profitHaircut(int step, PoolState pool, BigDecimal amount, BigDecimal equityBefore,
            BigDecimal profitBefore) {
        if (step != stepProfitsStep) {
            stepProfits.clear();
            stepProfitsStep = step;
        }
        StepProfit p = stepProfits.computeIfAbsent(pool, k -> new StepProfit(profitBefore, equityBefore));
        p.haircut = p.haircut.add(amount);
        if (!p.measurable) return;
        ProfitHaircut h = new ProfitHaircut(pool.accountId, ProfitHaircut.share(p.haircut, p.profit), p.haircut,
                p.profit, step);
        if (h.beats(largestProfitHaircut)) largestProfitHaircut = h;
    }

    /** An event whose counterparty is no account ({@code @book}, {@code @fund:...}, {@code @vault}, {@code @venue}). */
    void event(RunContext ctx, RunEvent.Kind kind, PoolState pool, String counterparty, String market, Side side,
               BigDecimal size, BigDecimal price, BigDecimal amount, String ruleId, String reason) {
        add(ctx, kind, pool, null, counterparty(counterparty), market, side, size, price, amount, ruleId, reason);
    }

    /** As above, its reason built only when read: a liquidation's fill, recorded by the hundred thousand. */
    void event(RunContext ctx, RunEvent.Kind kind, PoolState pool, String counterparty, String market, Side side,
               BigDecimal size, BigDecimal price, BigDecimal amount, String ruleId,
               java.util.function.Supplier<String> reason) {
        add(ctx, kind, pool, null, counterparty(counterparty), market, side, size, price, amount, ruleId, reason);
    }

    /**
     * An event between two accounts' pools, whose reason is built only when read: for the kinds a crash records by
     * the hundred thousand (ADL fills, clawbacks).
     */
    void event(RunContext ctx, RunEvent.Kind kind, PoolState pool, PoolState counterparty, String market, Side side,
               BigDecimal size, BigDecimal price, BigDecimal amount, String ruleId,
               java.util.function.Supplier<String> reason) {
        add(ctx, kind, pool, counterparty, counterparty.accountId, market, side, size, price, amount, ruleId, reason);
    }

    private static String counterparty(String name) {
        if (name != null && !name.startsWith("@"))
            throw new IllegalStateException("engine bug: account " + name
                    + " named as a counterparty without its pool");
        return name;
    }

    private void add(RunContext ctx, RunEvent.Kind kind, PoolState pool, PoolState counterparty,
                     String counterpartyId, String market, Side side, BigDecimal size, BigDecimal price,
                     BigDecimal amount, String ruleId, Object reason) {
        events.add(ctx.step, ctx.round, kind, pool.accountId, counterpartyId, market, side, size, price, amount,
                pool.cash(), ruleId, reason);
        tally(pool).events++;
        if (counterparty != null) tally(counterparty).events++;
    }

    /**
     * Notes a haircut on a winner. The equity it is measured against grows by whatever the account gained between
     * haircuts, so that several haircuts over a run read as one share of what the account would otherwise have
     * held (at most 100 %); the profit it is measured against is the largest profit seen before a haircut.
     */
    void haircut(int step, PoolState pool, BigDecimal amount, BigDecimal equityBefore, BigDecimal profitBefore) {
        if (amount.signum() <= 0) return;  // a fill better than the mark is not a haircut
        profitHaircut(step, pool, amount, equityBefore, profitBefore);
        Tally t = tally(pool);
        if (t.equityBeforeHaircut == null) {
            t.equityBeforeHaircut = equityBefore;
            t.profitBeforeHaircut = profitBefore;
        } else {
            t.equityBeforeHaircut =
                    t.equityBeforeHaircut.add(Money.positivePart(equityBefore.subtract(t.equityAfterHaircut)));
            t.profitBeforeHaircut = Money.max(t.profitBeforeHaircut, profitBefore);
        }
        t.equityAfterHaircut = equityBefore.subtract(amount);
        t.haircut = t.haircut.add(amount);
    }

    /** The run's events, in the order they happened. */
    List<RunEvent> events() { return events; }

    /** The run's ranked queue places, ranking by ranking, each best first. */
    List<QueueEntry> queues() { return queues; }

    void closeStep(RunContext ctx, int rounds, boolean capHit) {
        Map<String, BigDecimal> marks = new java.util.LinkedHashMap<>();
        for (var e : ctx.markets.entrySet()) marks.put(e.getKey(), e.getValue().mark());
        BigDecimal fund = ctx.ledger.funds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vault = ctx.ledger.vaults.values().stream().map(v -> v.cash())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        steps.add(new StepMetrics(ctx.step, marks, rounds, capHit, liquidations, liquidationNotional, shortfall, fund,
                fundPaid, vault, adlCount, adlNotional, adlHaircut, adlCovered, adlProfitClosed, socialized, badDebt));
        liquidations = 0;
        adlCount = 0;
        liquidationNotional = shortfall = fundPaid = adlNotional = adlHaircut = adlCovered = adlProfitClosed =
                socialized = badDebt
                = BigDecimal.ZERO;
    }
}
