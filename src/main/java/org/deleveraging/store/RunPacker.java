package org.deleveraging.store;

import java.sql.SQLException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Packs a run's events and ranked queues into the store's chunks ({@link ResultChunks}), and indexes where each account
 * appears ({@link AccountIndex}), reading the result's columns chunk by chunk. Nothing is written here: the writer
 * stores what this returns ({@link RunResultWriter}).
 */
final class RunPacker {
    /** The packed events in chunks of {@link ResultChunks#EVENTS}, the last one shorter. */
    record EventChunk(int entries, byte[] data) {}

    /** One block of {@link ResultChunks#PLACES} ranks of one ranking, the {@code point}-th ranking of the run. */
    record QueueChunk(String market, int step, int round, String side, int block, int point, int entries,
            byte[] data) {}

    /** Everything packed, with the account index's encoded buckets by bucket number. */
    record Packed(List<EventChunk> events, List<QueueChunk> queues, Map<Integer, byte[]> buckets) {}

    /** Event chunks packed by one task of the parallel packing, in order. */
    static final int CHUNKS_PER_TASK = 32;
    /** Events or places between two checkpoints. */
    private static final int CHECKPOINT = 16_384;

    private final ChunkEncoder encoder = new ChunkEncoder();
    private final AccountIndex index;
    private final List<EventChunk> eventChunks = new ArrayList<>();
    private final List<QueueChunk> queueChunks = new ArrayList<>();
    private final Runnable checkpoint;

    private RunPacker(RunResult r, Runnable checkpoint) {
        index = new AccountIndex(2L * r.events().size(), r.queues().size());
        this.checkpoint = checkpoint;
    }

    /**
     * Packs a result: its events in order, its rankings grouped and each in rank order. {@code checkpoint} is called
     * on this thread every few thousand events or places, so that a run cancelled while it is packed (a few seconds
     * at 1M positions) stops there: it may throw, and the packing ends with what it threw.
     */
    static Packed pack(RunResult r, Runnable checkpoint) throws SQLException {
        RunPacker packer = new RunPacker(r, checkpoint);
        packer.events(r.events());
        packer.places(inRankingOrder(r.queues()));
        return new Packed(List.copyOf(packer.eventChunks), List.copyOf(packer.queueChunks), packer.index.encode());
    }

    private void events(List<RunEvent> events) throws SQLException {
        for (int i = 0; i < events.size(); i++) {
            if (i % CHECKPOINT == 0) checkpoint.run();
            RunEvent e = events.get(i);
            // every event names its kind and account; the index finds it under both parties
            if (e.accountId() == null || e.kind() == null)
                throw new SQLException("event " + i + " has no " + (e.kind() == null ? "kind" : "account"));
            index.event(e.accountId(), i);
            if (e.counterpartyId() != null) index.event(e.counterpartyId(), i);
        }
        // each chunk is packed on its own (its own dictionary), so they pack on both cores, a run of chunks per task
        // with an encoder of its own; a result's lists are not changed once made, and an event's reason is a sentence
        // or a pure function of figures it captured
        // two tasks at a time (the two cores), then a checkpoint
        int chunks = (events.size() + ResultChunks.EVENTS - 1) / ResultChunks.EVENTS;
        int tasks = (chunks + CHUNKS_PER_TASK - 1) / CHUNKS_PER_TASK;
        for (int first = 0; first < tasks; first += 2) {
            checkpoint.run();
            eventChunks.addAll(IntStream.range(first, Math.min(tasks, first + 2)).parallel().mapToObj(t -> {
                ChunkEncoder out = new ChunkEncoder();
                List<EventChunk> packed = new ArrayList<>(CHUNKS_PER_TASK);
                for (int c = t * CHUNKS_PER_TASK; c < Math.min(chunks, (t + 1) * CHUNKS_PER_TASK); c++) {
                    int from = c * ResultChunks.EVENTS;
                    int n = Math.min(ResultChunks.EVENTS, events.size() - from);
                    packed.add(new EventChunk(n, ResultChunks.events(out, events, from, n)));
                }
                return packed;
            }).flatMap(List::stream).toList());
        }
    }

