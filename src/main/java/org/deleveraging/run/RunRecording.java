package org.deleveraging.run;

import java.util.List;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;

/**
 * What a run recorded, taken as the engine hands it over at the end of each round, for the repository that made it
 * ({@link RunRepository#newRecording()}): it may prepare the results for storing while the engine goes on. Closing it
 * drops what it holds, so a run that fails leaves nothing.
 */
public interface RunRecording extends AutoCloseable {
    void add(List<RunEvent> events, List<QueueEntry> places);

    @Override
    void close();
}
