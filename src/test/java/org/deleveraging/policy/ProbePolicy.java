package org.deleveraging.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.support.Fixtures;

/**
 * A small valid policy written into a temporary folder, for tests that break it one way at a time. Line numbers
 * matter: the tests name them.
 */
final class ProbePolicy {
    static final String YAML = """
            id: probe
            version: 1
            modules:
              - liquidation/close-below-maintenance.drl
            margin:
              default:
                tiers:
                  - { floor: 0, rate: 0.01 }
                  - { floor: 1000, rate: 0.02 }
            liquidation:
              orderLimit: bankruptcy
              surplusTo: insurance-fund
              feeRate: 0.001
            insuranceFund:
              granularity: per-market
            adl:
              allocation: queue
              queueRefresh: step
            parameters:
              threshold: 0.5
            """;

    /** Line 8 uses the parameter {@code threshold}. */
    static final String DRL = """
            // a probe rule for the loader's tests
            package probe;
            import org.deleveraging.facts.*;
            global org.deleveraging.facts.Parameters params;

            rule "P-010 Close out below a fraction of maintenance"
            when
                $r : PoolRisk( equityBelowFractionOfMaintenance(params.num("threshold")) )
            then
                insert(LiquidationDecision.closeAll($r, "P-010", "below the probe threshold"));
            end
            """;

    final Path dir;

    ProbePolicy(Path tempDir) {
        dir = tempDir.resolve("probe");
        write("policy.yaml", YAML);
        write("probe.drl", DRL);
    }

    ProbePolicy write(String file, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces exactly one occurrence of {@code from} in a file of the probe. */
    ProbePolicy edit(String file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) throw new IllegalArgumentException(file + " has no '" + from + "'");
        return write(file, text.replace(from, to));
    }

    String path(String file) { return PolicyLoader.display(dir.resolve(file)); }

    Policy load() { return new PolicyLoader(Fixtures.ROOT.resolve("rules")).load(dir); }

    /** Compiled past the sandbox's checks: what the engine and the sandbox's class loader do with refused rules. */
    Policy loadWithoutSandboxChecks() {
        return PolicyLoader.withoutSandboxChecks(Fixtures.ROOT.resolve("rules")).load(dir);
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
