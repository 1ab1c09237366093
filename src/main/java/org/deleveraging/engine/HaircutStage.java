package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.domain.Haircuts;
import org.deleveraging.domain.Money;
import org.deleveraging.facts.LayerChoice;

/**
 * Socialised loss (BitMEX DPE, OKCoin clawback, Deribit) and the paper's capped pro-rata: a deficit is paid by
 * winners in proportion to their profit, each capped by the policy's haircut caps, positions left open.
 */
final class HaircutStage {
    private final RunContext ctx;

    HaircutStage(RunContext ctx) { this.ctx = ctx; }

    void socialize(PoolState bankrupt, LayerChoice layer) {
        if (bankrupt.cash.signum() >= 0) return;
        List<PoolState> winners = new ArrayList<>();
        List<BigDecimal> profit = new ArrayList<>();
        List<BigDecimal> caps = new ArrayList<>();
        PolicySettings s = ctx.settings;
        for (PoolState pool : ctx.ledger.pools) {
            if (pool == bankrupt || !pool.asset.equals(bankrupt.asset) || pool.cash.signum() <= 0) continue;
            BigDecimal w = ctx.poolUnrealizedPnl(pool);
            if (w.signum() <= 0) continue;
            BigDecimal floor = s.haircutProtectsMaintenance() ? ctx.poolMaintenance(pool) : BigDecimal.ZERO;
            BigDecimal cap = Money.min(w.multiply(s.haircutMaxFraction()), pool.cash.subtract(floor));
            if (cap.signum() <= 0) continue;
            winners.add(pool);
            profit.add(w);
            caps.add(cap);
        }
        if (winners.isEmpty()) return;
        BigDecimal budget = bankrupt.cash.negate().multiply(s.haircutSeverity());
        List<BigDecimal> amounts = Haircuts.cappedProRata(profit, caps, budget);
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal a : amounts) total = total.add(a);
        BigDecimal rate = total.divide(profit.stream().reduce(BigDecimal.ZERO, BigDecimal::add), 6, Money.ROUNDING);
        for (int i = 0; i < winners.size(); i++) {
            BigDecimal a = amounts.get(i);
            if (a.signum() == 0) continue;
            PoolState w = winners.get(i);
            ctx.recorder.haircut(w.accountId, a, w.cash, profit.get(i));
            ctx.ledger.poolToPool(w, bankrupt, a);
            ctx.recorder.socialized = ctx.recorder.socialized.add(a);
            ctx.recorder.event(ctx, RunEvent.Kind.SOCIALIZED, w, bankrupt.accountId, null, null, null, null,
                    a.negate(), layer.getRuleId(), "profit of " + profit.get(i).toPlainString() + " haircut by "
                            + a.toPlainString() + " (overall rate " + rate.toPlainString() + "): " + layer.getReason());
        }
    }
}
