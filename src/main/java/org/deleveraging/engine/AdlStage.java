package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.PoolFigures;

/**
 * Auto-deleveraging: closes opposite positions against a bankrupt position's unfilled size, at the policy's close
 * price. Each market side's queue is ranked by the policy's rules when first needed, once per step or once per round
 * ({@link PolicySettings#adlQueueRefresh()}); a candidate no rule scores is not deleveraged. No counterparty is pushed
 * below zero equity: its fill is cut to what its equity can bear.
 */
final class AdlStage {
    private final RunContext ctx;
    private final LiquidationStage liquidation;
    private final Map<String, Queue> queues = new HashMap<>();
    private int queuesStep = -1;
    /** Queues already recorded: the first ranking of a market side in a step is the one the result keeps. */
    private final java.util.Set<String> recorded = new java.util.HashSet<>();
    /** Pool ids bankrupt in this round: they may not be counterparties. */
    private BitSet excluded = new BitSet();
    /** A ranking's working arrays, by pool id and by position ref (both dense from 0), emptied after each ranking. */
    private PoolMeasures[] measures;
    private AdlScore[] scores;

    /**
     * Highest score first, ties by account id then position: refs are numbered in account-id order (Engine.openPools),
     * so the ref alone breaks ties in that order. One monomorphic comparator: it runs millions of times at 1M positions.
     */
    private static final Comparator<Place> QUEUE_ORDER = (a, b) -> {
        int c = Double.compare(b.score, a.score);
        return c != 0 ? c : Integer.compare(a.ref, b.ref);
    };

    /**
     * A scored candidate with what placing it in the queue reads, gathered in position order before the sort: read
     * after it, in score order, each would be a visit to a position, its pool and its size scattered over the heap.
     */
    private static final class Place {
        final PositionState position;
        final int ref;
        final double score;
        final String ruleId;
        final BigDecimal size;
        final String accountId;

        Place(PositionState position, AdlScore s) {
            this.position = position;
            this.ref = position.ref;
            this.score = s.getScore();
            this.ruleId = s.getRuleId();
            this.size = position.size;
            this.accountId = position.pool.accountId;
        }
    }

    AdlStage(RunContext ctx, LiquidationStage liquidation) {
        this.ctx = ctx;
        this.liquidation = liquidation;
    }

    record Ranked(PositionState position, double score, String ruleId, int rank) {}

    /**
     * A ranked market side and how far its walk has got. {@code head}: places before it are closed for good.
     * {@code failHead}: in round {@code failStep/failRound}, every place from {@code head} up to it is closed or could
     * not bear one lot at {@code failPrice}; at a price no better for the counterparties it still cannot (within a
     * round the mark stands still, and equity falls unless an ADL fill better than the mark raises it, which moves
     * {@code failHead} back to that place: {@link #gained}), so the walk starts there. Without it, every bankrupt position would
     * try the same unfillable places again: quadratic in a crash.
     */
    private static final class Queue {
        final List<Ranked> places;
        final Side side;
        int head;
        int failHead;
        BigDecimal failPrice;
        int failStep = -1;
        int failRound = -1;
        List<Ranked> byAccount;

        Queue(List<Ranked> places, Side side) {
            this.places = places;
            this.side = side;
        }

        /** True when {@code price} is no better than {@code than} for a counterparty on this side. */
        boolean noBetter(BigDecimal price, BigDecimal than) {
            int c = price.compareTo(than);
            return side == Side.LONG ? c <= 0 : c >= 0;
        }
    }

    /** Starts a round: these pools are bankrupt and may not be counterparties; queues are ranked afresh as configured. */
    void exclude(BitSet pools) {
        excluded = pools;
        if (ctx.settings.adlQueueRefresh() == PolicySettings.Period.ROUND || queuesStep != ctx.step) {
            queues.clear();
            queuesStep = ctx.step;
        }
    }

