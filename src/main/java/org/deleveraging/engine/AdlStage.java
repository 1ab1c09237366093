package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.LayerChoice;

/**
 * Auto-deleveraging: closes opposite positions against a bankrupt position's unfilled size, at the policy's close
 * price. The queue is ranked by the policy's rules once per market side and round; a candidate no rule scores is
 * not deleveraged. No counterparty is pushed below zero equity: its fill is cut to what its equity can bear.
 */
final class AdlStage {
    private final RunContext ctx;
    private final LiquidationStage liquidation;
    private final Map<String, List<Ranked>> queues = new HashMap<>();
    /** Per queue, the first place not yet closed: closed positions do not reopen within a round. */
    private final Map<String, Integer> heads = new HashMap<>();
    /** Queues already recorded: the first ranking of a market side in a step is the one the result keeps. */
    private final java.util.Set<String> recorded = new java.util.HashSet<>();
    private Set<Integer> excluded = Set.of();

    AdlStage(RunContext ctx, LiquidationStage liquidation) {
        this.ctx = ctx;
        this.liquidation = liquidation;
    }

    record Ranked(PositionState position, double score, String ruleId, int rank) {}

    /** Starts a round: these pools are bankrupt and may not be counterparties; queues are ranked afresh. */
    void exclude(Set<Integer> pools) {
        excluded = pools;
        queues.clear();
        heads.clear();
    }

    void deleverage(PoolState bankrupt, LayerChoice layer) {
        for (PositionState p : bankrupt.openPositions()) {
            BigDecimal price = closePrice(p);
            BigDecimal before = bankrupt.cash;
            List<Ranked> queue = queue(p.market.symbol(), p.side.opposite());
            switch (ctx.settings.adlAllocation()) {
                case QUEUE -> inOrder(p, unclosed(p.market.symbol() + "|" + p.side.opposite(), queue), price, layer, queue.size());
                case ROUND_ROBIN -> inOrder(p, roundRobin(queue, bankrupt), price, layer, ctx.settings.adlMaxCandidates());
                case PRO_RATA_BY_SIZE -> proRata(p, queue, price, layer);
            }
            BigDecimal deficit = Money.positivePart(before.negate());
            BigDecimal gained = bankrupt.cash.subtract(before);
            ctx.recorder.adlCovered = ctx.recorder.adlCovered.add(Money.max(BigDecimal.ZERO, Money.min(deficit, gained)));
        }
    }

    /** The queue from its first open place on, so that each bankrupt position does not walk the closed head again. */
    private List<Ranked> unclosed(String key, List<Ranked> queue) {
        int head = heads.getOrDefault(key, 0);
        while (head < queue.size() && !queue.get(head).position().isOpen()) head++;
        heads.put(key, head);
        return queue.subList(head, queue.size());
    }

    private BigDecimal closePrice(PositionState p) {
        MarketState ms = ctx.market(p.market.symbol());
        return switch (ctx.settings.adlClosePrice()) {
            case BANKRUPTCY -> liquidation.bankruptcyPrice(p);
            case MARK -> ms.mark;
            case PREVIOUS_MARK -> ms.previousMark;
            case BLEND -> {
                BigDecimal w = ctx.settings.blendBankruptcyWeight();
                BigDecimal blended = liquidation.bankruptcyPrice(p).multiply(w).add(ms.mark.multiply(BigDecimal.ONE.subtract(w)));
                yield p.market.toTick(blended);
            }
        };
    }

    private void inOrder(PositionState bankrupt, List<Ranked> queue, BigDecimal price, LayerChoice layer, int limit) {
        int tried = 0;
        for (Ranked r : queue) {
            if (!bankrupt.isOpen() || tried++ >= limit) break;
            fill(bankrupt, r, Money.min(bankrupt.size, r.position().size), price, layer);
        }
    }

