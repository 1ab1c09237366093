package org.deleveraging.store;

/**
 * A finished run as stored: what went in, the headline numbers that came out, and how long storing it took.
 * Unfinished runs are never returned.
 */
public record StoredRun(long id, RunProvenance provenance, RunSummary summary, long storeMillis) {

    /** "policy x set x scenario", how lists and completion describe a run. */
    public String label() {
        return provenance.policyId() + " x " + provenance.setName() + " x " + provenance.scenarioName();
    }
}
