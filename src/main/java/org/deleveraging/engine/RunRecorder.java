package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Side;

/** Collects a run's events, per-step metrics and per-account tallies as the stages work. */
final class RunRecorder {
    final List<RunEvent> events = new ArrayList<>();
    final List<StepMetrics> steps = new ArrayList<>();
    final List<QueueEntry> queues = new ArrayList<>();
    final Map<String, Tally> tallies = new HashMap<>();

    // current step accumulators
    int liquidations;
    BigDecimal liquidationNotional = BigDecimal.ZERO;
    BigDecimal shortfall = BigDecimal.ZERO;
    BigDecimal fundPaid = BigDecimal.ZERO;
    int adlCount;
    BigDecimal adlNotional = BigDecimal.ZERO;
    BigDecimal adlHaircut = BigDecimal.ZERO;
    BigDecimal adlCovered = BigDecimal.ZERO;
    BigDecimal adlProfitClosed = BigDecimal.ZERO;
    BigDecimal socialized = BigDecimal.ZERO;
    BigDecimal badDebt = BigDecimal.ZERO;

    static final class Tally {
        BigDecimal liquidatedNotional = BigDecimal.ZERO;
        BigDecimal adlSize = BigDecimal.ZERO;
        BigDecimal haircut = BigDecimal.ZERO;
        BigDecimal equityBeforeHaircut;
        BigDecimal profitBeforeHaircut;
        BigDecimal badDebt = BigDecimal.ZERO;
        int events;
    }

    Tally tally(String accountId) { return tallies.computeIfAbsent(accountId, k -> new Tally()); }

    void event(RunContext ctx, RunEvent.Kind kind, PoolState pool, String counterparty, String market, Side side,
               BigDecimal size, BigDecimal price, BigDecimal amount, String ruleId, String reason) {
        String account = pool.accountId;
        events.add(new RunEvent(ctx.step, ctx.round, kind, account, counterparty, market,
                side == null ? null : side.name(), size, price, amount, pool.cash, ruleId, reason));
        tally(account).events++;
        if (counterparty != null && !counterparty.startsWith("@")) tally(counterparty).events++;
    }

    /** Notes a haircut on a winner, remembering its equity and profit before the first one. */
    void haircut(String account, BigDecimal amount, BigDecimal equityBefore, BigDecimal profitBefore) {
        Tally t = tally(account);
        if (t.equityBeforeHaircut == null) {
            t.equityBeforeHaircut = equityBefore;
            t.profitBeforeHaircut = profitBefore;
        }
        t.haircut = t.haircut.add(amount);
    }

    void closeStep(RunContext ctx, int rounds, boolean capHit) {
        Map<String, BigDecimal> marks = new java.util.LinkedHashMap<>();
        for (var e : ctx.markets.entrySet()) marks.put(e.getKey(), e.getValue().mark);
        BigDecimal fund = ctx.ledger.funds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vault = ctx.ledger.vaults.values().stream().map(v -> v.cash).reduce(BigDecimal.ZERO, BigDecimal::add);
        steps.add(new StepMetrics(ctx.step, marks, rounds, capHit, liquidations, liquidationNotional, shortfall, fund,
                fundPaid, vault, adlCount, adlNotional, adlHaircut, adlCovered, adlProfitClosed, socialized, badDebt));
        liquidations = 0;
        adlCount = 0;
        liquidationNotional = shortfall = fundPaid = adlNotional = adlHaircut = adlCovered = adlProfitClosed = socialized = badDebt
                = BigDecimal.ZERO;
    }
}
