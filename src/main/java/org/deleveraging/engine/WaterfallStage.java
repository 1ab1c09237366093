package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.Shortfall;

/**
 * The loss waterfall: for each bankrupt pool the policy's rules choose which layers may pay and in what order; the
 * engine runs them until the pool is flat and not below zero. A socialised-loss layer ends the pool's own waterfall:
 * its deficit joins the clawback of the round or of the step ({@link PolicySettings.Haircut#settlement()}), settled
 * once for all such deficits. What no layer absorbs, the venue takes over at the mark and writes off as bad debt.
 */
final class WaterfallStage {
    private final RunContext ctx;
    private final LiquidationStage liquidation;
    private final AdlStage adl;
    private final HaircutStage haircut;
    /** Deficits waiting for the clawback of a quiet round, with the liquidations that left them. */
    private final List<HaircutStage.Pending> waitingClawback = new ArrayList<>();
    private final List<LiquidationStage.Bankrupt> waitingPools = new ArrayList<>();

    WaterfallStage(RunContext ctx, LiquidationStage liquidation, AdlStage adl, HaircutStage haircut) {
        this.ctx = ctx;
        this.liquidation = liquidation;
        this.adl = adl;
        this.haircut = haircut;
    }

    void run(List<LiquidationStage.Bankrupt> bankrupt) {
        BitSet excluded = ids(bankrupt);
        adl.exclude(excluded);
        List<HaircutStage.Pending> clawback = new ArrayList<>();
        List<LiquidationStage.Bankrupt> awaiting = new ArrayList<>();
        for (LiquidationStage.Bankrupt b : bankrupt) {
            ctx.cancel.check();
            HaircutStage.Pending pending = resolve(b);
            if (pending == null) continue;
            clawback.add(pending);
            awaiting.add(b);
        }
        if (ctx.settings.haircut().settlement() == PolicySettings.Period.ROUND) {
            clawBack(clawback, awaiting, excluded);
            return;
        }
        // the deficits wait for a quiet round; their positions do not wait in the market
        for (LiquidationStage.Bankrupt b : awaiting) takeOverPositions(b.pool());
        waitingClawback.addAll(clawback);
        waitingPools.addAll(awaiting);
    }

    /**
     * Settles the deficits that waited for the clawback together, then closes them; returns whether there were any.
     * Called when a round of the cascade liquidated nobody, and at the end of the step.
     */
    boolean settleClawback() {
        if (waitingPools.isEmpty()) return false;
        clawBack(waitingClawback, waitingPools, ids(waitingPools));
        waitingClawback.clear();
        waitingPools.clear();
        return true;
    }

    /** Deficits that reached the socialised-loss layer are paid together by winners, then closed like the others. */
    private void clawBack(List<HaircutStage.Pending> deficits, List<LiquidationStage.Bankrupt> pools,
            BitSet notWinners) {
        haircut.socialize(deficits, notWinners);
        for (LiquidationStage.Bankrupt b : pools) venueTakeover(b.pool(), b.ruleId(), b.lastMarket(), b.maintenance());
    }

    /** The pools' ids; the vault (a negative id) is never a counterparty or a winner anyway. */
    private static BitSet ids(List<LiquidationStage.Bankrupt> pools) {
        BitSet out = new BitSet();
        for (LiquidationStage.Bankrupt b : pools) if (b.pool().id >= 0) out.set(b.pool().id);
        return out;
    }

    /** Runs the chosen layers; returns the pool's clawback claim when it reached the socialised-loss layer. */
    private HaircutStage.Pending resolve(LiquidationStage.Bankrupt b) {
        PoolState pool = b.pool();
        Shortfall shortfall = shortfall(pool, b.lastMarket());
        // the pool's equity when handed over, then every loss a layer's close adds to it: what the step's shortfall
        // counts
        BigDecimal afterCloses = pool.cash();
        String fundKey = ctx.fundKey(shortfall.getMarket(), pool.asset);
        List<LayerChoice> layers =
                new ArrayList<>(ctx.decisions.waterfall(shortfall, fundState(fundKey, shortfall.getMarket()),
                backstopState(pool.asset)));
        for (LayerChoice layer : layers) checkChoice(layer, shortfall);
        layers.sort(Comparator.comparingInt(LayerChoice::getOrder).thenComparing(LayerChoice::getRuleId));
        // a layer runs once per place in the order: a policy may call the fund again after ADL (FTX's blended price)
        Set<String> done = new HashSet<>();
        boolean adlTookPart = false;
        for (LayerChoice layer : layers) {
            if (resolved(pool)) break;
            if (!done.add(layer.getLayer() + "@" + layer.getOrder())) continue;
            switch (layer.getLayer()) {
                case BACKSTOP -> liquidation.backstop(pool, layer.getRuleId(), layer.getReason());
                case INSURANCE_FUND ->
                        afterCloses = afterCloses.add(insuranceFund(pool, fundKey, shortfall.getMarket(), layer));
                case ADL -> {
                    adlTookPart = true;
                    afterCloses = afterCloses.add(adl.deleverage(pool, layer));
                }
                case SOCIALIZED_LOSS -> {
                    // the clawback pays deficits, not positions: what is still open is closed by the venue first
                    if (pool.cash().signum() < 0) {
                        recordShortfall(afterCloses);
                        return new HaircutStage.Pending(pool, layer);
                    }
                }
            }
        }
        if (fundKey != null) ctx.fundMarketAdlEngaged.put(RunContext.fundMarket(fundKey, shortfall.getMarket()),
                adlTookPart);
        recordShortfall(afterCloses);
        venueTakeover(pool, b.ruleId(), shortfall.getMarket(), b.maintenance());
        return null;
    }

