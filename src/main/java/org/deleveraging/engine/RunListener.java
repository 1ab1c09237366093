package org.deleveraging.engine;

/** Progress of a run, for progress bars. */
@FunctionalInterface
public interface RunListener {
    void onStep(int done, int total);

    RunListener NONE = (d, t) -> {};
}
