package org.deleveraging.oracle;

import java.util.List;
import java.util.function.Supplier;

import org.deleveraging.engine.Decisions;

/** The policies that have a plain-Java oracle, by policy id. A run needs fresh decisions: they count firings. */
public final class Oracles {
    private Oracles() {}

    public static final List<String> POLICIES = List.of("bitmex", "capped-pro-rata");

    public static boolean has(String policyId) { return POLICIES.contains(policyId); }

    public static Decisions forPolicy(String policyId) { return supplier(policyId).get(); }

    private static Supplier<Decisions> supplier(String policyId) {
        return switch (policyId) {
            case "bitmex" -> BitmexOracle::new;
            case "capped-pro-rata" -> CappedProRataOracle::new;
            default -> throw new IllegalArgumentException("no plain-Java oracle for policy " + policyId + "; there are "
                    + String.join(", ", POLICIES));
        };
    }
}
