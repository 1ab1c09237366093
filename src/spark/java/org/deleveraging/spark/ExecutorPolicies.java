package org.deleveraging.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;

/**
 * The policies an executor JVM has compiled, one per policy folder and rules folder: a Drools {@code KieBase} is not
 * serialisable, so tasks are given the folders (or, later, the policy's text) and each JVM compiles a policy once,
 * on first use, and keeps it for its later tasks (a {@code KieBase} is thread-safe; sessions are made per task).
 * A placeholder for the sweep job's entry points, which the Spark smoke test runs on {@code local[2]}.
 */
public final class ExecutorPolicies {
    private static final Map<String, Policy> LOADED = new ConcurrentHashMap<>();

    private ExecutorPolicies() {
    }

    /** The policy in {@code policiesDir/id} with the modules of {@code rulesDir}, compiled at most once per JVM. */
    public static Policy policy(String policiesDir, String rulesDir, String id) {
        Path policyDir = Path.of(policiesDir).resolve(id).toAbsolutePath().normalize();
        Path rules = Path.of(rulesDir).toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(rules + "\n" + policyDir, key -> new PolicyLoader(rules).load(policyDir));
    }

    /** The hash of that policy, as {@link Policy#hash()} gives it. */
    public static String hashOf(String policiesDir, String rulesDir, String id) {
        return policy(policiesDir, rulesDir, id).hash();
    }

    /** How many policies this JVM has compiled. */
    public static int loaded() {
        return LOADED.size();
    }
}
