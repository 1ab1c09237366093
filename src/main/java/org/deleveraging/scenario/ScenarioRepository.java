package org.deleveraging.scenario;

import java.util.List;
import java.util.Optional;

/** Where the scenarios a user imported are kept (the shipped ones live on the classpath). */
public interface ScenarioRepository {
    /** @throws org.deleveraging.input.DuplicateNameException when a scenario of that name exists */
    void saveScenario(StoredScenario scenario);

    List<StoredScenario> scenarios();

    Optional<StoredScenario> scenario(String name);
}
