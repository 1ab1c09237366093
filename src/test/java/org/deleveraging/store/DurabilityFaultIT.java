package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, "nothing acknowledged is lost": the packaged workbench killed with SIGKILL at random moments while it
 * generates and imports account sets, runs policies and starts up ({@link FaultInjection}); after every kill the data
 * folder opens, every set and run printed as stored is there intact, and nothing half-written is visible. A few trials
 * here (failsafe, {@code mvn verify}); a hundred from the benchmark: {@code --sections faults}. The seed is printed,
 * and {@code -Dfaults.seed=N} repeats a sequence of kills.
 */
class DurabilityFaultIT {
    @TempDir Path folder;

    @Test
    void no_kill_loses_an_acknowledged_set_or_run_or_leaves_a_folder_that_will_not_open() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        assertThat(jar).exists();
        long seed = Long.getLong("faults.seed", System.nanoTime());
        int trials = Integer.getInteger("faults.trials", 8);
        System.out.println("fault injection: seed " + seed + ", " + trials + " trials");
        FaultInjection.Figures f = new FaultInjection(jar, Path.of(""), folder, seed, 12_000, System.out::println)
                .run(trials);
        System.out.println(f.line());
        assertThat(f.unopenable()).as("folders that did not open, seed " + seed + ": " + f.problems()).isZero();
        assertThat(f.partial()).as("half-written sets or runs visible, seed " + seed + ": " + f.problems()).isZero();
        assertThat(f.lost()).as("acknowledged sets or runs lost, seed " + seed + ": " + f.problems()).isZero();
        assertThat(f.acknowledgedSets() + f.acknowledgedRuns()).as("the trials acknowledged something").isPositive();
    }
}
