package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.facts.PoolRisk;

/**
 * Margin check and liquidation: the engine measures every pool, the policy's rules decide which pools are
 * liquidated and how much, and the engine fills the orders in the book. Pools left below zero or with size the book
 * would not take are returned as bankrupt, for the waterfall.
 */
final class LiquidationStage {
    private final RunContext ctx;
    /** Tests set this to measure every skipped pool anyway and fail the run if the screen would have shown it. */
    private final boolean checkSkips = Boolean.getBoolean("deleveraging.engine.checkMarginSkips");

    private final MarginWatch watch;
    /** The figures of the pool measured last, reused from pool to pool ({@link Measured}). */
    private final Measured measured = new Measured();
    private final MarginScreen screened;
    /** The fee to close charged in maintenance, a rate of the value at the mark (0: none). */
    private final double closeFee;

    LiquidationStage(RunContext ctx) {
        this.ctx = ctx;
        this.watch = new MarginWatch(ctx.ledger.pools);
        PolicySettings.FeeToClose toClose = ctx.settings.liquidation().feeToClose();
        BigDecimal fee = toClose.inMaintenance() ? toClose.rate() : BigDecimal.ZERO;
        this.screened = new MarginScreen(ctx.settings.liquidation().screen(), fee);
        this.closeFee = fee.doubleValue();
    }

    /**
     * A bankrupt pool, the rule that liquidated it, and its maintenance margin when it was liquidated: what the
     * insurance fund may keep of any equity the waterfall leaves it.
     */
    record Bankrupt(PoolState pool, String ruleId, String lastMarket, BigDecimal maintenance) {}

    record Outcome(int decided, List<Bankrupt> bankrupt) {}

    Outcome run() {
        // the pools at risk in pool order, their figures and states side by side
        List<PoolRisk> risks = new ArrayList<>();
        List<PoolState> atRisk = new ArrayList<>();
        BigDecimal screen = ctx.settings.liquidation().screen();
        List<PoolState> pools = ctx.ledger.pools;
        BitSet due = ctx.ledger.takeChanged();
        watch.collectDue(due);
        // in pool order, as a scan of every pool would meet them
        for (int id = due.nextSetBit(0); id >= 0; id = due.nextSetBit(id + 1)) {
            ctx.cancel.check();
            PoolState pool = pools.get(id);
            if (!pool.hasOpenPositions()) continue;
            // healthy pools are not the rules' business (see PolicySettings.Liquidation); most are so beyond doubt
            if (screened.healthy(pool)) {
                if (checkSkips) checkSkip(pool, screen);
                keepWatching(pool, screened.equity, screened.maintenance, screened.notional, screened.topRate,
                        screened.slack);
                continue;
            }
            Measured m = measure(pool);
            if (!m.atRisk(screen)) {
                keepWatching(pool, m.equity.doubleValue(), m.maintenance.doubleValue(), m.notional.doubleValue(),
                        topRate(pool), 0);
                continue;
            }
            ctx.ledger.changed(pool);  // measured again next round, whatever the rules decide
            risks.add(m.risk(pool, ctx));
            atRisk.add(pool);
        }
        if (checkSkips)
            for (PoolState pool : pools)
                if (!due.get(pool.id) && pool.hasOpenPositions()) checkSkip(pool, screen);
        if (risks.isEmpty()) return new Outcome(0, List.of());
        int[] riskIds = new int[risks.size()];
        for (int i = 0; i < riskIds.length; i++) riskIds[i] = risks.get(i).getPoolId();
        // by pool, in the order the rules gave them (a stable sort), so that each pool's decisions fold in that order
        List<LiquidationDecision> decisions = new ArrayList<>(ctx.decisions.liquidations(risks));
        for (LiquidationDecision d : decisions) checkDecision(d, riskIds, risks);
        decisions.sort(Comparator.comparingInt(LiquidationDecision::getPoolId));
        List<Bankrupt> bankrupt = new ArrayList<>();
        int decided = 0;
        for (int i = 0; i < decisions.size(); ) {
            ctx.cancel.check();
            LiquidationDecision d = decisions.get(i++);
            while (i < decisions.size() && decisions.get(i).getPoolId() == d.getPoolId()) d = moreSevere(d,
                    decisions.get(i++));
            decided++;
            int at = Arrays.binarySearch(riskIds, d.getPoolId());
            Bankrupt b = execute(atRisk.get(at), d, risks.get(at).getMaintenanceMargin());
            if (b != null) bankrupt.add(b);
        }
        return new Outcome(decided, bankrupt);
    }

