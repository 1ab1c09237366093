package org.deleveraging.policy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.facts.Parameters;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled policy: its definition, the exact files it was built from with their hash, and the compiled rules.
 * Immutable; reloading builds a new one.
 */
public final class Policy {
    private final String id;
    private final String name;
    private final int version;
    private final String description;
    private final Path directory;
    private final String hash;
    private final List<PolicyFile> files;
    private final PolicySettings settings;
    private final Parameters parameters;
    private final KieBase kieBase;
    /**
     * Sessions of these rules, reset and reused: a run opens a session per question (hundreds of thousands in a crash
     * over a million positions: one per bankrupt pool's waterfall), and building one from the rule base each time
     * was a fifth of what the rules cost.
     */
    private final KieSessionsPool sessions;

    Policy(String id, String name, int version, String description, Path directory, String hash,
           List<PolicyFile> files, PolicySettings settings, Map<String, BigDecimal> parameters, KieBase kieBase) {
        this(id, name, version, description, directory, hash, files, settings, parameters, kieBase,
                kieBase.newKieSessionsPool(2));
    }

    private Policy(String id, String name, int version, String description, Path directory, String hash,
                   List<PolicyFile> files, PolicySettings settings, Map<String, BigDecimal> parameters, KieBase kieBase,
                   KieSessionsPool sessions) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.description = description;
        this.directory = directory;
        this.hash = hash;
        this.files = List.copyOf(files);
        this.settings = settings;
        this.parameters = new Parameters(parameters);
        this.kieBase = kieBase;
        this.sessions = sessions;
    }

    public String id() { return id; }
    public String name() { return name; }
    public int version() { return version; }
    public String description() { return description; }
    public Path directory() { return directory; }
    /** SHA-256 over every file that went in (paths and contents), in a fixed order. */
    public String hash() { return hash; }
    public List<PolicyFile> files() { return files; }
    public PolicySettings settings() { return settings; }
    public Parameters parameters() { return parameters; }

    /** A fresh set of decisions for one run (it counts rule firings for that run). */
    /** The compiled rules, for the policy package's own use (decisions with another ranking batch, in tests). */
    KieBase kieBase() { return kieBase; }

    KieSessionsPool sessions() { return sessions; }

    public Decisions newDecisions() {
        return new DroolsDecisions(kieBase, sessions, parameters, budget());
    }

    /**
     * The same compiled rules with some parameters replaced, for what-if runs and regression cases. Only declared
     * parameters may be replaced. The hash covers the replacements too, so a run records exactly what it ran.
     */
    public Policy withParameters(Map<String, BigDecimal> overrides) {
        if (overrides.isEmpty()) return this;
        Map<String, BigDecimal> merged = new java.util.TreeMap<>(parameters.asMap());
        StringBuilder changed = new StringBuilder(hash);
        for (var e : new java.util.TreeMap<>(overrides).entrySet()) {
            if (!merged.containsKey(e.getKey()))
                throw new IllegalArgumentException("policy " + id + " has no parameter '" + e.getKey()
                        + "'; it declares " + (merged.isEmpty() ? "none" : String.join(", ", merged.keySet())));
            merged.put(e.getKey(), e.getValue());
            changed.append('\n').append(e.getKey()).append('=').append(e.getValue().toPlainString());
        }
        return new Policy(id, name, version, description, directory, PolicyLoader.sha256(changed.toString()), files,
                settings, merged, kieBase, sessions);
    }

    /** What one question's rules may spend, from {@code engine:} in policy.yaml. */
    PolicySettings.Budget budget() { return settings.budget(); }

    /**
     * The first of the files it was built from whose text on disk is no longer what was loaded, or a rule file added to
     * its folder since: then a run would use rules that are not the ones on disk.
     */
    public Optional<String> changedOnDisk() {
        Set<Path> known = new HashSet<>();
        for (PolicyFile f : files) {
            Path p = Path.of(f.path()).toAbsolutePath().normalize();
            known.add(p);
            try {
                if (!Files.isRegularFile(p) || !f.content().equals(Files.readString(p)))
                    return Optional.of(f.path());
            } catch (IOException | RuntimeException e) {
                return Optional.of(f.path());
            }
        }
        try (var listed = Files.list(directory)) {
            return listed.filter(p -> p.toString().endsWith(".drl")).map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> !known.contains(p)).map(PolicyLoader::display).sorted().findFirst();
        } catch (IOException e) {
            return Optional.of(PolicyLoader.display(directory));
        }
    }

    /** The rule names compiled into this policy, sorted. */
    public List<String> ruleNames() {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(r -> r.getName()).sorted()
                .toList();
    }
}
