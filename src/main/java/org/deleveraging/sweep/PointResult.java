package org.deleveraging.sweep;

import java.time.Instant;

/**
 * A finished point as stored: the point, exactly what it ran (the variant's policy hash, the set's hash, the hash of
 * the scenario as run, the seed), its metrics, and the run kept for it with {@code --keep-runs}.
 *
 * @param runId the stored run of this point, or null when only its metrics were kept
 */
public record PointResult(SweepPoint point, String policyHash, String setHash, String scenarioHash, long seed,
                          PointMetrics metrics, Long runId, long engineMillis, Instant finishedAt)
        implements java.io.Serializable {}
