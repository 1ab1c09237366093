package org.deleveraging.scenario;

import java.time.Instant;

/** A scenario a user imported, kept as the YAML text they gave so it can be shown and re-read exactly. */
public record StoredScenario(String name, String source, String yaml, String hash, Instant importedAt) {}