    /**
     * A decision is carried out only about a pool at risk the rules were shown this round, as the pool they were
     * shown, with an action and a fraction the engine can execute: anything else is forged, and aborts the run.
     */
    private void checkDecision(LiquidationDecision d, int[] riskIds, List<PoolRisk> risks) {
        if (d == null) throw new PolicyViolation("a liquidation rule answered with a null decision");
        String rule = d.getRuleId();
        if (rule == null) throw new PolicyViolation("a liquidation rule decided on account " + d.getAccountId()
                + " without a rule id");
        if (d.getAction() == null) throw new PolicyViolation("rule " + rule + " decided on account " + d.getAccountId()
                + " without an action");
        int at = Arrays.binarySearch(riskIds, d.getPoolId());
        if (at < 0) throw notAtRisk(d);
        String account = risks.get(at).getAccountId();
        if (!account.equals(d.getAccountId()))
            throw new PolicyViolation("rule " + rule + " decided " + d.getAction() + " for margin pool " + d.getPoolId()
                    + " as account " + d.getAccountId() + "'s, but the pool at risk it was given is account " + account
                    + "'s");
        BigDecimal fraction = d.getFraction();
        if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0)
            throw new PolicyViolation("rule " + rule + " gave account " + account + " the liquidation fraction "
                    + (fraction == null ? "null" : fraction.toPlainString()) + "; a fraction must be in (0, 1]");
        if (d.getReason() == null)
            throw new PolicyViolation("rule " + rule + " decided " + d.getAction() + " for account " + account
                    + " without a reason");
    }

    private PolicyViolation notAtRisk(LiquidationDecision d) {
        int id = d.getPoolId();
        List<PoolState> pools = ctx.ledger.pools;
        if (id < 0 || id >= pools.size())
            return new PolicyViolation("rule " + d.getRuleId() + " decided " + d.getAction() + " for margin pool " + id
                    + " (account " + d.getAccountId()
                    + "), which does not exist; a decision must be about a pool at risk it was given");
        return new PolicyViolation("rule " + d.getRuleId() + " decided " + d.getAction() + " for account "
                + pools.get(id)
                .accountId + "'s margin pool " + id + ", which was not among the pools at risk it was given");
    }

    /**
     * A pool's figures as the margin check measures them. Most pools it measures are healthy and are not shown to the
     * rules: their figures stay sums in longs where they can ({@link ExactSum}), and only a pool at risk gets its
     * {@link PoolRisk}.
     */
    private static final class Measured {
        final ExactSum maintenance = new ExactSum();
        final ExactSum notional = new ExactSum();
        int tier;
        String market;
        BigDecimal equity;

        /** The screen: equity not positive, or below screen x maintenance margin. */
        boolean atRisk(BigDecimal screen) {
            return equity.signum() <= 0 || compareToProduct(equity, maintenance, screen) < 0;
        }

        PoolRisk risk(PoolState pool, RunContext ctx) {
            return new PoolRisk(pool.id, pool.accountId, pool.isolated, market, equity, maintenance.value(),
                    notional.value(), tier, ctx.step, ctx.round);
        }
    }

    /** {@code a.compareTo(b.value().multiply(c))}, in longs when the three are small enough for it. */
    private static int compareToProduct(BigDecimal a, ExactSum b, BigDecimal c) {
        long ua = Money.unscaled(a), ub = b.smallUnscaled(), uc = Money.unscaled(c);
        if (ua != Money.NOT_SMALL && ub != Money.NOT_SMALL && uc != Money.NOT_SMALL) {
            int productScale = b.scale() + c.scale();
            int common = Math.max(a.scale(), productScale);
            try {
                long product = Money.scaleUp(Math.multiplyExact(ub, uc), common - productScale);
                return Long.compare(Money.scaleUp(ua, common - a.scale()), product);
            } catch (ArithmeticException overflow) {
                // the BigDecimal arithmetic below
            }
        }
        return a.compareTo(b.value().multiply(c));
    }

    private void checkSkip(PoolState pool, BigDecimal screen) {
        Measured m = measure(pool);
        if (m.atRisk(screen))
            throw new IllegalStateException("engine bug: the margin check skipped pool " + pool.id + " of "
                    + pool.accountId + " (equity " + m.equity + ", maintenance " + m.maintenance.value() + ")");
    }

    /**
     * A pool found healthy waits in the watch until its markets have moved far enough to matter. {@code slack}: the
     * error its figures may hold, none when measured exactly ({@link MarginScreen}).
     */
    private void keepWatching(PoolState pool, double equity, double maintenance, double notional, double topRate,
                              double slack) {
        double fee = closeFee;
        if (fee > 0 && chargedAtEntry(pool)) {
            // the fee is a rate of the value at the mark, the table's of the value at entry: no one notional bounds
            // both, so such a pool is measured each round
            ctx.ledger.changed(pool);
            return;
        }
        // with the fee in maintenance, a pool's maintenance grows at most at (rate + fee) x its notional at the mark
        double screen = ctx.settings.liquidation().screen().doubleValue();
        double rate = screen * (topRate + fee);
        double weighted = rate * notional;
        // a margin for the doubles' rounding, far above it and far below any amount that matters
        double headroom = equity - weighted - 1e-9 * (Math.abs(equity) + weighted) - 1e-9 - slack;
        if (headroom > 0) {
            watch.healthy(pool, headroom, rate);
            return;
        }
        // healthy, but not by the top rate's bound: the tiers its positions are in may still bound it
        double charged = Math.max(0, screen * maintenance);
        double within = equity - charged - 1e-9 * (Math.abs(equity) + charged) - 1e-9 - slack;
        if (!(within > 0 && watch.healthyWithinTiers(pool, within, screen, fee))) ctx.ledger.changed(pool);
    }

    private static boolean chargedAtEntry(PoolState pool) {
        for (PositionState p : pool.positions()) if (p.isOpen() && p.state.schedule.chargedAtEntry()) return true;
        return false;
    }

    private static double topRate(PoolState pool) {
        double top = 0;
        for (PositionState p : pool.positions()) if (p.isOpen()) top = Math.max(top, p.state.topRate);
        return top;
    }

    private static LiquidationDecision moreSevere(LiquidationDecision a, LiquidationDecision b) {
        int c = Integer.compare(a.getAction().ordinal(), b.getAction().ordinal());
        if (c != 0) return c > 0 ? a : b;
        return a.getRuleId().compareTo(b.getRuleId()) <= 0 ? a : b;
    }

    /** Measures the pool into {@link #measured}, which the next measure overwrites. */
    private Measured measure(PoolState pool) {
        Measured m = measured;
        m.maintenance.clear();
        m.notional.clear();
        int tier = 1;
        String market = "*";
        for (PositionState p : pool.positions()) {
            if (!p.isOpen()) continue;
            BigDecimal n = ctx.marginBase(p);
            MarginSchedule s = ctx.schedule(p);
            m.maintenance.add(ctx.maintenance(p, n));
            m.notional.add(n);
            tier = Math.max(tier, s.tierIndex(n) + 1);
            if (pool.isolated) market = p.market.symbol();
        }
        m.tier = tier;
        m.market = market;
        m.equity = pool.cash();
        return m;
    }

    private Bankrupt execute(PoolState pool, LiquidationDecision d, BigDecimal maintenance) {
        ctx.recorder.liquidationExecuted();
        String lastMarket = pool.openPositions().get(0).market.symbol();
        if (d.getAction() == Action.BACKSTOP && backstop(pool, d.getRuleId(), d.getReason())) return null;
        boolean closeAll = d.getAction() == Action.CLOSE_ALL || d.getAction() == Action.BACKSTOP;
        for (PositionState p : pool.openPositions()) {
            BigDecimal size = closeAll ? p.size() : reduction(p, d);
            if (size.signum() <= 0) continue;
            lastMarket = p.market.symbol();
            closeInBook(p, size, limitFor(p), d.getRuleId(), d.getReason());
        }
        if (!closeAll && pool.cash().signum() < 0) {
            // a pool below zero is bankrupt whatever the rule asked: close what is left
            for (PositionState p : pool.openPositions())
                closeInBook(p, p.size(), limitFor(p), d.getRuleId(),
                        "equity fell below zero during a partial liquidation");
            closeAll = true;
        }
        if (pool.cash().signum() < 0 || (closeAll && pool.hasOpenPositions())) return new Bankrupt(pool, d.getRuleId(),
                lastMarket, maintenance);
        if (!pool.hasOpenPositions()) keepSurplus(pool, maintenance, lastMarket, d.getRuleId());
        return null;
    }

    private BigDecimal reduction(PositionState p, LiquidationDecision d) {
        if (d.getAction() == Action.REDUCE_FRACTION) {
            if (d.getFraction().compareTo(BigDecimal.ONE) == 0) return p.size();
            BigDecimal q = p.market.toLotsDown(p.size().multiply(d.getFraction()));
            return q.signum() > 0 ? q : Money.min(p.size(), p.market.lotSize());
        }
        MarginSchedule s = ctx.schedule(p);
        BigDecimal n = ctx.marginBase(p);
        int idx = s.tierIndex(n);
        if (idx == 0) return BigDecimal.ZERO;
        BigDecimal floor = s.tiers().get(idx).floor();
        BigDecimal keep = p.market.toLotsDown(p.size().multiply(floor).divide(n, Money.SCALE, Money.ROUNDING));
        return p.size().subtract(keep);
    }

    private BigDecimal limitFor(PositionState p) {
        OrderLimit l = ctx.settings.liquidation().orderLimit();
        BigDecimal mark = ctx.mark(p);
        return switch (l) {
            case NONE -> null;
            case SLIPPAGE -> p.side == Side.LONG
                    ? mark.multiply(BigDecimal.ONE.subtract(ctx.settings.liquidation().slippage()))
                    : mark.multiply(BigDecimal.ONE.add(ctx.settings.liquidation().slippage()));
            case BANKRUPTCY -> bankruptcyPrice(p);
        };
    }

    /** Bankruptcy price of a position, on the tick grid (see {@link #equityShare}). */
    BigDecimal bankruptcyPrice(PositionState p) {
        BigDecimal raw = p.market.bankruptcyPrice(p.side, p.size(), ctx.mark(p), equityShare(p),
                ctx.settings.liquidation().feeToClose().rate());
        return p.market.toTickTowardsSafety(p.side, raw);
    }

    /**
     * The part of its pool's equity a position answers for: all of it in an isolated pool; in a cross pool a share in
     * proportion to notional, so that a small position is not priced to carry the whole account's deficit. Closing
     * each open position at its bankruptcy price in turn still brings the pool to zero.
     */
    private BigDecimal equityShare(PositionState p) {
        if (p.pool.openCount() <= 1) return p.pool.cash();
        ExactSum sum = new ExactSum();
        for (PositionState q : p.pool.positions()) if (q.isOpen()) sum.add(ctx.notional(q));
        BigDecimal total = sum.value();
        if (total.signum() == 0) return p.pool.cash();
        return p.pool.cash().multiply(ctx.notional(p)).divide(total, Money.SCALE, Money.ROUNDING);
    }

    /**
     * Fills what the book gives for {@code size} of {@code p} at prices no worse than {@code limit}; returns the filled
     * size.
     */
    BigDecimal closeInBook(PositionState p, BigDecimal size, BigDecimal limit, String ruleId, String reason) {
        MarketState ms = ctx.market(p.market.symbol());
        MarketState.Fill fill = ms.quote(p.side, size, limit);
        if (fill.isEmpty()) return BigDecimal.ZERO;
        BigDecimal bp = bankruptcyPrice(p);
        ms.commit(p.side, fill);
        BigDecimal value = p.market.pnl(p.side, fill.size(), ms.mark(), fill.price());
        ctx.ledger.poolWithBook(p, value);
        p.resize(p.size().subtract(fill.size()));
        BigDecimal notional = p.market.notional(fill.size(), fill.price());
        ctx.recorder.liquidatedInBook(p.pool, notional);
        ctx.recorder.event(ctx, RunEvent.Kind.LIQUIDATION, p.pool, "@book", p.market.symbol(), p.side,
                fill.size(), fill.price(), value, ruleId,
                () -> reason + " (bankruptcy price " + bp.toPlainString() + ")");
        chargeFee(p, notional, ruleId);
        return fill.size();
    }

    private void chargeFee(PositionState p, BigDecimal notional, String ruleId) {
        // a clearance fee, and the taker fee to close that the bankruptcy price reserved
        BigDecimal rate = ctx.settings.liquidation().feeRate().add(ctx.settings.liquidation().feeToClose().rate());
        if (rate.signum() == 0) return;
        String key = ctx.fundKey(p.market.symbol(), p.pool.asset);
        if (key == null) return;
        BigDecimal fee = Money.min(notional.multiply(rate), Money.positivePart(p.pool.cash()));
        if (fee.signum() <= 0) return;
        ctx.ledger.poolToFund(p.pool, key, p.state, fee);
        ctx.fundMarketFlow(key, p.market.symbol(), fee);
        ctx.recorder.event(ctx, RunEvent.Kind.FEE, p.pool, "@fund:" + key, p.market.symbol(), p.side,
                null, null, fee.negate(), ruleId,
                "liquidation clearance fee of " + rate.toPlainString() + " of notional");
    }

    /** After a full close-out, the insurance fund may keep what is left up to the maintenance margin. */
    void keepSurplus(PoolState pool, BigDecimal maintenance, String market, String ruleId) {
        if (ctx.settings.liquidation().surplusTo() != SurplusTo.INSURANCE_FUND || pool.cash().signum() <= 0) return;
        String key = ctx.fundKey(market, pool.asset);
        if (key == null) return;
        BigDecimal surplus = maintenance == null ? pool.cash() : Money.min(pool.cash(), maintenance);
        ctx.ledger.poolToFund(pool, key, ctx.market(market), surplus);
        ctx.fundMarketFlow(key, market, surplus);
        ctx.recorder.event(ctx, RunEvent.Kind.SURPLUS, pool, "@fund:" + key, market, null, null, null,
                surplus.negate(), ruleId,
                "equity left after the close-out, up to the maintenance margin, goes to the insurance fund");
    }

    /** Hands a pool to the backstop vault if the vault's equity covers the pool's deficit. */
    boolean backstop(PoolState pool, String ruleId, String reason) {
        PoolState vault = ctx.ledger.vaults.get(pool.asset);
        if (vault == null || vault.cash().add(pool.cash()).signum() < 0) return false;
        List<PositionState> moved = pool.openPositions();
        BigDecimal equity = pool.cash();
        for (PositionState p : moved) {
            ctx.recorder.event(ctx, RunEvent.Kind.BACKSTOP, pool, "@vault", p.market.symbol(), p.side,
                    p.size(), ctx.mark(p), null, ruleId, reason);
            pool.remove(p);
            p.pool = vault;
            p.enteredAt(ctx.mark(p));
            vault.add(p);
        }
        ctx.ledger.poolToPool(pool, vault, equity);
        ctx.recorder.event(ctx, RunEvent.Kind.BACKSTOP, pool, "@vault", null, null, null, null,
                equity.negate(), ruleId, "the vault keeps the account's remaining equity of " + equity.toPlainString());
        return true;
    }

    static Comparator<PoolState> byId() { return Comparator.comparingInt(p -> p.id); }
}
