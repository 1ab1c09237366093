package org.deleveraging.bench;

import static org.deleveraging.bench.Bench.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.store.FaultInjection;

/**
 * Issue 22's fault injection at scale: {@code --fault-trials} kills (default 100) of the packaged workbench ({@code
 * target/app/adl-workbench-0.1.0.jar}, extracted from the jar: run {@code mvn -B -DskipTests package} first) during
 * account-set generation and import, runs and start-ups, each followed by a start that must open the folder and a
 * direct read that must find every acknowledged set and run intact ({@link FaultInjection}). The figures go into the
 * report.
 */
final class FaultSection {
    private FaultSection() {}

    static String run(Options o) {
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path jar = Path.of(System.getProperty("bench.jar",
                root.resolve("target/app/adl-workbench-0.1.0.jar").toString()));
        if (!Files.exists(jar)) return "not run: " + jar
                + " is missing; build it first with `mvn -B -DskipTests package`\n";
        long seed = Long.getLong("faults.seed", System.nanoTime());
        try {
            Path folder = Files.createTempDirectory("adl-faults");
            System.out.println("faults: " + o.faultTrials() + " trials, seed " + seed + ", in " + folder);
            FaultInjection.Figures f = new FaultInjection(jar, root, folder, seed, 12_000,
                    line -> System.out.println("  " + line))
                    .run(o.faultTrials());
            StringBuilder b = new StringBuilder();
            b.append(
                    fmt("Seed %d (repeat with `-Dfaults.seed=%d` on the bench's JVM). Each trial starts the jar on one "
                    + "data folder"
                    + " with a script (generate a set of 300-6,300 accounts, run bitmex on it, import a "
                    + "400-account CSV, run"
                    + " binance on it, run okx over demo), kills it with SIGKILL after 0.2-12.2 s, in a "
                    + "quarter of the trials"
                    + " kills the next start as well, then starts it again (`accounts list`, `runs list`) and "
                    + "reads the folder" + " directly.%n%n", seed, seed));
            b.append("| trials | kills during commands | kills during a start | scripts that finished first | sets "
                    + "acknowledged | runs acknowledged | lost (trials) | partial visible | unopenable folders | "
                    + "discard notices | time |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            b.append(fmt("| %d | %d | %d | %d | %d | %d | **%d** (%d) | **%d** | **%d** | %d | %.0f s |%n", f.trials(),
                    f.killsDuringCommands(),
                    f.killsDuringStart(), f.completedBeforeKill(), f.acknowledgedSets(), f.acknowledgedRuns(), f.lost(),
                    f.lossEvents(), f.partial(), f.unopenable(), f.discardNotices(), f.millis() / 1000.0));
            if (!f.problems().isEmpty()) {
                b.append("\nProblems:\n\n");
                for (String p : f.problems()) b.append("- ").append(p).append('\n');
            }
            return b.toString();
        } catch (IOException e) {
            return "failed: " + e + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        }
    }
}
