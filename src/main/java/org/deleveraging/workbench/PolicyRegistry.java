package org.deleveraging.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;

/**
 * Every policy under the policies folder, compiled, and the one in use. A policy that fails to compile never
 * replaces a compiled one: {@code use} and {@code reload} swap only after a clean build, and report the failure as
 * {@code file:line: message}.
 */
public final class PolicyRegistry {
    private final Path policiesRoot;
    private final PolicyLoader loader;
    private final Map<String, Policy> compiled = new TreeMap<>();
    private final Map<String, String> failures = new TreeMap<>();
    private String active;

    public PolicyRegistry(Path policiesRoot, Path rulesRoot, String preferred) {
        this.policiesRoot = policiesRoot;
        this.loader = new PolicyLoader(rulesRoot);
        reload();
        if (compiled.containsKey(preferred)) active = preferred;
        else if (!compiled.isEmpty()) active = compiled.keySet().iterator().next();
    }

    /** One policy as listed: compiled (with its hash) or failed (with its first error). */
    public record Entry(String id, Optional<Policy> policy, Optional<String> error, boolean active) {}

    /** What a reload did to one policy. */
    public record Reloaded(String id, String outcome) {}

    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (String id : ids())
            out.add(new Entry(id, Optional.ofNullable(compiled.get(id)), Optional.ofNullable(failures.get(id)), id.equals(active)));
        return out;
    }

    /** The ids of every policy folder seen, compiled or not, sorted: what completion proposes. */
    public synchronized List<String> ids() {
        TreeMap<String, Boolean> all = new TreeMap<>();
        compiled.keySet().forEach(k -> all.put(k, true));
        failures.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /** The active policy; an error when none compiled. */
    public synchronized Policy active() {
        if (active == null)
            throw new InputException("no policy is in use: none under " + policiesRoot + " compiled; see 'policy list'");
        return compiled.get(active);
    }

    /** A compiled policy by id; an unknown or broken one is a one-line error. */
    public synchronized Policy get(String id) {
        Policy p = compiled.get(id);
        if (p != null) return p;
        if (failures.containsKey(id)) throw new InputException("policy '" + id + "' does not compile: " + firstLine(failures.get(id)));
        throw new InputException("no policy '" + id + "'; known: " + String.join(", ", ids()));
    }

    /** Rebuilds the policy from disk and makes it the active one; on any error the policy in use stays. */
    public synchronized Policy use(String id) {
        Path dir = folder(id);
        Policy fresh = loader.load(dir);
        compiled.put(id, fresh);
        failures.remove(id);
        active = id;
        return fresh;
    }

    /** Compiles a policy folder (by id under the policies folder, or a path) without putting it to use. */
    public Policy validate(String idOrPath) {
        Path dir = policiesRoot.resolve(idOrPath);
        if (!Files.isDirectory(dir)) dir = Path.of(idOrPath);
        if (!Files.isDirectory(dir))
            throw new InputException("no policy folder '" + idOrPath + "' (looked in " + policiesRoot + " and the working folder)");
        return loader.load(dir);
    }

    /**
     * Rebuilds every policy from disk. A policy that now fails keeps its last compiled version in use and the
     * failure is reported; a new folder is added; a folder that went away is dropped unless it is the active one.
     */
    public synchronized List<Reloaded> reload() {
        List<Reloaded> out = new ArrayList<>();
        List<String> onDisk = folders();
        for (String id : onDisk) {
            try {
                Policy p = loader.load(policiesRoot.resolve(id));
                Policy before = compiled.put(id, p);
                failures.remove(id);
                out.add(new Reloaded(id, before == null ? "loaded" : before.hash().equals(p.hash()) ? "unchanged" : "changed"));
            } catch (InputException | IllegalArgumentException e) {
                failures.put(id, e.getMessage());
                String kept = compiled.containsKey(id) ? " (the last compiled version stays in use)" : "";
                out.add(new Reloaded(id, "FAILED" + kept + ": " + e.getMessage()));
            }
        }
        for (String id : List.copyOf(compiled.keySet())) {
            if (!onDisk.contains(id) && !id.equals(active)) {
                compiled.remove(id);
                out.add(new Reloaded(id, "removed (its folder is gone)"));
            }
        }
        failures.keySet().retainAll(onDisk);
        if (active == null && !compiled.isEmpty()) active = compiled.keySet().iterator().next();
        return out;
    }

    private Path folder(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*") || !Files.isDirectory(policiesRoot.resolve(id)))
            throw new InputException("no policy '" + id + "'; known: " + String.join(", ", ids()));
        return policiesRoot.resolve(id);
    }

    private List<String> folders() {
        if (!Files.isDirectory(policiesRoot)) return List.of();
        try (Stream<Path> dirs = Files.list(policiesRoot)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("policy.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InputException(policiesRoot + ": cannot list policies: " + e.getMessage());
        }
    }

    /** The first line of a possibly multi-line compile error, for one-line listings. */
    public static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " (and more)";
    }
}