    void deleverage(PoolState bankrupt, LayerChoice layer) {
        for (PositionState p : bankrupt.openPositions()) {
            BigDecimal price = closePrice(p);
            BigDecimal before = bankrupt.cash();
            Queue queue = queue(p.market.symbol(), p.side.opposite());
            switch (ctx.settings.adlAllocation()) {
                case QUEUE -> walk(p, queue, price, layer);
                case ROUND_ROBIN -> roundRobin(p, queue, bankrupt, price, layer);
                case PRO_RATA_BY_SIZE -> proRata(p, queue, price, layer);
            }
            BigDecimal deficit = Money.positivePart(before.negate());
            BigDecimal gained = bankrupt.cash().subtract(before);
            ctx.recorder.adlCovered = ctx.recorder.adlCovered.add(Money.max(BigDecimal.ZERO, Money.min(deficit, gained)));
        }
    }

    /** A place that may be deleveraged now: open, not the vault's, not bankrupt this round. */
    private boolean eligible(Ranked r) {
        PositionState p = r.position();
        return p.isOpen() && !p.pool.vault && !bankruptNow(p.pool);
    }

    private boolean bankruptNow(PoolState pool) { return pool.id >= 0 && excluded.get(pool.id); }

    /** Moves the head past places that are closed or held by the vault: neither changes back within a step. */
    private static void advanceHead(Queue q) {
        while (q.head < q.places.size()) {
            PositionState p = q.places.get(q.head).position();
            if (p.isOpen() && !p.pool.vault) break;
            q.head++;
        }
    }

    /** The queue in order from its first open place, starting past the places known not to bear a fill. */
    private void walk(PositionState bankrupt, Queue q, BigDecimal price, LayerChoice layer) {
        advanceHead(q);
        boolean known = q.failStep == ctx.step && q.failRound == ctx.round && q.noBetter(price, q.failPrice);
        if (!known) {
            q.failHead = q.head;
            q.failPrice = price;
            q.failStep = ctx.step;
            q.failRound = ctx.round;
        }
        q.failHead = Math.max(q.head, q.failHead);  // places before the head are closed for good
        int i = q.failHead;
        boolean extending = true;
        for (; i < q.places.size() && bankrupt.isOpen(); i++) {
            Ranked r = q.places.get(i);
            boolean nothing = !eligible(r)
                    || fill(bankrupt, r, Money.min(bankrupt.size, r.position().size), price, layer).signum() == 0;
            if (!extending) continue;
            if (!nothing) extending = false;
            else {
                // the places passed so far fail at this price, which is no better than failPrice
                q.failHead = i + 1;
                q.failPrice = price;
            }
        }
    }

    /** dYdX v4: no ranking; start at a seeded pseudo-random place in the opposite side and walk round-robin. */
    private void roundRobin(PositionState bankrupt, Queue q, PoolState pool, BigDecimal price, LayerChoice layer) {
        if (q.byAccount == null) {
            q.byAccount = new ArrayList<>(q.places);
            q.byAccount.sort(Comparator.comparing((Ranked r) -> r.position().pool.accountId).thenComparingInt(r -> r.position().ref));
        }
        List<Ranked> byAccount = q.byAccount;
        if (byAccount.isEmpty()) return;
        long salt = ctx.seed * 1_000_003L + ctx.step * 10_007L + ctx.round * 101L + pool.id;
        int start = new SplittableRandom(salt).nextInt(byAccount.size());
        int tried = 0;
        for (int k = 0; k < byAccount.size() && bankrupt.isOpen(); k++) {
            Ranked r = byAccount.get((start + k) % byAccount.size());
            if (!eligible(r)) continue;
            if (tried++ >= ctx.settings.adlMaxCandidates()) break;
            fill(bankrupt, r, Money.min(bankrupt.size, r.position().size), price, layer);
        }
    }

