package org.deleveraging.engine;

import java.util.List;

/** Progress of a run, for progress bars; and what it has recorded so far, for a store that packs as the run goes. */
@FunctionalInterface
public interface RunListener {
    void onStep(int done, int total);

    /**
     * At the end of every round, the events and queue places recorded since the last call, in the order the run's
     * result will list them. Neither list changes afterwards, and a ranked queue is handed over whole. Called on the
     * engine's thread: a listener that packs them should do so elsewhere, and keep up, since the engine waits for
     * nothing.
     */
    default void onRecorded(List<RunEvent> events, List<QueueEntry> places) {}

    /**
     * Whether the run's result keeps the events and queue places it handed over. A listener that stores them as they
     * come (the store's packer) answers no: at 1M positions, held until the end, they were a quarter of the heap, which
     * young collections copied and which pushed the store's write into a full collection. The result then knows how
     * many there were ({@link RunResult#eventCount()}), not what they were.
     */
    default boolean keepRecorded() { return true; }

    RunListener NONE = (d, t) -> {};
}
