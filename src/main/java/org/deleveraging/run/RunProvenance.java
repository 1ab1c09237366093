package org.deleveraging.run;

import java.time.Instant;

/**
 * What a run was made of, enough to reproduce it: the policy by hash (its files are kept under that hash), the
 * account set by name and hash, the scenario's exact YAML, the seed and the engine version.
 *
 * @param setId the stored set the run read, or null once that set has been deleted
 */
public record RunProvenance(String policyId, int policyVersion, String policyHash, Long setId, String setName,
                            String setHash, String scenarioName, String scenarioHash, String scenarioYaml, long seed,
                            String engineVersion, Instant startedAt) {

    /** The first 8 hex digits of the policy hash: two runs of one policy id with different files differ here. */
    public String shortPolicyHash() {
        return policyHash == null ? "-" : policyHash.substring(0, Math.min(8, policyHash.length()));
    }

    /**
     * How runs name their policy: its id and short hash, {@code bitmex@c247e052}; with {@code withVersion}, its
     * declared {@code version:} too, {@code bitmex v2@c247e052} (see {@link RunLabels}).
     */
    public String policyLabel(boolean withVersion) {
        return policyId + (withVersion ? " v" + policyVersion : "") + "@" + shortPolicyHash();
    }
}
