package org.deleveraging.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each account of a run appears: the events it took part in (as the account or as the counterparty) and its
 * places in the ranked ADL queues. Kept as one row per hash bucket of account ids rather than one index entry per
 * event and place: a secondary index in random account order was most of the ~100 s a 1M run took to store. A
 * look-up reads one bucket (a few hundred accounts at 1M) and decodes it.
 *
 * <p>A bucket is a sequence of accounts in id order, each: id (length, UTF-8), event count, event numbers as
 * gaps from the previous, place count, then per place the ranking's number and the rank. Numbers are unsigned
 * varints. {@link String#hashCode()} is fixed by the Java language, so buckets are the same on every machine.
 */
final class AccountIndex {
    static final int BUCKETS = 1024;

    /** The events and queue places of one account, in the order they were added. */
    record Entry(int[] events, int[] placePoints, int[] placeRanks) {}

    // every reference kept in its bucket as it is added, in the order it was added: the encoding then reads each
    // bucket's references in order from a few arrays, where reading them grouped from one list of millions was a
    // cache miss per reference, and it builds no object per account (half a million at 1M), only arrays per bucket
    private final Refs[] events = new Refs[BUCKETS];
    private final Refs[] places = new Refs[BUCKETS];

    /** Sizes of a bucket's arrays at first: a bucket's share of the references expected, and a quarter more. */
    private final int eventsPerBucket;
    private final int placesPerBucket;

    AccountIndex() { this(0, 0); }

    /**
     * @param eventRefs about how many event references will be added (two per event between accounts): growing a
     *                  thousand buckets' arrays by doubling copied a 1M run's references several times over
     */
    AccountIndex(long eventRefs, long places) {
        eventsPerBucket = perBucket(eventRefs);
        placesPerBucket = perBucket(places);
    }

    private static int perBucket(long refs) { return (int) Math.min(1 << 20, Math.max(16, refs / BUCKETS * 5 / 4)); }

    static int bucket(String accountId) { return bucketOf(accountId.hashCode()); }

    private static int bucketOf(int hash) { return Math.floorMod(hash, BUCKETS); }

    /** Adds an event number; events must be added in increasing order. */
    void event(String accountId, int eventNo) { add(events, eventsPerBucket, accountId, eventNo, 0); }

    void place(String accountId, int point, int rank) { add(places, placesPerBucket, accountId, point, rank); }

    private static void add(Refs[] refs, int capacity, String accountId, int a, int b) {
        int hash = accountId.hashCode();
        int bucket = bucketOf(hash);
        Refs r = refs[bucket];
        if (r == null) r = refs[bucket] = new Refs(capacity);
        r.add(accountId, hash, a, b);
    }

    /** The encoded buckets that hold at least one account, by bucket number. */
    Map<Integer, byte[]> encode() {
        Map<Integer, byte[]> out = new TreeMap<>();
        Sink sink = new Sink();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            Refs e = events[bucket] == null ? Refs.NONE : events[bucket];
            Refs p = places[bucket] == null ? Refs.NONE : places[bucket];
            if (e.size == 0 && p.size == 0) continue;
            Accounts accounts = new Accounts(e.size + p.size);
            int[] eventAccount = accounts.number(e);
            int[] placeAccount = accounts.number(p);
            // each account's number in id order, then its references grouped by it, each group in the order added
            int[] rank = accounts.ranksById();
            int n = accounts.count();
            int[] eventsFrom = groupStarts(eventAccount, e.size, rank, n);
            int[] eventOrder = grouped(eventAccount, e.size, rank, eventsFrom);
            int[] placesFrom = groupStarts(placeAccount, p.size, rank, n);
            int[] placeOrder = grouped(placeAccount, p.size, rank, placesFrom);
            int[] accountEvents = new int[e.size];
            sink.reset();
            for (int r = 0; r < n; r++) {
                byte[] name = accounts.byRank(r).getBytes(StandardCharsets.UTF_8);
                sink.varint(name.length);
                sink.write(name, 0, name.length);
                // an account that is its own counterparty is listed once
                int distinct = 0;
                for (int i = eventsFrom[r]; i < eventsFrom[r + 1]; i++) {
                    int no = e.first[eventOrder[i]];
                    if (distinct == 0 || accountEvents[distinct - 1] != no) accountEvents[distinct++] = no;
                }
                sink.varint(distinct);
                int previous = 0;
                for (int i = 0; i < distinct; i++) {
                    sink.varint(accountEvents[i] - previous);
                    previous = accountEvents[i];
                }
                sink.varint(placesFrom[r + 1] - placesFrom[r]);
                for (int i = placesFrom[r]; i < placesFrom[r + 1]; i++) {
                    sink.varint(p.first[placeOrder[i]]);
                    sink.varint(p.second[placeOrder[i]]);
                }
            }
            out.put(bucket, sink.toByteArray());
        }
        return out;
    }

    /** Where each account's group starts when references are grouped by their account's rank (n + 1 entries). */
    private static int[] groupStarts(int[] account, int size, int[] rank, int n) {
        int[] from = new int[n + 1];
        for (int i = 0; i < size; i++) from[rank[account[i]] + 1]++;
        for (int r = 0; r < n; r++) from[r + 1] += from[r];
        return from;
    }

    /** The references' indices grouped by their account's rank, each group in the order added (a counting sort). */
    private static int[] grouped(int[] account, int size, int[] rank, int[] from) {
        int[] next = from.clone();
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[next[rank[account[i]]]++] = i;
        return out;
    }

    /** The account's entry in an encoded bucket, or null when it is not there. */
    static Entry find(byte[] bucket, String accountId) {
        byte[] wanted = accountId.getBytes(StandardCharsets.UTF_8);
        int[] at = {0};
        while (at[0] < bucket.length) {
            int length = varint(bucket, at);
            boolean match = length == wanted.length && Arrays.equals(bucket, at[0], at[0] + length, wanted, 0, length);
            at[0] += length;
            int[] events = new int[varint(bucket, at)];
            int previous = 0;
            for (int i = 0; i < events.length; i++) events[i] = previous += varint(bucket, at);
            int places = varint(bucket, at);
            int[] points = new int[places];
            int[] ranks = new int[places];
            for (int i = 0; i < places; i++) {
                points[i] = varint(bucket, at);
                ranks[i] = varint(bucket, at);
            }
            if (match) return new Entry(events, points, ranks);
        }
        return null;
    }

    private static int varint(byte[] b, int[] at) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[at[0]++];
            v |= (x & 0x7f) << shift;
            if (x >= 0) return v;
        }
    }

    /**
     * One bucket's references (account, two numbers) in parallel arrays, with each account id's hash taken when the
     * reference is added: reading it at the encoding, from one string per reference scattered over the heap, was
     * most of the encoding's time (which a run's store waits for).
     */
    private static final class Refs {
        /** A bucket without references; nothing is ever added to it. */
        static final Refs NONE = new Refs(0);
        String[] accounts;
        int[] hashes;
        int[] first;
        int[] second;
        int size;

        Refs(int capacity) {
            accounts = new String[capacity];
            hashes = new int[capacity];
            first = new int[capacity];
            second = new int[capacity];
        }

        void add(String account, int hash, int a, int b) {
            if (size == accounts.length) {
                int n = Math.max(16, size * 2);
                accounts = Arrays.copyOf(accounts, n);
                hashes = Arrays.copyOf(hashes, n);
                first = Arrays.copyOf(first, n);
                second = Arrays.copyOf(second, n);
            }
            accounts[size] = account;
            hashes[size] = hash;
            first[size] = a;
            second[size] = b;
            size++;
        }
    }

    /**
     * A bucket's distinct accounts, numbered as first met, by open addressing. Every id in a bucket has the same
     * {@code hashCode() % 1024}, which a {@link java.util.HashMap} turned into long collision chains (its table
     * index uses those same low bits); a Fibonacci hash of the whole code spreads them.
     */
    private static final class Accounts {
        private final String[] slots;
        private final int[] numbers;
        private final int shift;
        private final List<String> order = new ArrayList<>();
        private String[] byRank;

        Accounts(int references) {
            int capacity = Integer.highestOneBit(Math.max(16, references) * 2);
            slots = new String[capacity];
            numbers = new int[capacity];
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        /** Each reference's account number. */
        int[] number(Refs refs) {
            int[] out = new int[refs.size];
            for (int i = 0; i < refs.size; i++) out[i] = number(refs.accounts[i], refs.hashes[i]);
            return out;
        }

        /** The account's number; {@code hash} is the id's {@link String#hashCode()}, taken earlier. */
        private int number(String id, int hash) {
            int slot = (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
            while (slots[slot] != null) {
                // the run's references to an account share its id's string: most look-ups end at the identity
                if (slots[slot] == id || slots[slot].equals(id)) return numbers[slot];
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = id;
            order.add(id);
            return numbers[slot] = order.size() - 1;
        }

        int count() { return order.size(); }

        /** Each account number's place in id order. */
        int[] ranksById() {
            byRank = order.toArray(new String[0]);
            Arrays.sort(byRank);
            int[] rank = new int[byRank.length];
            for (int r = 0; r < byRank.length; r++) rank[number(byRank[r], byRank[r].hashCode())] = r;
            return rank;
        }

        String byRank(int r) { return byRank[r]; }
    }

    /** A byte buffer without ByteArrayOutputStream's locking, which showed at millions of one-byte writes. */
    private static final class Sink {
        private byte[] bytes = new byte[1 << 16];
        private int size;

        void reset() { size = 0; }

        void varint(int v) {
            while ((v & ~0x7f) != 0) {
                put((byte) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            put((byte) v);
        }

        void write(byte[] b, int from, int length) {
            for (int i = 0; i < length; i++) put(b[from + i]);
        }

        private void put(byte b) {
            if (size == bytes.length) bytes = Arrays.copyOf(bytes, size * 2);
            bytes[size++] = b;
        }

        byte[] toByteArray() { return Arrays.copyOf(bytes, size); }
    }
}
