package org.deleveraging.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.policy.PolicyLoader;

/**
 * The policy variants an executor JVM has compiled from the text it was sent: a Drools {@code KieBase} is not
 * serialisable, so each JVM compiles each variant once, on first use, and keeps it for its later tasks (a rule base
 * is thread-safe; each run opens its own sessions). One loader per JVM, so that variants whose rules are the same text
 * share one compiled rule base ({@link PolicyLoader#fromFiles}).
 */
final class ExecutorPolicies {
    /** Never read: a variant is built from its files alone, its modules included. */
    private static final PolicyLoader LOADER = new PolicyLoader(Path.of("rules"));
    private static final Map<String, Policy> COMPILED = new ConcurrentHashMap<>();

    private ExecutorPolicies() {}

    /** The variant of these files, compiled at most once in this JVM. */
    static Policy policy(String variant, List<PolicyFile> files) {
        return COMPILED.computeIfAbsent(variant + "\n" + files.hashCode(),
                key -> LOADER.fromFiles(Path.of("policies", variant.split(" ", 2)[0]), files));
    }

    /** How many variants this JVM has compiled. */
    static int compiled() { return COMPILED.size(); }
}
