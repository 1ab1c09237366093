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
        for (PositionState p : pool.positions)
            if (p.isOpen()) weight += exposure(p) * coordinate(p.state);
        if (!(weight > 0)) return;  // nothing a mark can move: only a ledger movement brings it back
        // (1 + 1e-9): a margin for the doubles' rounding, as in the headroom itself
        double share = headroom / ((1 + rate) * weight * (1 + 1e-9));
        for (PositionState p : pool.positions) {
            if (!p.isOpen()) continue;
            // one position per market in a pool
            heaps.computeIfAbsent(p.state, k -> new Heap()).push(p.state.path + share * coordinate(p.state), pool.id, version);
        }
    }

    private static double exposure(PositionState p) { return p.market.contracts(p.size).doubleValue(); }

    private static double coordinate(MarketState ms) { return Math.abs(RunContext.pathCoordinate(ms, ms.mark)); }

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
