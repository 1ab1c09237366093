package org.deleveraging.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deleveraging.engine.Cancellation;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;

/**
 * The one runner of regression cases and approved baselines, used by the JUnit suite, the shell's {@code verify} and
 * {@code baseline approve}, and the command-line approver. For every policy folder under the policies root it plans
 * one item per case file ({@code cases/*.yaml}) and per baseline ({@code baseline-*.txt}); each item runs alone,
 * so a broken case or a policy that does not compile fails only its own items.
 *
 * <p>Each policy is compiled once per verifier.
 */
public final class Verifier {
    /** The account set and scenario of a policy's first baseline. */
    public static final String DEFAULT_ACCOUNTS = AccountSets.DEMO;
    public static final String DEFAULT_SCENARIO = "oct-10";

    private final Path policiesRoot;
    private final PolicyLoader loader;
    private final Map<String, Object> loaded = new HashMap<>();

    public Verifier(Path policiesRoot, Path rulesRoot) {
        this.policiesRoot = policiesRoot;
        this.loader = new PolicyLoader(rulesRoot);
    }

    /** What {@code verify} runs: a case file or a baseline of one policy. */
    public record Item(String policy, Kind kind, Path file, String name) {}

    public enum Kind { CASE, BASELINE, MISSING_CASES }

    /** Every item of one policy, or of every policy when {@code policy} is null. */
    public List<Item> plan(String policy) {
        List<Item> out = new ArrayList<>();
        for (String id : policyIds(policy)) {
            Path dir = policiesRoot.resolve(id);
            List<Path> cases = list(dir.resolve("cases"), "", ".yaml");
            for (Path c : cases) out.add(new Item(id, Kind.CASE, c, id + " › " + number(c) + CaseReader.titleOf(c)));
            for (Path b : list(dir, "baseline-", ".txt"))
                out.add(new Item(id, Kind.BASELINE, b, id + " › baseline " + b.getFileName().toString()
                        .replaceFirst("^baseline-", "").replaceFirst("\\.txt$", "")));
            if (cases.isEmpty()) out.add(new Item(id, Kind.MISSING_CASES, dir, id + " › has regression cases"));
        }
        return out;
    }

    public Verdict run(Item item) {
        String source = Display.of(item.file());
        if (item.kind() == Kind.MISSING_CASES)
            return Verdict.error(item.name(), source,
                    source + "/cases: the policy has no regression cases; every policy"
                    + " ships cases that guard its behaviour (see src/docs/cases.md)");
        Object p = policy(item.policy());
        if (p instanceof InputException e)
            return Verdict.error(item.name(), source, "the policy does not load: " + e.getMessage());
        return item.kind() == Kind.CASE ? CaseRunner.run(item.file(), item.name(), (Policy) p)
                : Baselines.verify(item.file(), item.name(), (Policy) p);
    }

    /** Plans and runs everything for one policy (or all of them when {@code policy} is null). */
    public VerifyReport verify(String policy) { return verify(policy, Cancellation.NEVER); }

    /**
     * As {@link #verify(String)}, stopped by {@code cancel} with {@link Cancellation.Cancelled} before the next case or
     * baseline (each runs a small book: a few tenths of a second, or a policy's compilation on its first item).
     */
    public VerifyReport verify(String policy, Cancellation cancel) {
        List<Verdict> out = new ArrayList<>();
        for (Item i : plan(policy)) {
            cancel.check();
            out.add(run(i));
        }
        return new VerifyReport(out);
    }

    /**
     * Re-runs and approves the policy's baselines: the one named by {@code accounts} and {@code scenario} when given,
     * otherwise every baseline it has (or, if it has none, one over the demo set under {@value #DEFAULT_SCENARIO}).
     */
    public List<Approval> approve(String policy, String accounts, String scenario) {
        return approve(policy, accounts, scenario, Cancellation.NEVER);
    }

    /**
     * As {@link #approve(String, String, String)}, stopped by {@code cancel} before the next baseline is run and
     * written: a baseline file is written whole or not at all, and those approved before the cancellation stay.
     */
    public List<Approval> approve(String policy, String accounts, String scenario, Cancellation cancel) {
        String id = policyIds(policy).get(0);
        Object p = policy(id);
        if (p instanceof InputException e) throw e;
        Path dir = policiesRoot.resolve(id);
        List<String[]> targets = new ArrayList<>();
        if (accounts != null || scenario != null) {
            targets.add(new String[] {accounts == null ? DEFAULT_ACCOUNTS : accounts,
                    scenario == null ? DEFAULT_SCENARIO : scenario});
        } else {
            for (Path b : list(dir, "baseline-", ".txt")) {
                BaselineFile.Parsed parsed = BaselineFile.parse(read(b));
                targets.add(new String[] {parsed.header().get("accounts"), parsed.header().get("scenario")});
            }
            if (targets.isEmpty()) targets.add(new String[] {DEFAULT_ACCOUNTS, DEFAULT_SCENARIO});
        }
        List<Approval> out = new ArrayList<>();
        for (String[] t : targets) {
            cancel.check();
            out.add(Baselines.approve(dir, (Policy) p, t[0], t[1]));
        }
        return out;
    }

    /** The policies under the root (folders with a policy.yaml), sorted; or the one asked for, if it exists. */
    public List<String> policyIds(String policy) {
        if (policy != null) {
            if (!Files.isRegularFile(policiesRoot.resolve(policy).resolve("policy.yaml")))
                throw new InputException("--policy", 0, null,
                        "no policy '" + policy + "' under " + Display.of(policiesRoot)
                        + "; known: " + String.join(", ", policyIds(null)));
            return List.of(policy);
        }
        try (Stream<Path> dirs = Files.list(policiesRoot)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("policy.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(Display.of(policiesRoot), 0, null, "cannot list the policies: " + e.getMessage());
        }
    }

    private Object policy(String id) {
        return loaded.computeIfAbsent(id, k -> {
            try {
                return loader.load(policiesRoot.resolve(k));
            } catch (InputException e) {
                return e;
            }
        });
    }

    /** "004-fund-exhausted.yaml" is shown as "004 " before its title. */
    private static String number(Path caseFile) {
        String name = caseFile.getFileName().toString();
        int dash = name.indexOf('-');
        return dash > 0 && name.substring(0, dash).matches("\\d+") ? name.substring(0, dash) + " " : "";
    }

    private static List<Path> list(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().toList();
        } catch (IOException e) {
            throw new InputException(Display.of(dir), 0, null, "cannot list: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InputException(Display.of(file), 0, null, "cannot read: " + e.getMessage());
        }
    }
}
