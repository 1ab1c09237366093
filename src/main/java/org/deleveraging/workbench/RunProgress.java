package org.deleveraging.workbench;

/** Progress of a run through its phases (loading the set, the engine's steps, storing), for a progress bar. */
@FunctionalInterface
public interface RunProgress {
    void update(String phase, long done, long total);

    RunProgress NONE = (p, d, t) -> {};
}
