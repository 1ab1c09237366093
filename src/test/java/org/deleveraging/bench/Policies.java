package org.deleveraging.bench;

import java.nio.file.Path;

import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;

/** The shipped policies, compiled from {@code rules/} and {@code policies/} under the working directory. */
final class Policies {
    static final Path ROOT = Path.of(System.getProperty("bench.root", "")).toAbsolutePath();

    private Policies() {}

    static Policy load(String id) {
        return new PolicyLoader(ROOT.resolve("rules")).load(ROOT.resolve("policies").resolve(id));
    }
}
