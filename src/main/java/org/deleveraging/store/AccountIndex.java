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

    // every reference in the order it was added; grouped by bucket only when encoding, so that the map of accounts
    // is one bucket's (a few hundred, in cache) rather than half a million (a cache miss per look-up, and garbage)
    private final Refs events;
    private final Refs places;

    AccountIndex() { this(1024, 1024); }

    /** An index sized for about this many event references (two per event with a counterparty) and places. */
    AccountIndex(int eventRefs, int places) {
        this.events = new Refs(eventRefs);
        this.places = new Refs(places);
    }

    static int bucket(String accountId) { return bucketOf(accountId.hashCode()); }

    private static int bucketOf(int hash) { return Math.floorMod(hash, BUCKETS); }

    /** Adds an event number; events must be added in increasing order. */
    void event(String accountId, int eventNo) { events.add(accountId, eventNo, 0); }

    void place(String accountId, int point, int rank) { places.add(accountId, point, rank); }

    /** The encoded buckets that hold at least one account, by bucket number. */
    Map<Integer, byte[]> encode() {
        int[][] eventsByBucket = events.byBucket();
        int[][] placesByBucket = places.byBucket();
        Map<Integer, byte[]> out = new TreeMap<>();
        Sink sink = new Sink();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (eventsByBucket[bucket].length == 0 && placesByBucket[bucket].length == 0) continue;
            Accounts accounts = new Accounts(eventsByBucket[bucket].length + placesByBucket[bucket].length);
            for (int i : eventsByBucket[bucket]) {
                Builder b = accounts.get(events.accounts[i], events.hashes[i]);
                int no = events.first[i];
                // an account that is its own counterparty is listed once
                if (b.events.size == 0 || b.events.values[b.events.size - 1] != no) b.events.add(no);
            }
            for (int i : placesByBucket[bucket]) {
                Builder b = accounts.get(places.accounts[i], places.hashes[i]);
                b.points.add(places.first[i]);
                b.ranks.add(places.second[i]);
            }
            List<String> ids = accounts.ids();
            ids.sort(null);
            sink.reset();
            for (String id : ids) {
                Builder b = accounts.get(id, id.hashCode());
                byte[] name = id.getBytes(StandardCharsets.UTF_8);
                sink.varint(name.length);
                sink.write(name, 0, name.length);
                sink.varint(b.events.size);
                int previous = 0;
                for (int i = 0; i < b.events.size; i++) {
                    sink.varint(b.events.values[i] - previous);
                    previous = b.events.values[i];
                }
                sink.varint(b.points.size);
                for (int i = 0; i < b.points.size; i++) {
                    sink.varint(b.points.values[i]);
                    sink.varint(b.ranks.values[i]);
                }
            }
            out.put(bucket, sink.toByteArray());
        }
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
     * References (account, two numbers) in parallel arrays, millions of them at 1M positions, with each account id's
     * hash taken when the reference is added: encoding groups them by it, and reading it then from the id, one
     * string per reference scattered over the heap, was most of the encoding's time (which a run's store waits for).
     */
    private static final class Refs {
        String[] accounts;
        int[] hashes;
        int[] first;
        int[] second;
        int size;

        Refs(int capacity) {
            capacity = Math.max(16, capacity);
            accounts = new String[capacity];
            hashes = new int[capacity];
            first = new int[capacity];
            second = new int[capacity];
        }

        void add(String account, int a, int b) {
            if (size == accounts.length) {
                accounts = Arrays.copyOf(accounts, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                first = Arrays.copyOf(first, size * 2);
                second = Arrays.copyOf(second, size * 2);
            }
            accounts[size] = account;
            hashes[size] = account.hashCode();
            first[size] = a;
            second[size] = b;
            size++;
        }

        /** The references' positions per bucket, each in the order they were added (a counting sort). */
        int[][] byBucket() {
            int[] bucketOf = new int[size];
            int[] counts = new int[BUCKETS];
            for (int i = 0; i < size; i++) counts[bucketOf[i] = bucketOf(hashes[i])]++;
            int[][] out = new int[BUCKETS][];
            for (int b = 0; b < BUCKETS; b++) out[b] = new int[counts[b]];
            int[] filled = new int[BUCKETS];
            for (int i = 0; i < size; i++) out[bucketOf[i]][filled[bucketOf[i]]++] = i;
            return out;
        }
    }

    /**
     * A bucket's accounts and their builders, by open addressing. Every id in a bucket has the same
     * {@code hashCode() % 1024}, which a {@link java.util.HashMap} turned into long collision chains (its table
     * index uses those same low bits); a Fibonacci hash of the whole code spreads them.
     */
    private static final class Accounts {
        private final String[] ids;
        private final Builder[] builders;
        private final int shift;
        private final List<String> order = new ArrayList<>();

        Accounts(int references) {
            int capacity = Integer.highestOneBit(Math.max(16, references) * 2);
            ids = new String[capacity];
            builders = new Builder[capacity];
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        /** The account's builder; {@code hash} is the id's {@link String#hashCode()}, taken earlier. */
        Builder get(String id, int hash) {
            int slot = (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
            while (ids[slot] != null) {
                // the run's references to an account share its id's string: most look-ups end at the identity
                if (ids[slot] == id || ids[slot].equals(id)) return builders[slot];
                slot = (slot + 1) & (ids.length - 1);
            }
            ids[slot] = id;
            order.add(id);
            return builders[slot] = new Builder();
        }

        List<String> ids() { return order; }
    }

    private static final class Builder {
        final Ints events = new Ints(4);
        final Ints points = new Ints(2);
        final Ints ranks = new Ints(2);
    }

    /** A growable int array: a bucket's accounts with a few numbers each would otherwise be boxed Integers. */
    private static final class Ints {
        int[] values;
        int size;

        Ints(int capacity) { values = new int[capacity]; }

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }
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
