package org.deleveraging.store;

import java.util.List;
import java.util.Optional;

import org.deleveraging.accounts.AccountSetRepository;
import org.deleveraging.run.RunRepository;
import org.deleveraging.scenario.ScenarioRepository;
import org.deleveraging.sweep.SweepRepository;

/**
 * Everything the workbench keeps between sessions: the features' repositories in one H2 database, and its
 * housekeeping. Writes of account sets and runs are all-or-nothing: until the last commit they are invisible, and
 * {@link #discardUnfinished()} removes what an interrupted session left.
 */
public interface WorkbenchStore extends AccountSetRepository, ScenarioRepository, RunRepository,
        SweepRepository {

    /** Removes imports and runs that never finished; returns one line per thing removed, for the start-up notice. */
    List<String> discardUnfinished();

    Optional<String> meta(String key);

    void putMeta(String key, String value);
}
