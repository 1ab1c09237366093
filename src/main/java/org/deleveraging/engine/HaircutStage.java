package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Haircuts;
import org.deleveraging.domain.Money;
import org.deleveraging.facts.LayerChoice;

/**
 * Socialised loss (BitMEX DPE, OKCoin clawback, Deribit) and the paper's capped pro-rata: the deficits that reach
 * this layer before the cascade is quiet (or in a round, {@link PolicySettings.Haircut#settlement()}) are paid together
 * by the winners, in
 * proportion to their profit, each capped by the policy's haircut caps, positions left open. Settling the period's
 * deficits together, as venues settle clawbacks, rather than once per bankrupt account, gives every winner one
 * haircut at one rate per period.
 */
final class HaircutStage {
    private final RunContext ctx;

    HaircutStage(RunContext ctx) { this.ctx = ctx; }

    /** A deficit waiting for the round's clawback, with the rule that sent it there. */
    record Pending(PoolState pool, LayerChoice layer) {}

    /** Pays the period's pending deficits from winners; {@code bankrupt} pools are never winners. */
    void socialize(List<Pending> pending, BitSet bankrupt) {
        Map<String, List<Pending>> byAsset = new LinkedHashMap<>();
        for (Pending p : pending) if (p.pool().cash().signum() < 0) byAsset.computeIfAbsent(p.pool().asset,
                a -> new ArrayList<>()).add(p);
        byAsset.forEach((asset, group) -> socialize(asset, group, bankrupt));
    }

    private void socialize(String asset, List<Pending> group, BitSet bankrupt) {
        PolicySettings s = ctx.settings;
        List<PoolState> winners = new ArrayList<>();
        List<BigDecimal> profit = new ArrayList<>();
        List<BigDecimal> caps = new ArrayList<>();
        for (PoolState pool : ctx.ledger.pools) {
            if (bankrupt.get(pool.id) || !pool.asset.equals(asset) || pool.cash().signum() <= 0) continue;
            BigDecimal w = ctx.poolUnrealizedPnl(pool);
            if (w.signum() <= 0) continue;
            BigDecimal floor = s.haircut().protectMaintenance() ? ctx.poolMaintenance(pool) : BigDecimal.ZERO;
            BigDecimal cap = Money.min(w.multiply(s.haircut().maxFraction()), pool.cash().subtract(floor));
            if (cap.signum() <= 0) continue;
            winners.add(pool);
            profit.add(w);
            caps.add(cap);
        }
        if (winners.isEmpty()) return;
        // severity applies to each deficit: a bankrupt pool is owed that share of its own deficit
        List<BigDecimal> owed = new ArrayList<>();
        BigDecimal budget = BigDecimal.ZERO;
        for (Pending p : group) {
            BigDecimal share = p.pool().cash().negate().multiply(s.haircut().severity())
                    .setScale(Money.SCALE, java.math.RoundingMode.FLOOR);
            owed.add(share);
            budget = budget.add(share);
        }
        List<BigDecimal> amounts = Haircuts.cappedProRata(profit, caps, budget);
        BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = total.divide(profit.stream().reduce(BigDecimal.ZERO, BigDecimal::add), 6, Money.ROUNDING);
        // each winner's haircut goes to the deficits in turn: one transfer per (winner, bankrupt) piece
        int j = 0;
        for (int i = 0; i < winners.size(); i++) {
            BigDecimal left = amounts.get(i);
            if (left.signum() == 0) continue;
            PoolState w = winners.get(i);
            ctx.recorder.socialized(ctx.step, w, left, w.cash(), profit.get(i));
            while (left.signum() > 0 && j < group.size()) {
                Pending to = group.get(j);
                BigDecimal piece = Money.min(left, owed.get(j));
                owed.set(j, owed.get(j).subtract(piece));
                ctx.ledger.poolToPool(w, to.pool(), piece);
                // plain values only in the lazily built sentence: a Pending holds its pool, and through it the run
                BigDecimal winnerProfit = profit.get(i), winnerHaircut = amounts.get(i);
                String layerReason = to.layer().getReason();
                ctx.recorder.event(ctx, RunEvent.Kind.SOCIALIZED, w, to.pool(), null, null, null, null,
                        piece.negate(), to.layer().getRuleId(), () -> "profit of " + winnerProfit.toPlainString()
                                + " haircut by " + winnerHaircut.toPlainString() + " (rate " + rate.toPlainString()
                                + "): " + layerReason);
                left = left.subtract(piece);
                if (owed.get(j).signum() == 0) j++;
            }
        }
    }
}
