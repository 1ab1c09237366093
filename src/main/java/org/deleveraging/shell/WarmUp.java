package org.deleveraging.shell;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import org.deleveraging.accounts.GrownDemo;
import org.deleveraging.store.H2WorkbenchStore;
import org.deleveraging.store.StoreCredentials;
import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Runs the active policy a few times over a generated book, in a throwaway store of its own, on a background thread
 * while an interactive session waits for its first command.
 *
 * <p>Why: the first run of a JVM spends most of the time it takes beyond a later run in the JIT compiler (about
 * 7 of the 2 cores' seconds for a run over a million positions, see {@code src/docs/performance.md}); a warm-up that
 * runs the same code (load, rules, cascade, waterfall, ADL, packing, H2 writes) moves that work to the seconds an
 * officer spends reading the prompt. It changes no result: it shares no state with the session's runs but the
 * compiled policy, and it never touches the session's store.
 *
 * <p>Every command that does real work opens with {@link Interrupts#begin()}, which calls {@link #standAside()}: the
 * warm-up stops at its next progress point (a step of the engine, a chunk of the store) and the command has both
 * cores to itself.
 */
public final class WarmUp implements AutoCloseable {
    /** The shipped scenario the warm-up runs: liquidations, an exhausted fund and ADL queues, so every stage runs. */
    static final String SCENARIO = "oct-10";
    /**
     * A book a tenth of the 1M benchmark's, run three times: enough for the first 1M run to meet 10 s (performance.md).
     */
    public static final int DEFAULT_POSITIONS = 100_000;
    public static final int DEFAULT_RUNS = 3;

    private final PolicyRegistry policies;
    private final int positions;
    private final int runs;
    private final Path tempParent;
    private volatile boolean standAside;
    private volatile Outcome outcome = Outcome.NOT_STARTED;
    private Thread thread;

    /** What became of the warm-up, for the benchmark and the tests. */
    public enum Outcome { NOT_STARTED, RUNNING, DONE, STOOD_ASIDE, FAILED }

    /**
     * @param positions the size of the generated book (0: no warm-up)
     * @param runs how many times the policy runs over it
     */
    public WarmUp(PolicyRegistry policies, int positions, int runs) {
        this(policies, positions, runs, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempParent where the throwaway store's folder is made (and removed again) */
    WarmUp(PolicyRegistry policies, int positions, int runs, Path tempParent) {
        this.policies = policies;
        this.positions = positions;
        this.runs = runs;
        this.tempParent = tempParent;
    }

    /**
     * Starts the warm-up on a daemon thread, once; nothing when it is switched off, or when the heap is too small to
     * hold its book beside the session's.
     */
    public synchronized void start() {
        if (positions <= 0 || runs <= 0 || thread != null || !fits(positions, Runtime.getRuntime().maxMemory())) return;
        outcome = Outcome.RUNNING;
        thread = new Thread(this::warm, "engine-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether a warm-up of this size leaves the session its heap: a run holds about 1.2 KB per position at its peak
     * (performance.md, peak live heap), and the warm-up takes no more than a sixth of the heap for it.
     */
    static boolean fits(int positions, long maxHeapBytes) {
        return positions * 8_192L <= maxHeapBytes;
    }

    /** Stops a warm-up that is still running and waits for it to let go of the cores. */
    public void standAside() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || !t.isAlive()) return;
        standAside = true;
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** At the session's end (Spring closes the bean): a warm-up still running stops, and its folder goes with it. */
    @Override
    public void close() { standAside(); }

    public Outcome outcome() { return outcome; }

    /** Waits for the warm-up to end by itself (the benchmark, the tests). */
    public Outcome await() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) t.join();
        return outcome;
    }

    private void warm() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempParent, "adl-warm-up");
            try (HikariDataSource data = new HikariDataSource()) {
                String url = "jdbc:h2:file:" + dir.resolve("warm-up").toAbsolutePath();
                data.setJdbcUrl(url);
                data.setUsername("sa");
                // a throwaway store is still not one for anyone to open: its own secret, as for a data folder
                data.setPassword(StoreCredentials.passwordFor(url, "sa"));
                data.setMaximumPoolSize(3);
                Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
                H2WorkbenchStore store = new H2WorkbenchStore(data, Clock.systemUTC());
                AccountSetService sets = new AccountSetService(store);
                ScenarioService scenarios = new ScenarioService(store, Clock.systemUTC());
                RunService service = new RunService(store, policies, sets, scenarios, Clock.systemUTC(), "warm-up");
                sets.generate("warm-up", GrownDemo.of(positions).settings(), (done, total) -> check());
                for (int i = 0; i < runs; i++) {
                    check();
                    service.run(null, "warm-up", SCENARIO, null, (phase, done, total) -> check());
                }
            }
            outcome = Outcome.DONE;
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            // the store may wrap the unwinding; otherwise best effort: a policy that does not compile or a full disk
            // is the session's to report, not the warm-up's
            outcome = standAside ? Outcome.STOOD_ASIDE : Outcome.FAILED;
        } finally {
            if (dir != null) delete(dir);
        }
    }

    private void check() {
        if (standAside) throw new StoodAside();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }

    /**
     * Thrown from a progress point to unwind the warm-up's run; the run is not stored, and the store is thrown away.
     */
    private static final class StoodAside extends RuntimeException {
        StoodAside() { super("the warm-up stood aside for a command", null, false, false); }
    }
}
