package org.deleveraging.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * loads the preferred policy first, then the others; {@linkplain #loadingOnDemand on demand}, it loads a policy when
 * it is asked for (or {@linkplain #preload preloaded}), and all of them only for a listing. Either way, whatever asks
 * for a policy before its turn loads it (or waits for the load under way), so every answer is the same as if all had
 * been loaded up front.
 */
public final class PolicyRegistry {
    private final Path policiesRoot;
    private final PolicyLoader loader;
    private final String preferred;
    private final Map<String, Policy> compiled = new TreeMap<>();
    private final Map<String, String> failures = new TreeMap<>();
    /** Folders whose first load has not started; emptied by the loading thread, or sooner by whoever needs one. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** The folders the loading threads are compiling (outside the lock). */
    private final Set<String> loading = new HashSet<>();
    private boolean activeChosen;
    private String active;
    /** The loading thread's listener; null for a registry that loads everything up front. */
    private final BiConsumer<String, String> onFailure;
    /** Loading threads running that take every pending policy in turn. */
    private int loaders;

    public PolicyRegistry(Path policiesRoot, Path rulesRoot, String preferred) {
        this(policiesRoot, new PolicyLoader(rulesRoot), preferred);
    }

    /** Loads every policy before returning. */
    public PolicyRegistry(Path policiesRoot, PolicyLoader loader, String preferred) {
        this.policiesRoot = policiesRoot;
        this.loader = loader;
        this.preferred = preferred;
        this.onFailure = null;
        reload();
    }

    private PolicyRegistry(Path policiesRoot, PolicyLoader loader, String preferred, BiConsumer<String,
            String> onFailure, boolean startNow) {
        this.policiesRoot = policiesRoot;
        this.loader = loader;
        this.preferred = preferred;
        this.onFailure = onFailure;
        List<String> ids = new ArrayList<>(folders());
        if (ids.remove(preferred)) ids.add(0, preferred);
        pending.addAll(ids);
        if (startNow) startLoader();
    }

    /**
     * A registry that returns before any policy is compiled (a cold compile takes seconds, nine of them longer) and
     * loads them on a daemon thread, the preferred one first: for the interactive session, whose user may ask for
     * any of them.
     *
     * @param onFailure told the id and error of every policy that the loading thread finds does not compile
     */
    public static PolicyRegistry loadingInBackground(Path policiesRoot, PolicyLoader loader, String preferred,
                                                     BiConsumer<String, String> onFailure) {
        return new PolicyRegistry(policiesRoot, loader, preferred, onFailure, true);
    }

    /**
     * A registry that loads a policy only when it is asked for, and all of them (a background thread sharing the
     * work) only when a listing needs them: for one command and exit, where {@code run --policy x} would otherwise
     * share the two cores with loading the eight others it never uses.
     *
     * @param onFailure told the id and error of every policy that the loading thread finds does not compile
     */
    public static PolicyRegistry loadingOnDemand(Path policiesRoot, PolicyLoader loader, String preferred,
                                                 BiConsumer<String, String> onFailure) {
        return new PolicyRegistry(policiesRoot, loader, preferred, onFailure, false);
    }

    private void startLoader() {
        loaders++;
        daemon(() -> {
            try {
                loadPending(onFailure, null);
            } finally {
                synchronized (this) {
                    loaders--;
                    notifyAll();
                }
            }
        }, "policy-loader");
    }

    /**
     * Starts loading this policy on a daemon thread if it is one of the folders and not loaded yet: one command that
     * names its policy then has it loaded while the rest of the application starts. A failure is not noticed: the
     * command that asks for the policy reports it.
     */
    public synchronized void preload(String id) {
        if (onFailure == null || id == null || !pending.contains(id)) return;
        daemon(() -> loadPending((failed, error) -> { }, id), "policy-preloader");
    }

    private static void daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
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
            while (loading.contains(id)) waitForLoader();
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
        while (loading.contains(id)) waitForLoader();
        if (pending.remove(id)) record(id, load(id));
    }

    private void settleAll() {
        if (onFailure != null) {
            // loading threads share what is left, outside the lock, while this one waits: loaded here, they would
            // be loaded one after the other under the lock
            int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
            while (!pending.isEmpty()) {
                while (loaders < Math.min(threads, pending.size())) startLoader();
                waitForLoader();
            }
        }
        for (String id : List.copyOf(pending)) settle(id);
        awaitLoading();
    }

    private void awaitLoading() {
        while (!loading.isEmpty()) waitForLoader();
    }

    private void waitForLoader() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while the policies were loading");
        }
    }

    /**
     * A loading thread: one policy at a time ({@code only}, or every pending one when null), compiled outside the lock
     * so that the shell is never held up.
     */
    private void loadPending(BiConsumer<String, String> onFailure, String only) {
        while (true) {
            String id;
            synchronized (this) {
                if (only != null ? !pending.contains(only) : pending.isEmpty()) return;
                id = only != null ? only : pending.iterator().next();
                pending.remove(id);
                loading.add(id);
            }
            Object result = null;
            try {
                result = load(id);
            } finally {
                synchronized (this) {
                    // even when an Error ends the thread, nobody may be left waiting for it
                    record(id, result == null ? "the load stopped unexpectedly" : result);
                    loading.remove(id);
                    notifyAll();
                }
            }
            if (result instanceof String error) onFailure.accept(id, error);
            if (only != null) return;
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
