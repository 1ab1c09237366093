package org.deleveraging.policy;

/** A policy's rules kept firing past the firing limit: the run is stopped rather than left to hang. */
public class RunawayPolicyException extends RuntimeException {
    public RunawayPolicyException(String message) { super(message); }
}