    /**
     * The step's shortfall counts, for each pool that went bankrupt in it, its deficit once its positions were
     * closed and before any layer paid: its equity when handed to the waterfall, less what the closes the layers made
     * lost against the mark (the fund's fills in the book and their fees, ADL fills at a price worse than the mark
     * for it), when that is below zero. The layers then pay exactly this: fund paid + ADL covered + what the backstop
     * vault took on + socialised loss + bad debt (src/docs/workbench.md, "The step table").
     */
    private void recordShortfall(BigDecimal afterCloses) {
        ctx.recorder.shortfall(Money.positivePart(afterCloses.negate()));
    }

    /**
     * A layer is run only for the shortfall the rules were shown, and only a layer the engine knows: a choice naming
     * another pool would spend a fund or a queue on a pool that never asked, and aborts the run.
     */
    private void checkChoice(LayerChoice layer, Shortfall shortfall) {
        if (layer == null) throw new PolicyViolation("a waterfall rule answered with a null layer choice");
        String rule = layer.getRuleId();
        if (rule == null)
            throw new PolicyViolation("a waterfall rule chose " + layer.getLayer() + " for account "
                    + shortfall.getAccountId() + "'s shortfall without a rule id");
        if (layer.getPoolId() != shortfall.getPoolId())
            throw new PolicyViolation("rule " + rule + " chose " + layer.getLayer() + " for "
                    + poolName(layer.getPoolId())
                    + ", but the shortfall it was given is account " + shortfall.getAccountId() + "'s margin pool "
                    + shortfall.getPoolId());
        if (layer.getLayer() == null)
            throw new PolicyViolation("rule " + rule + " chose no layer for account " + shortfall.getAccountId()
                    + "'s shortfall; a layer choice must name one of "
                    + java.util.Arrays.toString(LayerChoice.Layer.values()));
        if (layer.getLimit() != null
                && (layer.getLayer() != LayerChoice.Layer.INSURANCE_FUND || layer.getLimit().signum() < 0))
            throw new PolicyViolation("rule " + rule + " chose " + layer.getLayer() + " for account "
                    + shortfall.getAccountId()
                    + "'s shortfall with a limit of " + layer.getLimit()
                    .toPlainString() + "; only an insurance fund takes a"
                    + " limit, and it is not negative");
        if (layer.getReason() == null)
            throw new PolicyViolation("rule " + rule + " chose " + layer.getLayer() + " for account "
                    + shortfall.getAccountId() + "'s shortfall without a reason");
    }

    private String poolName(int id) {
        List<PoolState> pools = ctx.ledger.pools;
        return id >= 0 && id < pools.size() ? "account " + pools.get(id).accountId + "'s margin pool " + id
                : "margin pool " + id + ", which does not exist";
    }

    private static boolean resolved(PoolState pool) { return !pool.hasOpenPositions() && pool.cash().signum() >= 0; }

    private Shortfall shortfall(PoolState pool, String lastMarket) {
        List<PositionState> open = pool.openPositions();
        String market = open.isEmpty() ? lastMarket : open.get(0).market.symbol();
        Map<String, BigDecimal> unfilled = new TreeMap<>();
        BigDecimal notional = BigDecimal.ZERO;
        for (PositionState p : open) {
            unfilled.merge(p.market.symbol(), p.size(), BigDecimal::add);
            notional = notional.add(ctx.notional(p));
        }
        return new Shortfall(pool.id, pool.accountId, market, pool.asset, unfilled, notional,
                Money.positivePart(pool.cash().negate()), ctx.step);
    }

