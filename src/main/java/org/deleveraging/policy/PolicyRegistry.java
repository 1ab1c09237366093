package org.deleveraging.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.deleveraging.input.InputException;

/**
 * Every policy under the policies folder, compiled, and the one in use. A policy that fails to compile never
 * replaces a compiled one: {@code use} and {@code reload} swap only after a clean build, and report the failure as
 * {@code file:line: message}.
 *
 * <p>Started {@linkplain #loadingInBackground in the background}, the registry returns at once and a daemon thread
 * loads the preferred policy first, then the others; whatever asks for a policy before its turn loads it (or waits
 * for the load under way), so every answer is the same as if all had been loaded up front.
 */
public final class PolicyRegistry {
    private final Path policiesRoot;
    private final PolicyLoader loader;
    private final String preferred;
    private final Map<String, Policy> compiled = new TreeMap<>();
    private final Map<String, String> failures = new TreeMap<>();
    /** Folders whose first load has not started; emptied by the loading thread, or sooner by whoever needs one. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** The folder the loading thread is compiling (outside the lock), if any. */
    private String loading;
    private boolean activeChosen;
    private String active;

    public PolicyRegistry(Path policiesRoot, Path rulesRoot, String preferred) {
        this(policiesRoot, new PolicyLoader(rulesRoot), preferred);
    }

    /** Loads every policy before returning. */
    public PolicyRegistry(Path policiesRoot, PolicyLoader loader, String preferred) {
        this.policiesRoot = policiesRoot;
        this.loader = loader;
        this.preferred = preferred;
        reload();
    }