    /** dYdX v4: no ranking; start at a seeded pseudo-random place in the opposite side and walk round-robin. */
    private List<Ranked> roundRobin(List<Ranked> queue, PoolState bankrupt) {
        List<Ranked> byAccount = new ArrayList<>(queue);
        byAccount.sort(Comparator.comparing((Ranked r) -> r.position().pool.accountId).thenComparingInt(r -> r.position().ref));
        if (byAccount.isEmpty()) return byAccount;
        long salt = ctx.seed * 1_000_003L + ctx.step * 10_007L + ctx.round * 101L + bankrupt.id;
        int start = new SplittableRandom(salt).nextInt(byAccount.size());
        List<Ranked> out = new ArrayList<>(byAccount.subList(start, byAccount.size()));
        out.addAll(byAccount.subList(0, start));
        return out;
    }

    /** FTX: the top N positions in queue order share the size pro-rata to their size; then the next N. */
    private void proRata(PositionState bankrupt, List<Ranked> queue, BigDecimal price, LayerChoice layer) {
        int n = Math.max(1, ctx.settings.adlTopN());
        for (int from = 0; from < queue.size() && bankrupt.isOpen(); from += n) {
            List<Ranked> group = queue.subList(from, Math.min(queue.size(), from + n));
            boolean progressed = true;
            while (bankrupt.isOpen() && progressed) {
                progressed = false;
                BigDecimal total = BigDecimal.ZERO;
                for (Ranked r : group) total = total.add(r.position().size);
                if (total.signum() == 0) break;
                BigDecimal need = bankrupt.size;
                for (Ranked r : group) {
                    if (!bankrupt.isOpen()) break;
                    BigDecimal share = bankrupt.market.toLotsDown(need.multiply(r.position().size)
                            .divide(total, Money.SCALE, Money.ROUNDING));
                    if (share.signum() == 0) share = Money.min(bankrupt.market.lotSize(), bankrupt.size);
                    share = Money.min(share, Money.min(bankrupt.size, r.position().size));
                    if (share.signum() > 0 && fill(bankrupt, r, share, price, layer).signum() > 0) progressed = true;
                }
            }
        }
    }

    /** Closes up to {@code size} of the candidate against the bankrupt position at {@code price}; returns the size closed. */
    private BigDecimal fill(PositionState bankrupt, Ranked r, BigDecimal size, BigDecimal price, LayerChoice layer) {
        PositionState cp = r.position();
        if (!cp.isOpen() || size.signum() <= 0) return BigDecimal.ZERO;
        BigDecimal mark = ctx.mark(cp);
        BigDecimal cpGain = cp.market.pnl(cp.side, size, mark, price);
        if (cpGain.signum() < 0 && cp.pool.cash.add(cpGain).signum() < 0) {
            // cut the fill to what the counterparty's equity can bear
            size = cp.market.toLotsDown(size.multiply(cp.pool.cash).divide(cpGain.negate(), Money.SCALE, java.math.RoundingMode.FLOOR));
            if (size.signum() <= 0) return BigDecimal.ZERO;
            cpGain = cp.market.pnl(cp.side, size, mark, price);
        }
        BigDecimal equityBefore = cp.pool.cash;
        BigDecimal profitBefore = ctx.poolUnrealizedPnl(cp.pool);
        BigDecimal closedProfit = cp.market.pnl(cp.side, size, cp.entryPrice, mark);
        ctx.ledger.poolToPool(bankrupt.pool, cp.pool, cpGain);
        cp.size = cp.size.subtract(size);
        bankrupt.size = bankrupt.size.subtract(size);
        BigDecimal notional = cp.market.notional(size, price);
        RunRecorder rec = ctx.recorder;
        rec.adlCount++;
        rec.adlNotional = rec.adlNotional.add(notional);
        // what ADL took from winners against the mark; a counterparty closed better than the mark took nothing
        rec.adlHaircut = rec.adlHaircut.add(Money.positivePart(cpGain.negate()));
        rec.adlProfitClosed = rec.adlProfitClosed.add(Money.positivePart(closedProfit));
        rec.haircut(cp.pool.accountId, cpGain.negate(), equityBefore, profitBefore);
        rec.tally(cp.pool.accountId).adlSize = rec.tally(cp.pool.accountId).adlSize.add(size);
        rec.event(ctx, RunEvent.Kind.ADL, cp.pool, bankrupt.pool.accountId, cp.market.symbol(), cp.side,
                size, price, cpGain, r.ruleId(), "queue rank " + r.rank() + " (score " + r.score() + ") against a bankrupt "
                        + bankrupt.side.name().toLowerCase() + ": " + layer.getRuleId() + " " + layer.getReason());
        return size;
    }

