package org.deleveraging.store;

import org.deleveraging.run.RunRecording;
import java.sql.SQLException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Packs a run's events and ranked queues into the store's chunks while the engine is still running, on a thread of
 * its own. Packing them after the run (a sentence and a dictionary per chunk, 837k events and 2.24M queue places at
 * 1M positions) was most of the ~4.6 s the store added to a run, all of it on the thread the user waits for, while
 * the other core sat mostly idle through the engine.
 *
 * <p>Feed it what the engine hands over at the end of each round ({@code RunListener.onRecorded}), then give it to
 * {@link H2WorkbenchStore#saveRun}. A result stored without one is packed by {@link #packAll} after the fact, through
 * the same code, so a run is stored the same whichever way it went (chunk for chunk, the same boundaries). Nothing
 * is written to H2 before the run ends, so a run that fails leaves nothing behind; {@link #close()} stops the thread.
 */
final class RunPacker implements RunRecording {
    /** The packed events in chunks of {@link ResultChunks#EVENTS}, the last one shorter. */
    record EventChunk(int entries, byte[] data) {}

    /** One block of {@link ResultChunks#PLACES} ranks of one ranking, the {@code point}-th ranking of the run. */
    record QueueChunk(String market, int step, int round, String side, int block, int point, int entries,
            byte[] data) {}

    /** Everything packed, with the account index's buckets (encoded on another core while the caller writes). */
    record Packed(List<EventChunk> events, List<QueueChunk> queues, Future<Map<Integer, byte[]>> buckets) {}

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-packer");
        t.setDaemon(true);
        return t;
    });
    // the state below is the packing thread's alone: the tasks run one after another on it
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final AccountIndex index = new AccountIndex();
    private final List<EventChunk> eventChunks = new ArrayList<>();
    private final List<QueueChunk> queueChunks = new ArrayList<>();
    private final List<RunEvent> pendingEvents = new ArrayList<>(ResultChunks.EVENTS);
    private final List<QueueEntry> pendingPlaces = new ArrayList<>(ResultChunks.PLACES);
    /**
     * Events packed or pending, checked at the end against the result's number of events: a count, not the events,
     * since a result whose events the store packed as it went does not keep them ({@link RunResult#recordedKept()}).
     */
    private int events;
    private int places;
    private QueueEntry ranking;        // the first place of the ranking being packed
    private int point = -1;
    private int lastRank;
    /** Set when what was handed over is not what the store packs place by place (see {@link #irregular}). */
    private String irregular;
    private final java.util.Set<List<Object>> closedRankings = new java.util.HashSet<>();
    /** The first thing that went wrong; the tasks after it do nothing, and {@link #finish} reports it. */
    private Exception failure;

    private interface Task {
        void run() throws SQLException;
    }

    /** Queues the packing of what a run recorded since the last call; returns at once. */
    @Override
    public void add(List<RunEvent> events, List<QueueEntry> places) {
        submit(() -> {
            pack(events);
            place(places);
        });
    }

    private Future<?> submit(Task task) {
        return worker.submit(() -> {
            if (failure != null) return;
            try {
                task.run();
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        });
    }

    /**
     * Waits for the packing to catch up and packs the last, shorter chunks. Returns null when what was handed over is
     * not the result's, or not the shape this packer assumes (rankings whole, in increasing rank): the writer then
     * packs the result itself. A result that did not keep its events cannot be packed again, so for one the mismatch
     * is an error.
     */
    Packed finish(RunResult r) throws SQLException {
        await(submit(() -> {
            flushEvents();
            flushPlaces();
        }));
        if (failure instanceof SQLException s) throw s;
        if (failure instanceof RuntimeException e) throw e;
        boolean theResults = irregular == null && events == r.eventCount() && places == r.queuePlaceCount();
        if (!theResults && !r.recordedKept())
            throw new IllegalStateException(
                    "the store packed the run's events as it went, and what it packed is not the"
                    + " run's: "
                    + (irregular != null ? irregular : events + " events and " + places + " queue places packed,"
                    + " the run has " + r.eventCount() + " and " + r.queuePlaceCount()));
        if (!theResults) return null;
        // not on this packer's thread: the caller may close the packer before it reads the buckets
        return new Packed(List.copyOf(eventChunks), List.copyOf(queueChunks),
                CompletableFuture.supplyAsync(index::encode));
    }

    /**
     * Packs a finished result that was not packed as it went (a run stored after the fact, a result built by hand):
     * its rankings grouped and each put in rank order first, as the engine hands them over.
     */
    static Packed packAll(RunResult r) throws SQLException {
        try (RunPacker packer = new RunPacker()) {
            packer.add(r.events(), inRankingOrder(r.queues()));
            Packed packed = packer.finish(r);
            if (packed == null) throw new IllegalStateException("a result's own places did not pack: "
                    + packer.irregular);
            return packed;
        }
    }

    @Override
    public void close() { worker.shutdownNow(); }

    /** The tasks run in the order they were queued, so the last one done means all are. */
    private static void await(Future<?> lastTask) throws SQLException {
        try {
            lastTask.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while packing the run's results", e);
        } catch (ExecutionException e) {
            throw new SQLException("could not pack the run's results", e.getCause());
        }
    }

    private void pack(List<RunEvent> handed) throws SQLException {
        for (RunEvent e : handed) {
            int eventNo = events;
            // every event names its kind and account; the index finds it under both parties
            if (e.accountId() == null || e.kind() == null)
                throw new SQLException("event " + eventNo + " has no " + (e.kind() == null ? "kind" : "account"));
            index.event(e.accountId(), eventNo);
            if (e.counterpartyId() != null) index.event(e.counterpartyId(), eventNo);
            events++;
            pendingEvents.add(e);
            if (pendingEvents.size() == ResultChunks.EVENTS) flushEvents();
        }
    }

    private void flushEvents() {
        if (pendingEvents.isEmpty()) return;
        int n = pendingEvents.size();
        eventChunks.add(new EventChunk(n, ResultChunks.events(encoder, pendingEvents, 0, n)));
        pendingEvents.clear();
    }

    /** Places in the order of the queue log: each ranking whole, best first, cut into blocks of ranks. */
    private void place(List<QueueEntry> handed) throws SQLException {
        for (QueueEntry q : handed) {
            places++;
            if (irregular != null) continue;
            if (q.rank() < 1) throw new SQLException("queue rank " + q.rank() + " is not 1-based");
            if (ranking == null || !sameRanking(ranking, q)) {
                flushPlaces();
                if (ranking != null) closedRankings.add(key(ranking));
                if (closedRankings.contains(key(q))) {
                    irregular("ranking " + key(q) + " comes back after another one");
                    continue;
                }
                ranking = q;
                point++;
                lastRank = 0;
            } else if (q.rank() < lastRank) {
                irregular("ranks of " + key(q) + " go down");
                continue;
            } else if (block(q) != block(pendingPlaces.isEmpty() ? q : pendingPlaces.get(0))) {
                flushPlaces();
            }
            lastRank = q.rank();
            index.place(q.accountId(), point, q.rank());
            pendingPlaces.add(q);
        }
    }

    private void flushPlaces() {
        if (pendingPlaces.isEmpty()) return;
        QueueEntry first = pendingPlaces.get(0);
        int n = pendingPlaces.size();
        queueChunks.add(
                new QueueChunk(first.market(), first.step(), first.round(), first.side(), block(first), point, n,
                ResultChunks.places(encoder, pendingPlaces, 0, n)));
        pendingPlaces.clear();
    }

    private void irregular(String why) {
        irregular = why;
        pendingPlaces.clear();
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
