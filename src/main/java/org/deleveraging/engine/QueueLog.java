package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The ranked queues a run keeps, read as a list of {@link QueueEntry} in the order they were ranked. Each ranking is
 * held as columns and an entry is built when read: a crash over a million positions keeps millions of places, and
 * an object per place was a tenth of what such a run holds. Only the engine appends; readers cannot change it.
 */
final class QueueLog extends AbstractList<QueueEntry> implements RandomAccess {

    /** One ranked market side: its places in rank order (rank = index + 1). */
    private static final class Ranking {
        final int step;
        final int round;
        final String market;
        final String side;
        final int first;  // index of its first place in the log
        String[] accounts;
        final DecimalColumn sizes;
        double[] scores;
        byte[] percentiles;
        String[] ruleIds;
        int size;

        Ranking(int step, int round, String market, String side, int first, int capacity) {
            this.step = step;
            this.round = round;
            this.market = market;
            this.side = side;
            this.first = first;
            int n = Math.max(capacity, 1);
            accounts = new String[n];
            sizes = new DecimalColumn(n);
            scores = new double[n];
            percentiles = new byte[n];
            ruleIds = new String[n];
        }

        void add(String account, BigDecimal size, double score, int percentile, String ruleId) {
            if (this.size == accounts.length) {
                int n = this.size * 2;
                accounts = Arrays.copyOf(accounts, n);
                sizes.grow(n);
                scores = Arrays.copyOf(scores, n);
                percentiles = Arrays.copyOf(percentiles, n);
                ruleIds = Arrays.copyOf(ruleIds, n);
            }
            accounts[this.size] = account;
            sizes.set(this.size, size);
            scores[this.size] = score;
            percentiles[this.size] = (byte) percentile;
            ruleIds[this.size] = ruleId;
            this.size++;
        }

        QueueEntry entry(int i) {
            return new QueueEntry(step, round, market, side, i + 1, accounts[i], sizes.get(i), scores[i],
                    percentiles[i], ruleIds[i]);
        }
    }

    private final List<Ranking> rankings = new ArrayList<>();
    private int size;

    /** Starts a ranking; its places follow with {@link #place}, best first. */
    void startRanking(int step, int round, String market, String side, int expectedPlaces) {
        rankings.add(new Ranking(step, round, market, side, size, expectedPlaces));
    }

    void place(String accountId, BigDecimal positionSize, double score, int percentile, String ruleId) {
        rankings.get(rankings.size() - 1).add(accountId, positionSize, score, percentile, ruleId);
        size++;
    }

    @Override public QueueEntry get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("queue place " + index + " of " + size);
        return entry(rankings, index);
    }

    /** The place at {@code index}: in the last ranking whose first place is at or before it. */
    private static QueueEntry entry(List<Ranking> rankings, int index) {
        int lo = 0;
        int hi = rankings.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (rankings.get(mid).first <= index) lo = mid;
            else hi = mid - 1;
        }
        Ranking r = rankings.get(lo);
        return r.entry(index - r.first);
    }

    @Override public int size() { return size; }
}