    private List<Ranked> queue(String market, Side side) {
        return queues.computeIfAbsent(market + "|" + side, k -> rank(market, side));
    }

    private List<Ranked> rank(String market, Side side) {
        MarketState ms = ctx.market(market);
        Map<Integer, PoolMeasures> measures = new HashMap<>();
        List<AdlCandidate> candidates = new ArrayList<>();
        Map<Integer, PositionState> byRef = new HashMap<>();
        for (PositionState p : ms.positions) {
            if (!p.isOpen() || p.side != side || p.pool.vault || excluded.contains(p.pool.id) || p.pool.cash.signum() <= 0)
                continue;
            PoolMeasures m = measures.computeIfAbsent(p.pool.id, id -> new PoolMeasures(p.pool));
            candidates.add(new AdlCandidate(p.ref, p.pool.id, p.pool.accountId, market, side.name(), p.size,
                    p.entryPrice, ms.mark, p.market.notional(p.size, ms.mark), p.market.notional(p.size, p.entryPrice),
                    p.unrealizedPnl(ms.mark), p.pool.cash, m.upnl, m.maintenance, m.notional, p.pool.isolated));
            byRef.put(p.ref, p);
        }
        Map<Integer, AdlScore> scores = new HashMap<>();
        for (AdlScore s : ctx.decisions.rank(candidates)) {
            scores.merge(s.getRef(), s, (a, b) -> a.getRuleId().compareTo(b.getRuleId()) <= 0 ? a : b);
        }
        List<AdlScore> ordered = new ArrayList<>(scores.values());
        ordered.sort(Comparator.comparingDouble(AdlScore::getScore).reversed()
                .thenComparing(AdlScore::getAccountId).thenComparingInt(AdlScore::getRef));
        BigDecimal total = BigDecimal.ZERO;
        for (AdlScore s : ordered) total = total.add(byRef.get(s.getRef()).size);
        List<Ranked> out = new ArrayList<>();
        boolean record = recorded.add(ctx.step + "|" + market + "|" + side);
        BigDecimal cumulative = BigDecimal.ZERO;
        int rank = 0;
        for (AdlScore s : ordered) {
            PositionState p = byRef.get(s.getRef());
            out.add(new Ranked(p, s.getScore(), s.getRuleId(), ++rank));
            cumulative = cumulative.add(p.size);
            if (record) ctx.recorder.queues.add(new QueueEntry(ctx.step, ctx.round, market, side.name(), rank, p.pool.accountId,
                    p.size, s.getScore(), percentile(cumulative, total), s.getRuleId()));
        }
        return out;
    }

    /** BitMEX's indicator: the share of the queue's contracts at or ahead of a position, rounded up to 20 %. */
    static int percentile(BigDecimal cumulative, BigDecimal total) {
        if (total.signum() == 0) return 100;
        BigDecimal steps = cumulative.multiply(BigDecimal.valueOf(5)).divide(total, 0, java.math.RoundingMode.CEILING);
        return Math.max(1, Math.min(5, steps.intValue())) * 20;
    }

    private final class PoolMeasures {
        final BigDecimal upnl;
        final BigDecimal maintenance;
        final BigDecimal notional;

        PoolMeasures(PoolState pool) {
            upnl = ctx.poolUnrealizedPnl(pool);
            maintenance = ctx.poolMaintenance(pool);
            BigDecimal n = BigDecimal.ZERO;
            for (PositionState p : pool.positions) if (p.isOpen()) n = n.add(ctx.notional(p));
            notional = n;
        }
    }
}
