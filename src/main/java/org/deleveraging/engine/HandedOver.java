package org.deleveraging.engine;

import java.util.AbstractList;
import java.util.List;

/**
 * What a run handed to its listener as it went and did not keep in its result ({@link RunListener#keepRecorded()}):
 * the events, or the queue places. Their number, which the store checks against what it packed, and nothing to read.
 * Reading one is a bug in the caller, not an empty run, so it fails rather than look like a run without any.
 */
public final class HandedOver<T> extends AbstractList<T> {
    private final int size;
    private final String what;

    HandedOver(int size, String what) {
        this.size = size;
        this.what = what;
    }

    @Override public int size() { return size; }

    @Override public T get(int index) {
        throw new IllegalStateException("the run's " + size + " " + what
                + " were handed to its listener as it went and are"
                + " not kept in its result; read them from where the listener put them");
    }

    /** Says what it stands for: a result printed in a log or a debugger must not fail. */
    @Override public String toString() { return "[" + size + " " + what + " handed over, not kept]"; }

    /** Whether a result's list is all there to read. */
    public static boolean kept(List<?> recorded) { return !(recorded instanceof HandedOver); }
}
