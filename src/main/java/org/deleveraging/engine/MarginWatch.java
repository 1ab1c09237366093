package org.deleveraging.engine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pools the margin check must measure in a round: those a ledger movement other than settlement changed
 * ({@link Ledger#takeChanged}), and those measured healthy whose markets have since moved far enough that they might
 * not be. A round of a cascade on a large book thus visits the pools that can matter, not every pool.
 *
 * <p>The bound. Settlement changes a pool's equity by at most D = the sum over its positions of e = size x contract
 * value times the distance its market's mark has travelled since the measure ({@link MarketState#path}), and its
 * notional by at most D too; maintenance never exceeds the schedule's top rate r x notional. So the headroom kept at
 * the measure, equity - screen x r x notional, falls by at most D x (1 + screen x r). Each market m of the pool gets
 * a reach R(m) with the sum of e(m) x R(m) equal to headroom / (1 + screen x r); the pool stays healthy while every
 * market has travelled less than its reach, and waits in each market's heap with the trigger path-at-measure + R(m).
 *
 * <p>A pool whose equity lies between screen x maintenance and screen x r x notional has no headroom by that bound,
 * and would be measured again every round. For it, the tiers its positions are in give a second bound
 * ({@link #healthyWithinTiers}): while each notional stays at or below the floor of the next tier, maintenance rises
 * at most at the current tier's rate r(i) (a table whose maintenance never falls as the notional grows, as every
 * venue's, {@link MarketState#maintenanceRises}), so the pool stays healthy while the sum of e(m) x R(m) x
 * (1 + screen x r(m)) stays below equity - screen x maintenance, and each reach is also cut where the notional
 * would reach the next floor.
 * A fee to close charged in maintenance (a rate f of the value at the mark) grows with the notional like a rate: the
 * bounds use r + f and r(i) + f ({@link LiquidationStage}); a pool with a table read at entry and such a fee is
 * measured every round, since no one notional bounds both.
 * Measuring a pool is exact, so a pool measured more often than it needed gives the same result; the property suite
 * runs with {@code deleveraging.engine.checkMarginSkips} and measures every pool this leaves out.
 */
final class MarginWatch {
    /**
     * A market's pools by trigger: a 4-ary min-heap on two primitive arrays, the trigger and (pool id, version)
     * packed in a long. Millions of entries at 1M positions; four children per node halve the levels a removal walks.
     */
    private static final class Heap {
        double[] trigger = new double[1024];
        long[] entry = new long[1024];
        int size;

        void push(double t, int pool, int version) {
            if (size == trigger.length) {
                trigger = Arrays.copyOf(trigger, size * 2);
                entry = Arrays.copyOf(entry, size * 2);
            }
            long e = ((long) pool << 32) | (version & 0xffffffffL);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 2;
                if (trigger[parent] <= t) break;
                trigger[i] = trigger[parent];
                entry[i] = entry[parent];
                i = parent;
            }
            trigger[i] = t;
            entry[i] = e;
        }

        /**
         * Hands every entry with a trigger at or below {@code path} to {@code due} and removes it. A big move of the
         * mark reaches a large part of the heap at once: past a share of it, one pass that keeps the rest and
         * rebuilds the heap costs less than removing the entries one by one.
         */
        void drain(double path, java.util.function.LongConsumer due) {
            int removed = 0;
            while (size > 0 && trigger[0] <= path) {
                if (++removed > 64 && removed > size / 32) {
                    drainAll(path, due);
                    return;
                }
                due.accept(entry[0]);
                size--;
                siftDown(0, trigger[size], entry[size]);
            }
        }

        private void drainAll(double path, java.util.function.LongConsumer due) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (trigger[i] <= path) {
                    due.accept(entry[i]);
                } else {
                    trigger[kept] = trigger[i];
                    entry[kept] = entry[i];
                    kept++;
                }
            }
            size = kept;
            for (int i = (size - 2) >>> 2; size > 1 && i >= 0; i--) siftDown(i, trigger[i], entry[i]);
        }

        /** Places (t, e) at node i or below it, moving smaller children up. */
        private void siftDown(int i, double t, long e) {
            while (true) {
                int first = 4 * i + 1;
                if (first >= size) break;
                int best = first;
                int end = Math.min(first + 4, size);
                for (int c = first + 1; c < end; c++) if (trigger[c] < trigger[best]) best = c;
                if (trigger[best] >= t) break;
                trigger[i] = trigger[best];
                entry[i] = entry[best];
                i = best;
            }
            trigger[i] = t;
            entry[i] = e;
        }
    }

    private final List<PoolState> pools;
    private final Map<MarketState, Heap> heaps = new IdentityHashMap<>();

    MarginWatch(List<PoolState> pools) { this.pools = pools; }

    /**
     * A pool was measured healthy with {@code headroom} (in its settlement asset) at screen x top rate {@code rate}:
     * it waits until a market it holds has travelled far enough. Earlier entries of the pool are superseded.
     */
    void healthy(PoolState pool, double headroom, double rate) {
        int version = ++pool.watchVersion;
        // the headroom is shared among the pool's markets in proportion to e x the mark (in path coordinates), so
        // that a market's share is reached at about the same relative move in each: sum e x reach = the headroom
        double weight = 0;
        for (PositionState p : pool.positions())
            if (p.isOpen()) weight += exposure(p) * coordinate(p.state);
        if (!(weight > 0)) return;  // nothing a mark can move: only a ledger movement brings it back
        // (1 + 1e-9): a margin for the doubles' rounding, as in the headroom itself
        double share = headroom / ((1 + rate) * weight * (1 + 1e-9));
        for (PositionState p : pool.positions()) {
            if (!p.isOpen()) continue;
            // one position per market in a pool
            heaps.computeIfAbsent(p.state, k -> new Heap())
                    .push(p.state.path + share * coordinate(p.state), pool.id, version);
        }
    }

    /**
     * A pool measured healthy with {@code headroom} = equity - screen x maintenance (less the figures' error) but none
     * by the top rate's bound: waits while its markets stay within the reach the current tiers allow (the class
     * comment). False, and nothing watched, when a market's table may fall as the notional grows or a notional is too
     * near a floor to tell its tier: the caller measures the pool again next round. {@code fee}: the fee to close
     * charged in maintenance, a rate of the value at the mark, which grows with the notional as a tier's rate does.
     */
    boolean healthyWithinTiers(PoolState pool, double headroom, double screen, double fee) {
        double weight = 0;
        for (PositionState p : pool.positions()) {
            if (!p.isOpen()) continue;
            MarketState ms = p.state;
            if (!ms.maintenanceRises) return false;
            double e = exposure(p);
            int tier = MarginScreen.tier(ms.tierFloors, notional(ms, e));
            if (tier < 0) return false;
            weight += e * coordinate(ms) * (1 + screen * (ms.tierRates[tier] + fee));
        }
        if (!(weight > 0)) return false;
        int version = ++pool.watchVersion;
        double share = headroom / (weight * (1 + 1e-9));
        for (PositionState p : pool.positions()) {
            if (!p.isOpen()) continue;
            MarketState ms = p.state;
            double e = exposure(p);
            double n = notional(ms, e);
            int tier = MarginScreen.tier(ms.tierFloors, n);
            double reach = share * coordinate(ms);
            // the notional moves by at most e x the path travelled: cut the reach before it can reach the next floor
            if (tier + 1 < ms.tierFloors.length) reach = Math.min(reach,
                    (ms.tierFloors[tier + 1] - n) / e * (1 - 1e-9));
            heaps.computeIfAbsent(ms, k -> new Heap()).push(ms.path + Math.max(0, reach), pool.id, version);
        }
        return true;
    }

    /** The notional of {@code e} contracts at the market's mark, as {@link MarginScreen} has it. */
    private static double notional(MarketState ms, double e) {
        double mark = ms.markDouble;
        return ms.linear ? e * mark : e / mark;
    }

    private static double exposure(PositionState p) { return p.market.contracts(p.size()).doubleValue(); }

    private static double coordinate(MarketState ms) { return Math.abs(RunContext.pathCoordinate(ms, ms.mark())); }

    /** Adds to {@code due} every pool whose trigger one of its markets has reached, and forgets those entries. */
    void collectDue(BitSet due) {
        for (var e : heaps.entrySet()) {
            e.getValue().drain(e.getKey().path, entry -> {
                int id = (int) (entry >>> 32);
                if ((int) entry == pools.get(id).watchVersion) due.set(id);
            });
        }
    }
}
