package org.deleveraging.run;

/**
 * What a run tells the person waiting for it: its progress through its phases (loading the set, the engine's steps,
 * storing), for a progress bar, and notices about its input (marks rounded onto the tick grid) to print with its
 * result.
 */
@FunctionalInterface
public interface RunProgress {
    void update(String phase, long done, long total);

    /** One line about the run's input that the person should read; ignored unless the caller shows it. */
    default void notice(String line) {}

    RunProgress NONE = (p, d, t) -> {};
}
