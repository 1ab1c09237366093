package org.deleveraging.sweep;

import java.util.List;
import java.util.Optional;

import org.deleveraging.policy.PolicyFile;

/**
 * Where sweeps are kept: the definition, a snapshot of every policy variant they ran (once per hash, shared with runs),
 * and one row per finished point, each committed as it finishes, so that an interrupted sweep keeps what it finished.
 */
public interface SweepRepository {

    /** Stores a new sweep (its variants' files kept first) and returns its id. */
    long createSweep(NewSweep sweep);

    /** What the sweep was started with, for resuming it. */
    NewSweep started(long sweepId);

    /** A policy's files as kept under its hash. */
    List<PolicyFile> policyFiles(String policyHash);

    /** Keeps a variant's files under its hash, unless they are kept already. */
    void savePolicySnapshot(String policyHash, String policyId, int version, List<PolicyFile> files);

    /** Stores a finished point in its own transaction; a point stored twice is an error. */
    void savePoint(long sweepId, PointResult point);

    /** Sweeps, newest first. */
    List<StoredSweep> sweeps();

    Optional<StoredSweep> sweep(long id);

    /** The sweep's finished points, in point order. */
    List<PointResult> points(long sweepId);
}