    private PolicyRegistry(Path policiesRoot, PolicyLoader loader, String preferred, BiConsumer<String,
            String> onFailure) {
        this.policiesRoot = policiesRoot;
        this.loader = loader;
        this.preferred = preferred;
        List<String> ids = new ArrayList<>(folders());
        if (ids.remove(preferred)) ids.add(0, preferred);
        pending.addAll(ids);
        Thread t = new Thread(() -> loadPending(onFailure), "policy-loader");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A registry that returns before any policy is compiled (a cold compile takes seconds, nine of them longer) and
     * loads them on a daemon thread, the preferred one first.
     *
     * @param onFailure told the id and error of every policy that the loading thread finds does not compile
     */
    public static PolicyRegistry loadingInBackground(Path policiesRoot, PolicyLoader loader, String preferred,
                                                     BiConsumer<String, String> onFailure) {
        return new PolicyRegistry(policiesRoot, loader, preferred, onFailure);
    }

    /** One policy as listed: compiled (with its hash) or failed (with its first error). */
    public record Entry(String id, Optional<Policy> policy, Optional<String> error, boolean active) {}

    /** What a reload did to one policy. */
    public record Reloaded(String id, String outcome) {}

    public synchronized List<Entry> list() {
        chooseActive();
        List<Entry> out = new ArrayList<>();
        for (String id : ids())
            out.add(new Entry(id, Optional.ofNullable(compiled.get(id)), Optional.ofNullable(failures.get(id)),
                    id.equals(active)));
        return out;
    }

    /** The ids of every policy folder seen, compiled or not, sorted: what completion proposes. */
    public synchronized List<String> ids() {
        settleAll();
        TreeMap<String, Boolean> all = new TreeMap<>();
        compiled.keySet().forEach(k -> all.put(k, true));
        failures.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /** The active policy; an error when none compiled. */
    public synchronized Policy active() {
        chooseActive();
        if (active == null)
            throw new InputException("no policy is in use: none under " + policiesRoot
                    + " compiled; see 'policy list'");
        return compiled.get(active);
    }

    /** A compiled policy by id; an unknown or broken one is a one-line error. */
    public synchronized Policy get(String id) {
        settle(id);
        Policy p = compiled.get(id);
        if (p != null) return p;
        if (failures.containsKey(id)) throw new InputException("policy '" + id + "' does not load: "
                + firstLine(failures.get(id)));
        throw unknown(id);
    }

    /**
     * A warning when the policy a command would use ({@code id}, or the one in use when null) no longer matches its
     * files on disk: the command runs the loaded version, and says so.
     */
    public Optional<String> staleness(String id) {
        Policy p = id == null || id.isBlank() ? active() : get(id);
        return p.changedOnDisk().map(file -> "policy " + p.id() + ": " + file + " has changed on disk since the policy"
                + " was loaded; this uses the loaded version ('policy reload' to use the files on disk)");
    }

    /** Rebuilds the policy from disk and makes it the active one; on any error the policy in use stays. */
    public synchronized Policy use(String id) {
        boolean first = false;
        if (id != null) {
            // loaded right here, so the first load is not needed; one under way must not finish after this one
            while (id.equals(loading)) waitForLoader();
            first = pending.remove(id);
        }
        Path dir = folder(id);
        Policy fresh;
        try {
            fresh = loader.load(dir);
        } catch (InputException | IllegalArgumentException e) {
            if (first) failures.put(id, e.getMessage()); // what its first load would have recorded
            throw e;
        }
        compiled.put(id, fresh);
        failures.remove(id);
        active = id;
        activeChosen = true;
        return fresh;
    }

    /** Compiles a policy folder (by id under the policies folder, or a path) without putting it to use. */
    public Policy validate(String idOrPath) {
        Path dir = policiesRoot.resolve(idOrPath);
        if (!Files.isDirectory(dir)) dir = Path.of(idOrPath);
        if (!Files.isDirectory(dir))
            throw new InputException("no policy folder '" + idOrPath + "' (looked in " + policiesRoot
                    + " and the working folder)");
        return loader.load(dir);
    }

    /**
     * Rebuilds every policy from disk. A policy that now fails keeps its last compiled version in use and the
     * failure is reported; a new folder is added; a folder that went away is dropped unless it is the active one.
     */
    public synchronized List<Reloaded> reload() {
        pending.clear(); // about to be loaded here
        awaitLoading();
        List<Reloaded> out = new ArrayList<>();
        List<String> onDisk = folders();
        for (String id : onDisk) {
            try {
                Policy p = loader.load(policiesRoot.resolve(id));
                Policy before = compiled.put(id, p);
                failures.remove(id);
                out.add(new Reloaded(id,
                        before == null ? "loaded" : before.hash().equals(p.hash()) ? "unchanged" : "changed"));
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
        if (!activeChosen) {
            if (compiled.containsKey(preferred)) active = preferred;
            activeChosen = true;
        }
        if (active == null && !compiled.isEmpty()) active = compiled.keySet().iterator().next();
        return out;
    }

    /** The preferred policy when it compiles, else the first that does: decided once, when first needed. */
    private void chooseActive() {
        if (activeChosen) return;
        settle(preferred);
        if (!compiled.containsKey(preferred)) settleAll();
        active = compiled.containsKey(preferred) ? preferred : compiled.isEmpty() ? null
                : compiled.keySet().iterator().next();
        activeChosen = true;
    }

    /** Makes sure the first load of this policy is done, doing it here if the loading thread has not got to it. */
    private void settle(String id) {
        if (id == null) return;
        while (id.equals(loading)) waitForLoader();
        if (pending.remove(id)) record(id, load(id));
    }

    private void settleAll() {
        for (String id : List.copyOf(pending)) settle(id);
        awaitLoading();
    }

    private void awaitLoading() {
        while (loading != null) waitForLoader();
    }

    private void waitForLoader() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while the policies were loading");
        }
    }

    /** The loading thread: one policy at a time, compiled outside the lock so that the shell is never held up. */
    private void loadPending(BiConsumer<String, String> onFailure) {
        while (true) {
            String id;
            synchronized (this) {
                if (pending.isEmpty()) return;
                id = pending.iterator().next();
                pending.remove(id);
                loading = id;
            }
            Object result = null;
            try {
                result = load(id);
            } finally {
                synchronized (this) {
                    // even when an Error ends the thread, nobody may be left waiting for it
                    record(id, result == null ? "the load stopped unexpectedly" : result);
                    loading = null;
                    notifyAll();
                }
            }
            if (result instanceof String error) onFailure.accept(id, error);
        }
    }

    /** A compiled policy, or the error message of one that does not load. */
    private Object load(String id) {
        try {
            return loader.load(policiesRoot.resolve(id));
        } catch (InputException | IllegalArgumentException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            // on the loading thread nobody else would see it
            return e.toString();
        }
    }

    private void record(String id, Object result) {
        if (result instanceof Policy p) {
            compiled.put(id, p);
            failures.remove(id);
        } else {
            failures.put(id, (String) result);
        }
    }

    private Path folder(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*") || !Files.isDirectory(policiesRoot.resolve(id)))
            throw unknown(id);
        return policiesRoot.resolve(id);
    }

    private InputException unknown(String id) {
        List<String> known = ids();
        return new InputException("no policy '" + id + "'; " + (known.isEmpty()
                ? "there is no policy folder under " + policiesRoot.toAbsolutePath().normalize()
                        + " (start the workbench in the project folder, or set --workbench.policies-dir)"
                : "known: " + String.join(", ", known)));
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