    /** Places ranking by ranking, each best first, cut into blocks of ranks. */
    private void places(List<QueueEntry> places) throws SQLException {
        QueueEntry first = null;  // the first place of the block being gathered
        int start = 0;
        int point = -1;
        for (int i = 0; i < places.size(); i++) {
            if (i % CHECKPOINT == 0) checkpoint.run();
            QueueEntry q = places.get(i);
            if (q.rank() < 1) throw new SQLException("queue rank " + q.rank() + " is not 1-based");
            boolean newRanking = first == null || !sameRanking(first, q);
            if (first != null && (newRanking || block(q) != block(first))) {
                block(places, start, i, point);
                start = i;
            }
            if (newRanking) point++;
            if (start == i) first = q;
            index.place(q.accountId(), point, q.rank());
        }
        if (first != null) block(places, start, places.size(), point);
    }

    private void block(List<QueueEntry> places, int from, int to, int point) {
        QueueEntry first = places.get(from);
        queueChunks.add(new QueueChunk(first.market(), first.step(), first.round(), first.side(), block(first), point,
                to - from, ResultChunks.places(encoder, places, from, to - from)));
    }

    /**
     * A queue list's places ranking by ranking in the order the rankings first appear, each in rank order (a stable
     * sort, for a list made otherwise than by the engine, which records a ranking whole and best first). Views of the
     * list by position: the engine's queue list builds each entry when it is read, and holding a 1M run's 2.24M
     * places as objects was a tenth of its heap.
     */
    static List<QueueEntry> inRankingOrder(List<QueueEntry> queues) {
        Map<List<Object>, Places> rankings = new LinkedHashMap<>();
        QueueEntry current = null;
        Places places = null;
        for (int i = 0; i < queues.size(); i++) {
            QueueEntry q = queues.get(i);
            // a ranking's places come one after another: look the ranking up only when it changes
            if (current == null || !sameRanking(current, q)) {
                current = q;
                places = rankings.computeIfAbsent(key(q), k -> new Places(queues));
            }
            places.add(i, q.rank());
        }
        List<List<QueueEntry>> parts = new ArrayList<>();
        for (Places p : rankings.values()) parts.add(p.inRankOrder());
        int[] starts = new int[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) starts[i + 1] = starts[i] + parts.get(i).size();
        return new AbstractList<>() {
            @Override public QueueEntry get(int i) {
                Objects.checkIndex(i, starts[parts.size()]);
                int part = Arrays.binarySearch(starts, i);
                // the last part starting at or before i (an empty ranking cannot occur: each holds a place)
                part = part >= 0 ? part : -part - 2;
                return parts.get(part).get(i - starts[part]);
            }

            @Override public int size() { return starts[parts.size()]; }
        };
    }

    /** Where one ranking's places are in the queue list. */
    private static final class Places extends AbstractList<QueueEntry> {
        private final List<QueueEntry> queues;
        private int[] at = new int[16];
        private int size;
        private boolean ascending = true;
        private int lastRank = Integer.MIN_VALUE;

        Places(List<QueueEntry> queues) { this.queues = queues; }

        void add(int position, int rank) {
            if (size == at.length) at = Arrays.copyOf(at, size * 2);
            at[size++] = position;
            ascending &= rank > lastRank;
            lastRank = rank;
        }

        List<QueueEntry> inRankOrder() {
            if (ascending) return this;
            List<QueueEntry> sorted = new ArrayList<>(this);
            sorted.sort(Comparator.comparingInt(QueueEntry::rank));
            return sorted;
        }

        @Override public QueueEntry get(int i) {
            Objects.checkIndex(i, size);
            return queues.get(at[i]);
        }

        @Override public int size() { return size; }
    }

    private static int block(QueueEntry q) { return (q.rank() - 1) / ResultChunks.PLACES; }

    private static boolean sameRanking(QueueEntry a, QueueEntry b) {
        return a.step() == b.step() && a.round() == b.round() && Objects.equals(a.market(), b.market())
                && Objects.equals(a.side(), b.side());
    }

    private static List<Object> key(QueueEntry q) {
        return java.util.Arrays.asList(q.market(), q.step(), q.round(), q.side());
    }
}