    private FundState fundState(String key, String market) {
        if (key == null) return new FundState("none", false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
        BigDecimal balance = ctx.ledger.fund(key);
        BigDecimal peak = ctx.windowMax(ctx.fundHistory.get(key), balance);
        String mk = RunContext.fundMarket(key, market);
        BigDecimal pnl = ctx.fundMarketPnl.getOrDefault(mk, BigDecimal.ZERO);
        List<BigDecimal> pnlHistory = ctx.fundMarketPnlHistory.get(mk);
        BigDecimal pnlMax = ctx.windowMax(pnlHistory, pnl);
        // a market's history starts at its first flow; before it, its PnL in the fund was 0, and that 0 is still in
        // the window while the history is shorter than the window (Bybit's drawdown is measured from it)
        if (pnlHistory == null || pnlHistory.size() < ctx.settings.insuranceFund().windowSteps())
            pnlMax = Money.max(pnlMax, BigDecimal.ZERO);
        return new FundState(key, true, balance, peak, pnl, pnlMax, ctx.fundMarketAdlEngaged.getOrDefault(mk, false));
    }

    private BackstopState backstopState(String asset) {
        PoolState vault = ctx.ledger.vaults.get(asset);
        return vault == null ? new BackstopState(asset, false, BigDecimal.ZERO)
                : new BackstopState(asset, true, vault.cash());
    }

    /**
     * The fund aggresses the book for the unfilled size and pays the deficit. With size unfilled it acts only if it
     * can pay the whole projected deficit; otherwise the size goes on to the next layer, and a fund chosen with a limit
     * first pays up to its limit into the pool, which moves the pool's bankruptcy price towards the mark (Bybit: the
     * pool pays down to its line, ADL the rest). A bare deficit it pays as far as it can and may. Returns what its
     * fills in the book changed the pool's equity by (a loss: negative), before it paid.
     */
    private BigDecimal insuranceFund(PoolState pool, String key, String market, LayerChoice layer) {
        if (key == null) return BigDecimal.ZERO;
        BigDecimal balance = ctx.ledger.fund(key);
        BigDecimal may = layer.getLimit() == null ? balance : Money.min(balance, Money.clean(layer.getLimit()));
        if (may.signum() <= 0) return BigDecimal.ZERO;
        List<PositionState> open = pool.openPositions();
        BigDecimal closeLoss = BigDecimal.ZERO;
        if (!open.isEmpty()) {
            BigDecimal projected = pool.cash();
            boolean bookTakesIt = true;
            for (PositionState p : open) {
                MarketState.Fill f = ctx.market(p.market.symbol()).quote(p.side, p.size(), null);
                if (f.size().compareTo(p.size()) < 0) {
                    bookTakesIt = false;
                    break;
                }
                projected = projected.add(p.market.pnl(p.side, p.size(), ctx.mark(p), f.price()));
            }
            if (!bookTakesIt || projected.negate().compareTo(may) > 0) {
                if (layer.getLimit() != null) pay(pool, key, market, layer,
                        Money.min(may, Money.positivePart(pool.cash().negate())));
                return BigDecimal.ZERO;
            }
            BigDecimal before = pool.cash();
            for (PositionState p : open)
                liquidation.closeInBook(p, p.size(), null, layer.getRuleId(),
                        "the insurance fund takes the position to the book: " + layer.getReason());
            // what the fills in the book and their fees took from the pool against the mark
            closeLoss = pool.cash().subtract(before);
        }
        if (pool.cash().signum() >= 0) return closeLoss;
        pay(pool, key, market, layer, Money.min(pool.cash().negate(), may));
        return closeLoss;
    }

    /** The fund pays {@code amount} into the pool, if any. */
    private void pay(PoolState pool, String key, String market, LayerChoice layer, BigDecimal amount) {
        if (amount.signum() <= 0) return;
        ctx.ledger.fundToPool(key, pool, ctx.market(market), amount);
        ctx.fundMarketFlow(key, market, amount.negate());
        ctx.recorder.fundPaid(amount);
        ctx.recorder.event(ctx, RunEvent.Kind.FUND_COVER, pool, "@fund:" + key, null, null, null, null,
                amount, layer.getRuleId(), layer.getReason());
    }

    /** Positions are settled at the mark, so taking them over there moves no value. */
    private void takeOverPositions(PoolState pool) {
        pool.settle();  // what the positions made up to the mark is the pool's before they go
        for (PositionState p : pool.openPositions()) {
            ctx.recorder.event(ctx, RunEvent.Kind.TAKEOVER, pool, "@venue", p.market.symbol(), p.side,
                    p.size(), ctx.mark(p), BigDecimal.ZERO, "ENGINE",
                    "no layer absorbed this size; the venue takes it over at the mark");
            p.resize(BigDecimal.ZERO);
        }
    }

    /** The end of every waterfall: the venue closes what is left at the mark and writes off what is still owed. */
    private void venueTakeover(PoolState pool, String ruleId, String market, BigDecimal maintenance) {
        takeOverPositions(pool);
        if (pool.cash().signum() < 0) {
            BigDecimal loss = pool.cash();
            ctx.ledger.writeOff(pool);
            ctx.recorder.badDebt(pool, loss.negate());
            ctx.recorder.event(ctx, RunEvent.Kind.BAD_DEBT, pool, "@venue", null, null, null, null,
                    loss.negate(), "ENGINE", "no layer absorbed the deficit; it is written off as bad debt");
        } else if (pool.cash().signum() > 0 && ctx.settings.liquidation().surplusTo() == SurplusTo.INSURANCE_FUND) {
            // as after any close-out, the fund keeps at most the maintenance margin (an ADL at a price better than the
            // bankruptcy price, e.g. the previous mark, can leave more)
            liquidation.keepSurplus(pool, maintenance, market, ruleId);
        }
    }
}