    /** FTX: the top N open positions in queue order share the size pro-rata to their size; then the next N. */
    private void proRata(PositionState bankrupt, Queue q, BigDecimal price, LayerChoice layer) {
        int n = Math.max(1, ctx.settings.adlTopN());
        advanceHead(q);
        int next = q.head;
        while (bankrupt.isOpen() && next < q.places.size()) {
            List<Ranked> group = new ArrayList<>(n);
            while (group.size() < n && next < q.places.size()) {
                Ranked r = q.places.get(next++);
                if (eligible(r)) group.add(r);
            }
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

    /** Closes up to {@code size} of the candidate against the bankrupt position at {@code price}; returns the size closed. */
    private BigDecimal fill(PositionState bankrupt, Ranked r, BigDecimal size, BigDecimal price, LayerChoice layer) {
        PositionState cp = r.position();
        if (!cp.isOpen() || size.signum() <= 0) return BigDecimal.ZERO;
        BigDecimal mark = ctx.mark(cp);
        BigDecimal cpGain = cp.market.pnl(cp.side, size, mark, price);
        if (cpGain.signum() < 0 && cp.pool.cash().add(cpGain).signum() < 0) {
            // cut the fill to what the counterparty's equity can bear
            size = cp.market.toLotsDown(size.multiply(cp.pool.cash()).divide(cpGain.negate(), Money.SCALE, java.math.RoundingMode.FLOOR));
            if (size.signum() <= 0) return BigDecimal.ZERO;
            cpGain = cp.market.pnl(cp.side, size, mark, price);
        }
        BigDecimal equityBefore = cp.pool.cash();
        BigDecimal profitBefore = ctx.poolUnrealizedPnl(cp.pool);
        BigDecimal closedProfit = cp.market.pnl(cp.side, size, cp.entryPrice, mark);
        ctx.ledger.poolToPool(bankrupt.pool, cp.pool, cpGain);
        if (cpGain.signum() > 0) gained(cp.pool);
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
        // the sentence is built when the event is read, after the run: it may hold plain values only, never the
        // engine's state (a Ranked holds its position, and through it every pool of the run)
        Side bankruptSide = bankrupt.side;
        int rank = r.rank();
        double score = r.score();
        String layerRule = layer.getRuleId(), layerReason = layer.getReason();
        rec.event(ctx, RunEvent.Kind.ADL, cp.pool, bankrupt.pool.accountId, cp.market.symbol(), cp.side,
                size, price, cpGain, r.ruleId(), () -> "queue rank " + rank + " (score " + score + ") against a bankrupt "
                        + bankruptSide.name().toLowerCase() + ": " + layerRule + " " + layerReason);
        return size;
    }

    /** A pool's equity rose: places of its positions that failed to bear a fill this round may bear one now. */
    private void gained(PoolState pool) {
        for (PositionState x : pool.positions) {
            Queue q = queues.get(x.market.symbol() + "|" + x.side);
            // the places ahead of this one still cannot bear a fill; the walk resumes from this one
            if (q != null && x.queuePlace >= 0 && x.queuePlace < q.failHead && q.places.get(x.queuePlace).position() == x)
                q.failHead = x.queuePlace;
        }
    }

    private Queue queue(String market, Side side) {
        return queues.computeIfAbsent(market + "|" + side, k -> new Queue(rank(market, side), side));
    }

    private List<Ranked> rank(String market, Side side) {
        MarketState ms = ctx.market(market);
        PositionState[] byRef = ctx.positionsByRef;
        if (measures == null) {
            measures = new PoolMeasures[ctx.ledger.pools.size()];
            scores = new AdlScore[byRef.length];
        }
        List<AdlCandidate> candidates = new ArrayList<>();
        for (PositionState p : ms.positions) {
            // the side first: it is on the position itself, where being open reads its size, elsewhere in the heap
            if (p.side != side || !p.isOpen() || p.pool.vault || bankruptNow(p.pool) || p.pool.cash().signum() <= 0)
                continue;
            PoolMeasures m = measures[p.pool.id];
            if (m == null) m = measures[p.pool.id] = new PoolMeasures(p.pool);
            candidates.add(new AdlCandidate(p.ref, p.pool.id, p.pool.accountId, market, side.name(), p.size,
                    p.entryPrice, ms.mark, p.market.notional(p.size, ms.mark), p.market.notional(p.size, p.entryPrice),
                    p.unrealizedPnl(ms.mark), p.pool.cash(), m, p.pool.isolated));
        }
        List<AdlScore> ordered = new ArrayList<>(candidates.size());
        for (AdlScore s : ctx.decisions.rank(candidates)) {
            AdlScore before = scores[s.getRef()];
            if (before == null) ordered.add(s);
            // two rules scored the same candidate: the first rule id decides
            if (before == null || s.getRuleId().compareTo(before.getRuleId()) < 0) scores[s.getRef()] = s;
        }
        Place[] places = new Place[ordered.size()];
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < places.length; i++) {
            places[i] = new Place(byRef[ordered.get(i).getRef()], scores[ordered.get(i).getRef()]);
            total = total.add(places[i].size);
        }
        for (AdlCandidate c : candidates) {
            measures[c.getPoolId()] = null;
            scores[c.getRef()] = null;
        }
        // a total order (no two places share a ref), so sorting on both cores gives the one sequential order
        Arrays.parallelSort(places, QUEUE_ORDER);
        List<Ranked> out = new ArrayList<>(places.length);
        boolean record = recorded.add(ctx.step + "|" + market + "|" + side);
        if (record) ctx.recorder.queues.startRanking(ctx.step, ctx.round, market, side.name(), places.length);
        Percentiles percentiles = new Percentiles(total);
        BigDecimal cumulative = BigDecimal.ZERO;
        for (Place pl : places) {
            pl.position.queuePlace = out.size();
            out.add(new Ranked(pl.position, pl.score, pl.ruleId, out.size() + 1));
            cumulative = cumulative.add(pl.size);
            if (record) ctx.recorder.queues.place(pl.accountId, pl.size, pl.score, percentiles.of(cumulative), pl.ruleId);
        }
        return out;
    }

    /**
     * BitMEX's indicator: the share of the queue's contracts at or ahead of a position, rounded up to 20 %, found
     * without a division per place: ceil(5c / T) is the first k with c <= kT / 5, and kT / 5 is exact
     * (a division by 5 terminates).
     */
    private static final class Percentiles {
        private final BigDecimal[] bounds = new BigDecimal[4];
        private final boolean empty;

        Percentiles(BigDecimal total) {
            empty = total.signum() == 0;
            for (int k = 1; k <= 4; k++) bounds[k - 1] = total.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(5));
        }

        int of(BigDecimal cumulative) {
            if (empty) return 100;
            for (int k = 1; k <= 4; k++) if (cumulative.compareTo(bounds[k - 1]) <= 0) return k * 20;
            return 100;
        }
    }

    /**
     * A pool's figures for its candidates, each computed the first time a ranking rule reads it. The ranking session
     * runs before anything moves, so they are the figures at the moment the queue is ranked.
     */
    private final class PoolMeasures implements PoolFigures {
        private final PoolState pool;
        private BigDecimal upnl;
        private BigDecimal maintenance;
        private BigDecimal notional;

        PoolMeasures(PoolState pool) { this.pool = pool; }

        @Override public BigDecimal unrealizedPnl() {
            if (upnl == null) upnl = ctx.poolUnrealizedPnl(pool);
            return upnl;
        }

        @Override public BigDecimal maintenance() {
            if (maintenance == null) maintenance = ctx.poolMaintenance(pool);
            return maintenance;
        }

        @Override public BigDecimal notional() {
            if (notional == null) {
                BigDecimal n = BigDecimal.ZERO;
                for (PositionState p : pool.positions) if (p.isOpen()) n = n.add(ctx.notional(p));
                notional = n;
            }
            return notional;
        }
    }
}
