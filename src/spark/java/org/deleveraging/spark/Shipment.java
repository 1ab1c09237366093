package org.deleveraging.spark;

import java.io.Serializable;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.sweep.SweepPlan;

/**
 * What every executor is sent once, by broadcast, to run a sweep's points: each policy variant as the text of its
 * files (a Drools rule base is not serialisable: each executor JVM compiles it, once), each account set, each scenario
 * as the points run it, and the hashes the driver stores with each point.
 *
 * @param variants each variant's files, by {@code SweepPoint.variant()}
 * @param sets each account set, by name
 * @param setHashes each account set's stored hash, by name
 * @param scenarios each scenario as run, by {@link SweepPlan#scenarioKey}
 * @param scenarioHashes the hash of each scenario as run, by {@link SweepPlan#scenarioKey}
 */
record Shipment(Map<String, java.util.List<PolicyFile>> variants, Map<String, AccountSet> sets,
                Map<String, String> setHashes, Map<String, Scenario> scenarios, Map<String, String> scenarioHashes)
        implements Serializable {}
