package org.deleveraging.run;

/**
 * A finished run as stored: what went in, the headline numbers that came out, and how long storing it took.
 * Unfinished runs are never returned.
 */
public record StoredRun(long id, RunProvenance provenance, RunSummary summary, long storeMillis) {

    /**
     * "policy@hash x set x scenario", how headers and completion describe a run (the policy as {@link RunLabels} names
     * it).
     */
    public String label() {
        return provenance.policyLabel(false) + " x " + provenance.setName() + " x " + provenance.scenarioName();
    }
}
