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
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.PoolFigures;

/**
 * Auto-deleveraging: closes opposite positions against a bankrupt position's unfilled size, at the policy's close
 * price. Each market side's queue is ranked by the policy's rules when first needed, once per step or once per round
 * ({@link PolicySettings.Adl#queueRefresh()}); a candidate no rule scores is not deleveraged, and a score for anything
 * but a candidate of that ranking aborts the run ({@link PolicyViolation}). No counterparty is pushed below zero
 * equity: its fill is cut to what its equity can bear.
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
    private Place[] placesByRef;
    /**
     * By position ref: its index in the last ranked queue of its market side, or -1 ({@link #gained}). Kept here, not
     * on the position: a ranking sets it for every place in score order, and an array is one visit to memory where the
     * positions are scattered over the heap.
     */
    private final int[] queuePlace;

    /**
     * A candidate with what placing it in the queue reads, gathered as the candidate is built, while its position,
     * pool and size are in the cache: read after the ranking, or in score order after the sort, each would be a visit
     * to a position, its pool and its size scattered over the heap. The ranking adds the score.
     */
    private static final class Place {
        final PositionState position;
        /** The fact handed to the rules for it: a score counts only if built from this very object. */
        final AdlCandidate candidate;
        final int ref;
        final BigDecimal size;
        final String accountId;
        /**
         * The size's unscaled value and scale, for the percentiles' sums in longs; {@link Money#NOT_SMALL} if too long.
         */
        final long sizeUnscaled;
        final int sizeScale;
        double score;
        /** The rule that scored it; null while no rule has. */
        String ruleId;

        Place(PositionState position, AdlCandidate candidate) {
            this.position = position;
            this.candidate = candidate;
            this.ref = position.ref;
            this.size = position.size();
            this.accountId = position.pool.accountId;
            this.sizeUnscaled = Money.unscaled(size);
            this.sizeScale = size.scale();
        }
    }

    AdlStage(RunContext ctx, LiquidationStage liquidation) {
        this.ctx = ctx;
        this.liquidation = liquidation;
        this.queuePlace = new int[ctx.positionsByRef.length];
        Arrays.fill(queuePlace, -1);
    }

    /**
     * A ranked market side and how far its walk has got. {@code head}: places before it are closed for good.
     * {@code failHead}: in round {@code failStep/failRound}, every place from {@code head} up to it is closed or could
     * not bear one lot at {@code failPrice}; at a price no better for the counterparties it still cannot (within a
     * round the mark stands still, and equity falls unless an ADL fill better than the mark raises it, which moves
     * {@code failHead} back to that place: {@link #gained}), so the walk starts there. Without it, every bankrupt
     * position would try the same unfillable places again: quadratic in a crash.
     */
    private static final class Queue {
        /** The places best first, as columns (rank = index + 1): a crash ranks millions of them. */
        final PositionState[] positions;
        final double[] scores;
        final String[] ruleIds;
        final Side side;
        int head;
        int failHead;
        BigDecimal failPrice;
        int failStep = -1;
        int failRound = -1;
        int[] byAccount;
        /**
         * For each place, where the walks go on from it: itself while it is not known closed, else a later place up
         * to the next one not known closed. A closed place stays closed, and a crash closes places all through the
         * queue, not only at its head: without these links every bankrupt position would step over all of them
         * again (821 million visits for 318 thousand walks over a generated 1M book).
         */
        private final int[] onward;

        Queue(int size, Side side) {
            this.positions = new PositionState[size];
            this.scores = new double[size];
            this.ruleIds = new String[size];
            this.side = side;
            this.onward = new int[size + 1];
            for (int i = 0; i <= size; i++) onward[i] = i;
        }

        int size() { return positions.length; }

        /** The first place at or after {@code from} whose position is open, or {@link #size()}. */
        int openFrom(int from) {
            int at = from;
            while (at < positions.length && (onward[at] != at || !positions[at].isOpen())) {
                if (onward[at] == at) onward[at] = at + 1;
                at = onward[at];
            }
            // every place passed is closed: link them straight to where the walk arrived
            for (int k = from; k < at; ) {
                int next = onward[k];
                onward[k] = at;
                k = next;
            }
            return at;
        }

        /** True when {@code price} is no better than {@code than} for a counterparty on this side. */
        boolean noBetter(BigDecimal price, BigDecimal than) {
            int c = price.compareTo(than);
            return side == Side.LONG ? c <= 0 : c >= 0;
        }
    }

    /**
     * Starts a round: these pools are bankrupt and may not be counterparties; queues are ranked afresh as configured.
     */
    void exclude(BitSet pools) {
        excluded = pools;
        if (ctx.settings.adl().queueRefresh() == PolicySettings.Period.ROUND || queuesStep != ctx.step) {
            queues.clear();
            queuesStep = ctx.step;
        }
    }

    /**
     * Closes the bankrupt pool's open positions against the queue; returns what fills at a price worse than the mark
     * for the bankrupt pool took from it (zero or negative): a loss of the close, which the step's shortfall counts.
     */
    BigDecimal deleverage(PoolState bankrupt, LayerChoice layer) {
        BigDecimal before = bankrupt.cash();
        for (PositionState p : bankrupt.openPositions()) {
            BigDecimal price = closePrice(p);
            Queue queue = queue(p.market.symbol(), p.side.opposite());
            switch (ctx.settings.adl().allocation()) {
                case QUEUE -> walk(p, queue, price, layer);
                case ROUND_ROBIN -> roundRobin(p, queue, bankrupt, price, layer);
                case PRO_RATA_BY_SIZE -> proRata(p, queue, price, layer);
            }
        }
        // over all of the pool's positions: in a cross pool one position's fill may go beyond its share of the
        // deficit and the next give that back (its bankruptcy price then falls on the other side of the mark)
        BigDecimal deficit = Money.positivePart(before.negate());
        BigDecimal gained = bankrupt.cash().subtract(before);
        ctx.recorder.adlCovered(Money.max(BigDecimal.ZERO, Money.min(deficit, gained)));
        return Money.min(BigDecimal.ZERO, gained);
    }

    /**
     * A place that may be deleveraged now: open, its pool not bankrupt ({@link #bankruptNow}). A position the backstop
     * vault took over is one like any other (issue 23: Hyperliquid's documentation gives the liquidator vault's
     * positions no special treatment in the queue,
     * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/auto-deleveraging).
     */
    private boolean eligible(PositionState p) { return p.isOpen() && !bankruptNow(p.pool); }

    /**
     * An account's pool found bankrupt this round, or a backstop vault at or below zero equity: no margin check
     * measures the vault, so marks moving against what it took over can sink it after it was ranked, and a fill then
     * would deleverage a pool that is itself insolvent.
     */
    private boolean bankruptNow(PoolState pool) {
        return pool.vault ? pool.cash().signum() <= 0 : excluded.get(pool.id);
    }

    /** Moves the head past places that are closed: a closed place does not open again within a step. */
    private static void advanceHead(Queue q) { q.head = q.openFrom(q.head); }

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
        boolean extending = true;
        for (int i = q.openFrom(q.failHead); i < q.size() && bankrupt.isOpen(); i = q.openFrom(i + 1)) {
            // the closed places stepped over cannot bear a fill either
            if (extending) q.failHead = i;
            PositionState cp = q.positions[i];
            boolean nothing = !eligible(cp)
                    || fill(bankrupt, q, i, Money.min(bankrupt.size(), cp.size()), price, layer).signum() == 0;
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
            List<Integer> places = new ArrayList<>(q.size());
            for (int i = 0; i < q.size(); i++) places.add(i);
            places.sort(Comparator.comparing((Integer i) -> q.positions[i].pool.accountId)
                    .thenComparingInt(i -> q.positions[i].ref));
            q.byAccount = places.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] byAccount = q.byAccount;
        if (byAccount.length == 0) return;
        long salt = ctx.seed * 1_000_003L + ctx.step * 10_007L + ctx.round * 101L + pool.id;
        int start = new SplittableRandom(salt).nextInt(byAccount.length);
        int tried = 0;
        for (int k = 0; k < byAccount.length && bankrupt.isOpen(); k++) {
            int i = byAccount[(start + k) % byAccount.length];
            if (!eligible(q.positions[i])) continue;
            if (tried++ >= ctx.settings.adl().maxCandidates()) break;
            fill(bankrupt, q, i, Money.min(bankrupt.size(), q.positions[i].size()), price, layer);
        }
    }

    /** FTX: the top N open positions in queue order share the size pro-rata to their size; then the next N. */
    private void proRata(PositionState bankrupt, Queue q, BigDecimal price, LayerChoice layer) {
        int n = Math.max(1, ctx.settings.adl().topN());
        advanceHead(q);
        int next = q.head;
        while (bankrupt.isOpen() && next < q.size()) {
            List<Integer> group = new ArrayList<>(n);
            while (group.size() < n && (next = q.openFrom(next)) < q.size()) {
                int i = next++;
                if (eligible(q.positions[i])) group.add(i);
            }
            boolean progressed = true;
            while (bankrupt.isOpen() && progressed) {
                progressed = false;
                BigDecimal total = BigDecimal.ZERO;
                for (int i : group) total = total.add(q.positions[i].size());
                if (total.signum() == 0) break;
                BigDecimal need = bankrupt.size();
                for (int i : group) {
                    if (!bankrupt.isOpen()) break;
                    PositionState cp = q.positions[i];
                    BigDecimal share = bankrupt.market.toLotsDown(need.multiply(cp.size())
                            .divide(total, Money.SCALE, Money.ROUNDING));
                    if (share.signum() == 0) share = Money.min(bankrupt.market.lotSize(), bankrupt.size());
                    share = Money.min(share, Money.min(bankrupt.size(), cp.size()));
                    if (share.signum() > 0 && fill(bankrupt, q, i, share, price, layer).signum() > 0) progressed = true;
                }
            }
        }
    }

    /**
     * The price at which ADL closes {@code p}: the policy's close-price rules decide it from the position's bankruptcy
     * price, the mark and the previous mark (rules/adl-price/), asked just before the position is closed, since a
     * cross pool's earlier closes move the bankruptcy price of the next. The engine checks the answer and puts it on
     * the tick grid.
     */
    private BigDecimal closePrice(PositionState p) {
        MarketState ms = ctx.market(p.market.symbol());
        // a position no price can bring to zero (an inverse long owing more than its whole value) has no finite
        // bankruptcy price: the rules see the largest price there is instead
        BigDecimal bankruptcy = Money.min(liquidation.bankruptcyPrice(p), Money.MAX_PRICE);
        AdlPricing pricing = new AdlPricing(p.ref, p.pool.id, p.pool.accountId, p.market.symbol(), p.side.name(),
                p.size(), bankruptcy, ms.mark(), ms.previousMark, p.market.tickSize());
        AdlClosePrice chosen = null;
        for (AdlClosePrice answer : ctx.decisions.adlClosePrices(List.of(pricing))) {
            if (answer == null) throw new PolicyViolation("an ADL close-price rule answered with null");
            String rule = answer.getRuleId();
            if (rule == null)
                throw new PolicyViolation("an ADL close-price rule priced account " + p.pool.accountId
                        + "'s position without a rule id");
            if (answer.getRef() != p.ref)
                throw new PolicyViolation("rule " + rule + " priced a position it was not asked about (account "
                        + p.pool.accountId + "'s " + p.market.symbol() + " " + p.side + " was)");
            BigDecimal price = answer.getPrice();
            if (price == null || price.signum() <= 0 || price.compareTo(Money.MAX_PRICE) > 0)
                throw new PolicyViolation("rule " + rule + " priced account " + p.pool.accountId + "'s "
                        + p.market.symbol()
                        + " " + p.side + " at " + (price == null ? "no price" : price.toPlainString())
                        + "; an ADL close price is positive and at most 1e" + Money.MAX_PRICE_EXPONENT);
            if (chosen == null || rule.compareTo(chosen.getRuleId()) < 0) chosen = answer;
        }
        if (chosen == null)
            throw new PolicyViolation("no ADL close-price rule priced account " + p.pool.accountId + "'s "
                    + p.market.symbol()
                    + " " + p.side + "; a policy that deleverages lists a module of rules/adl-price/");
        return p.market.toTick(chosen.getPrice());
    }

    /**
     * Closes up to {@code size} of the candidate against the bankrupt position at {@code price}; returns the size
     * closed.
     */
    private BigDecimal fill(PositionState bankrupt, Queue q, int place, BigDecimal size, BigDecimal price,
            LayerChoice layer) {
        PositionState cp = q.positions[place];
        if (!cp.isOpen() || size.signum() <= 0) return BigDecimal.ZERO;
        checkOpposite(bankrupt, cp);
        BigDecimal mark = ctx.mark(cp);
        BigDecimal cpGain = cp.market.pnl(cp.side, size, mark, price);
        if (cpGain.signum() < 0 && cp.pool.cash().add(cpGain).signum() < 0) {
            // cut the fill to what the counterparty's equity can bear
            size = cp.market.toLotsDown(size, cp.pool.cash(), cpGain.negate());
            if (size.signum() <= 0) return BigDecimal.ZERO;
            cpGain = cp.market.pnl(cp.side, size, mark, price);
        }
        BigDecimal equityBefore = cp.pool.cash();
        BigDecimal profitBefore = ctx.poolUnrealizedPnl(cp.pool);
        BigDecimal closedProfit = cp.market.pnl(cp.side, size, cp.entryPrice, mark);
        ctx.ledger.adlFill(bankrupt, cp, cpGain);
        if (cpGain.signum() > 0) gained(cp.pool);
        cp.resize(cp.size().subtract(size));
        bankrupt.resize(bankrupt.size().subtract(size));
        BigDecimal notional = cp.market.notional(size, price);
        RunRecorder rec = ctx.recorder;
        rec.adlClosed(cp.pool, size, notional, cpGain, closedProfit);
        rec.haircut(ctx.step, cp.pool, cpGain.negate(), equityBefore, profitBefore);
        // the sentence is built when the event is read, after the run: it may hold plain values only, never the
        // engine's state (a queue holds its positions, and through them every pool of the run)
        Side bankruptSide = bankrupt.side;
        int rank = place + 1;
        double score = q.scores[place];
        String layerRule = layer.getRuleId(), layerReason = layer.getReason();
        rec.event(ctx, RunEvent.Kind.ADL, cp.pool, bankrupt.pool, cp.market.symbol(), cp.side,
                size, price, cpGain, q.ruleIds[place],
                () -> "queue rank " + rank + " (score " + score + ") against a bankrupt "
                        + bankruptSide.name().toLowerCase() + ": " + layerRule + " " + layerReason);
        return size;
    }

    /**
     * ADL closes a position against the other side of its own market: a fill across markets would settle one market's
     * loss with another's price, a fill on the same side would make both parties short of the same contracts.
     */
    private static void checkOpposite(PositionState bankrupt, PositionState cp) {
        if (cp.state != bankrupt.state || cp.side == bankrupt.side)
            throw new IllegalStateException("engine bug: ADL would close account " + cp.pool.accountId + "'s "
                    + cp.market.symbol() + " " + cp.side + " position against account " + bankrupt.pool.accountId
                    + "'s " + bankrupt.market.symbol() + " " + bankrupt.side + " position");
    }

    /** A pool's equity rose: places of its positions that failed to bear a fill this round may bear one now. */
    private void gained(PoolState pool) {
        for (PositionState x : pool.positions()) {
            Queue q = queues.get(x.market.symbol() + "|" + x.side);
            // the places ahead of this one still cannot bear a fill; the walk resumes from this one
            int at = queuePlace[x.ref];
            if (q != null && at >= 0 && at < q.failHead && q.positions[at] == x) q.failHead = at;
        }
    }

    private Queue queue(String market, Side side) {
        return queues.computeIfAbsent(market + "|" + side, k -> rank(market, side));
    }

    /**
     * The place of the candidate {@code s} was built from. A score for anything else would make ADL close a position
     * the ranking never offered: another market's, one on the bankrupt's own side, one bankrupt this round, or none.
     * One identity check per score, and text only for a forged one: a crash ranks millions of candidates.
     */
    private Place placeScored(AdlScore s, String market, Side side) {
        String rule = s.getRuleId();
        if (rule == null) throw new PolicyViolation("an ADL ranking rule gave account " + s.getAccountId()
                + " a score without a rule id");
        int ref = s.getRef();
        Place pl = ref >= 0 && ref < placesByRef.length ? placesByRef[ref] : null;
        if (pl == null || pl.candidate != s.getCandidate()) throw notACandidate(s, pl != null, market, side);
        if (!Double.isFinite(s.getScore()))
            throw new PolicyViolation("rule " + rule + " gave account " + pl.accountId + " the score " + s.getScore()
                    + "; a score must be a finite number");
        if (s.getReason() == null)
            throw new PolicyViolation("rule " + rule + " gave account " + pl.accountId + " a score without a reason");
        return pl;
    }

    /** What a score for something not handed to the rules named, in the words of the position it would have closed. */
    private PolicyViolation notACandidate(AdlScore s, boolean positionOffered, String market, Side side) {
        String ranking = " (ranking " + market + " " + side + ")";
        String rule = "rule " + s.getRuleId();
        int ref = s.getRef();
        if (ref < 0 || ref >= ctx.positionsByRef.length)
            return new PolicyViolation(rule + " scored a position of account " + s.getAccountId()
                    + " that does not exist"
                    + " (ref " + ref + "); a score must be built from a candidate it was given" + ranking);
        PositionState p = ctx.positionsByRef[ref];
        String position = "account " + p.pool.accountId + "'s " + p.market.symbol() + " " + p.side + " position";
        if (positionOffered)
            return new PolicyViolation(rule + " scored " + position
                    + " through a candidate it was not given (one it built"
                    + " or kept from another ranking); a score must be built from the candidate it was given"
                    + ranking);
        return new PolicyViolation(rule + " scored " + position + ", which was not among the candidates it was given"
                + ranking);
    }

    /** The market's positions on {@code side} not yet found closed, in ref order ({@link MarketState#rankable}). */
    private static PositionState[] rankable(MarketState ms, Side side) {
        int s = side.ordinal();
        if (ms.rankable[s] == null) {
            List<PositionState> onSide = new ArrayList<>(ms.positions.size());
            for (PositionState p : ms.positions) if (p.side == side) onSide.add(p);
            ms.rankable[s] = onSide.toArray(new PositionState[0]);
            ms.rankableCount[s] = onSide.size();
        }
        return ms.rankable[s];
    }

    /** A pool's place in {@link #measures}: the accounts' pools by id, then the vaults (ids -1, -2, ...). */
    private int slot(int poolId) { return poolId >= 0 ? poolId : ctx.ledger.pools.size() - 1 - poolId; }

    private Queue rank(String market, Side side) {
        MarketState ms = ctx.market(market);
        if (measures == null) {
            measures = new PoolMeasures[ctx.ledger.pools.size() + ctx.ledger.vaults.size()];
            placesByRef = new Place[ctx.positionsByRef.length];
        }
        List<AdlCandidate> candidates = new ArrayList<>(ms.positions.size());
        List<Place> inOrder = new ArrayList<>(ms.positions.size());
        PositionState[] rankable = rankable(ms, side);
        int count = ms.rankableCount[side.ordinal()];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 1023) == 0) ctx.cancel.check();
            PositionState p = rankable[i];
            if (!p.isOpen()) continue;
            rankable[kept++] = p;
            if (bankruptNow(p.pool) || p.pool.cash().signum() <= 0) continue;
            PoolMeasures m = measures[slot(p.pool.id)];
            if (m == null) m = measures[slot(p.pool.id)] = new PoolMeasures(p.pool);
            AdlCandidate c = new AdlCandidate(p.ref, p.pool.id, p.pool.accountId, market, side.name(), p.size(),
                    p.entryPrice, ms.mark(), p.market.notional(p.size(), ms.mark()),
                    p.market.notional(p.size(), p.entryPrice), p.unrealizedPnl(ms.mark()), p.pool.cash(), m,
                    p.pool.isolated);
            candidates.add(c);
            Place pl = new Place(p, c);
            placesByRef[p.ref] = pl;
            inOrder.add(pl);
        }
        for (AdlScore s : ctx.decisions.rank(candidates)) {
            Place pl = placeScored(s, market, side);
            // two rules scored the same candidate: the first rule id decides
            if (pl.ruleId == null || s.getRuleId().compareTo(pl.ruleId) < 0) {
                pl.score = s.getScore();
                pl.ruleId = s.getRuleId();
            }
        }
        Arrays.fill(rankable, kept, count, null);
        ms.rankableCount[side.ordinal()] = kept;
        for (AdlCandidate c : candidates) measures[slot(c.getPoolId())] = null;
        // the scored ones, in position order (the refs' order, which makes the sort's ties cheap)
        int scored = 0;
        for (Place pl : inOrder) {
            placesByRef[pl.ref] = null;
            if (pl.ruleId != null) scored++;
        }
        Place[] places = new Place[scored];
        int k = 0;
        for (Place pl : inOrder) if (pl.ruleId != null) places[k++] = pl;
        QueueOrder.sort(places, pl -> pl.score, pl -> pl.ref);
        Queue out = new Queue(places.length, side);
        boolean record = recorded.add(ctx.step + "|" + market + "|" + side);
        if (record) ctx.recorder.queueRanked(ctx.step, ctx.round, market, side.name(), places.length);
        Percentiles percentiles = Percentiles.of(places);
        for (int i = 0; i < places.length; i++) {
            Place pl = places[i];
            out.positions[i] = pl.position;
            out.scores[i] = pl.score;
            out.ruleIds[i] = pl.ruleId;
            queuePlace[pl.ref] = i;
            int percentile = percentiles.next(pl);
            if (record) ctx.recorder.queuePlace(pl.accountId, pl.size, pl.score, percentile, pl.ruleId);
        }
        return out;
    }

    /**
     * BitMEX's indicator: the share of the queue's contracts at or ahead of a position, rounded up to 20 %, found
     * without a division per place: ceil(5c / T) is the first k with c <= kT / 5. Read place by place in queue order
     * ({@link #next}).
     */
    private abstract static class Percentiles {
        /** The percentile of the next place in queue order. */
        abstract int next(Place place);

        /**
         * In longs when every size has at most 15 digits and 5 x the total fits a long, as the sizes of a market's
         * positions do: the BigDecimal sum allocates a number per place, millions in a crash.
         */
        static Percentiles of(Place[] places) {
            int scale = 0;
            for (Place pl : places) {
                if (pl.sizeUnscaled == Money.NOT_SMALL) return new Exact(places);
                scale = Math.max(scale, pl.sizeScale);
            }
            try {
                long total = 0;
                for (Place pl : places) total = Math.addExact(total,
                        Money.scaleUp(pl.sizeUnscaled, scale - pl.sizeScale));
                Math.multiplyExact(total, 5);
                return new Small(total, scale);
            } catch (ArithmeticException overflow) {
                return new Exact(places);
            }
        }

        /** Sizes in units of 10^-scale; 5c <= kT is c <= kT / 5, in integers. */
        private static final class Small extends Percentiles {
            private final long total;
            private final int scale;
            private long cumulative;

            Small(long total, int scale) {
                this.total = total;
                this.scale = scale;
            }

            @Override int next(Place place) {
                // no overflow: the running sum stays at or below the total, and 5 x the total fits
                cumulative += Money.scaleUp(place.sizeUnscaled, scale - place.sizeScale);
                if (total == 0) return 100;
                for (int k = 1; k <= 4; k++) if (5 * cumulative <= k * total) return k * 20;
                return 100;
            }
        }

        /** In BigDecimal: kT / 5 is exact (a division by 5 terminates). */
        private static final class Exact extends Percentiles {
            private final BigDecimal[] bounds = new BigDecimal[4];
            private final boolean empty;
            private BigDecimal cumulative = BigDecimal.ZERO;

            Exact(Place[] places) {
                BigDecimal total = BigDecimal.ZERO;
                for (Place pl : places) total = total.add(pl.size);
                empty = total.signum() == 0;
                for (int k = 1; k <= 4; k++) bounds[k - 1] = total.multiply(BigDecimal.valueOf(k))
                        .divide(BigDecimal.valueOf(5));
            }

            @Override int next(Place place) {
                cumulative = cumulative.add(place.size);
                if (empty) return 100;
                for (int k = 1; k <= 4; k++) if (cumulative.compareTo(bounds[k - 1]) <= 0) return k * 20;
                return 100;
            }
        }
    }

    /**
     * Queue order: highest score first ({@link Double#compare}: NaN above every number, 0.0 above -0.0), ties by
     * account id then position: refs are numbered in account-id order (Engine.openPools), so the ref alone breaks
     * ties in that order. A total order, as no two places share a ref.
     *
     * <p>A least-significant-digit radix sort on (score, ref) turned into unsigned keys: a ranking of half a million
     * places sorted by a comparator visited two places per comparison, twenty times over, each one anywhere in the
     * heap; the radix sort reads the keys from two arrays in order, a byte at a time, and skips the bytes all keys
     * share.
     */
    static final class QueueOrder {
        private QueueOrder() {}

        /** Unsigned order of the key is descending {@link Double#compare} order of the score. */
        static long descending(double score) {
            long bits = Double.doubleToLongBits(score);  // every NaN as one, as Double.compare has them
            long ascending = bits ^ ((bits >> 63) & Long.MAX_VALUE);  // signed order is Double.compare's
            return ascending ^ Long.MAX_VALUE;  // flips the order, and the sign bit for an unsigned reading
        }

        /** Sorts {@code places} in queue order. */
        static <T> void sort(T[] places, ToDoubleFunction<T> score, ToIntFunction<T> ref) {
            int n = places.length;
            for (int i = 1; i < n; i++) {
                if (ref.applyAsInt(places[i]) < ref.applyAsInt(places[i - 1])) {
                    // ties keep the order they come in (each pass is stable): the ref order, for the ref to break them
                    Arrays.sort(places, Comparator.comparingInt(ref));
                    break;
                }
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = descending(score.applyAsDouble(places[i]));
            // every byte's counts in one reading of the keys
            int[][] counts = new int[8][257];
            for (long key : keys)
                for (int b = 0; b < 8; b++) counts[b][(int) (key >>> (8 * b) & 0xFF) + 1]++;
            Object[] from = places, to = new Object[n];
            long[] fromKeys = keys, toKeys = new long[n];
            for (int b = 0; b < 8; b++) {
                int[] c = counts[b];
                if (allOne(c, n)) continue;  // every key has this byte: the pass would move nothing
                for (int d = 0; d < 256; d++) c[d + 1] += c[d];
                int shift = 8 * b;
                for (int i = 0; i < n; i++) {
                    int at = c[(int) (fromKeys[i] >>> shift & 0xFF)]++;
                    to[at] = from[i];
                    toKeys[at] = fromKeys[i];
                }
                Object[] o = from; from = to; to = o;
                long[] k = fromKeys; fromKeys = toKeys; toKeys = k;
            }
            if (from != places) System.arraycopy(from, 0, places, 0, n);
        }

        private static boolean allOne(int[] counts, int n) {
            for (int d = 1; d <= 256; d++) if (counts[d] == n) return true;
            return false;
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
                ExactSum n = new ExactSum();
                for (PositionState p : pool.positions()) if (p.isOpen()) n.add(ctx.notional(p));
                notional = n.value();
            }
            return notional;
        }
    }
}
