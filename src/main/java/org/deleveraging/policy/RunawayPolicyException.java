package org.deleveraging.policy;

import org.deleveraging.engine.PolicyViolation;

/**
 * A policy's rules went over a budget (firings, inserts, time, memory): the run is stopped rather than left to hang.
 */
public class RunawayPolicyException extends PolicyViolation {
    public RunawayPolicyException(String message) { super(message); }
}
