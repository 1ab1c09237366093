package org.deleveraging.engine;

import java.util.AbstractList;

/**
 * The events of a run whose listener took them as the run went and did not let the result keep them
 * ({@link RunListener#keepEvents()}): their number, which the store checks against what it packed, and nothing to read.
 * Reading one is a bug in the caller, not an empty run, so it fails rather than look like a run without events.
 */
public final class HandedOverEvents extends AbstractList<RunEvent> {
    private final int size;

    HandedOverEvents(int size) { this.size = size; }

    @Override public int size() { return size; }

    @Override public RunEvent get(int index) {
        throw new IllegalStateException("the run's " + size + " events were handed to its listener as it went and are not"
                + " kept in its result; read them from where the listener put them");
    }

    /** Whether a result's events are all there to read. */
    public static boolean kept(java.util.List<RunEvent> events) { return !(events instanceof HandedOverEvents); }
}
