package org.deleveraging.sweep;

import java.time.Instant;

/**
 * A sweep as the store keeps it: its definition's exact text (what {@code sweep resume} reads again) and how far it
 * got.
 *
 * @param finished points stored so far; the sweep is complete when it equals {@code points}
 */
public record StoredSweep(long id, String name, String source, String definition, int points, int finished,
                          String engineVersion, Instant createdAt) {
    public boolean complete() { return finished >= points; }
}
