package org.deleveraging.engine;

/**
 * A policy's rules did what no policy may: a decision about something the engine did not hand them, a score that is
 * not a number, more firings, inserts or time than their budget. The run is aborted and nothing of it is stored; the
 * message names the rule and what it did, and the caller adds the policy's id.
 */
public class PolicyViolation extends RuntimeException {
    public PolicyViolation(String message) { super(message); }

    /** A rule that threw: the rule's exception is kept as the cause, for the log. */
    public PolicyViolation(String message, Throwable cause) { super(message, cause); }
}
