package org.deleveraging.store;

import java.time.Instant;

/**
 * What a run was made of, enough to reproduce it: the policy by hash (its files are kept under that hash), the
 * account set by name and hash, the scenario's exact YAML, the seed and the engine version.
 *
 * @param setId the stored set the run read, or null once that set has been deleted
 */
public record RunProvenance(String policyId, int policyVersion, String policyHash, Long setId, String setName,
                            String setHash, String scenarioName, String scenarioHash, String scenarioYaml, long seed,
                            String engineVersion, Instant startedAt) {}
