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
     * Whether the run's result keeps the events it handed over. A listener that stores them as they come (the store's
     * packer) answers no: at 1M positions the events held until the end were a fifth of the heap, and every young
     * collection copied them. The result then knows how many there were ({@link HandedOverEvents}), not what they were.
     */
    default boolean keepEvents() { return true; }

    RunListener NONE = (d, t) -> {};
}
