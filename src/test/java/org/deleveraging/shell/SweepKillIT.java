package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with SIGKILL part-way (the packaged jar, as the README runs it): the data folder opens, the points it
 * stored are whole, and {@code sweep resume} finishes the sweep to the very figures an uninterrupted sweep stores
 * (the two CSV exports are the same, byte for byte). The kill lands at a random share of the time the uninterrupted
 * sweep took, until one lands while points are being stored; its seed is printed, and {@code -Dsweep.kill.seed=N}
 * repeats it.
 */
class SweepKillIT {
    /** The README's two-policies sweep at three severities: 36 points, long enough to be killed while it stores. */
    private static final String SWEEP = """
            name: kill
            policies: [bitmex, hyperliquid]
            vary:
              margin.rateMultiplier: [0.75, 1, 1.25]
            accounts: [demo]
            scenarios: [oct-10, flash-shock]
            severity: [0.75, 1, 1.25]
            """;
    private static final int POINTS = 36;
    private static final Pattern FINISHED = Pattern.compile("kill\\s+36\\s+(\\d+)\\s");
    private static final int TRIALS = 4;

    @TempDir Path folder;

    @Test
    void a_sweep_killed_part_way_opens_resumes_and_ends_with_the_figures_of_one_never_killed() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        long seed = Long.getLong("sweep.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        String grid = Files.writeString(folder.resolve("kill.yaml"), SWEEP).toString();

        String whole = data("whole");
        command(jar, whole, "accounts", "list"); // the first start makes the demo set: the kills are the sweep's
        long t0 = System.nanoTime();
        command(jar, whole, "sweep", "run", "--file", grid);
        long wholeMillis = (System.nanoTime() - t0) / 1_000_000;
        Path expected = folder.resolve("whole.csv");
        command(jar, whole, "sweep", "export", "--sweep", "last", "--out", expected.toString());

        boolean partWay = false;
        for (int trial = 1; trial <= TRIALS && !partWay; trial++) {
            String killed = data("killed-" + trial);
            command(jar, killed, "accounts", "list");
            long killAfter = (long) (wholeMillis * (0.5 + 0.45 * random.nextDouble()));
            Process p = new ProcessBuilder(WorkbenchJarIT.readme(jar, killed, "sweep", "run", "--file", grid))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("killed.out").toFile()).start();
            if (!p.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            Matcher m = FINISHED.matcher(command(jar, killed, "sweep", "list"));
            int stored = m.find() ? Integer.parseInt(m.group(1)) : -1;
            System.out.println("sweep kill: seed " + seed + ", trial " + trial + ", SIGKILL after " + killAfter
                    + " ms of the " + wholeMillis + " ms a whole sweep took: "
                    + (stored < 0 ? "no sweep stored yet" : stored + " of " + POINTS + " points stored"));
            partWay = stored > 0 && stored < POINTS;
            if (stored >= 0) command(jar, killed, "sweep", "resume", "--sweep", "1");
            else command(jar, killed, "sweep", "run", "--file", grid);
            assertThat(command(jar, killed, "sweep", "show", "--sweep", "last"))
                    .contains(POINTS + " of " + POINTS + " points finished");
            Path actual = folder.resolve("killed-" + trial + ".csv");
            command(jar, killed, "sweep", "export", "--sweep", "last", "--out", actual.toString());
            assertThat(Files.readString(actual)).as("trial %s, killed %s ms in (seed %s)", trial, killAfter, seed)
                    .isEqualTo(Files.readString(expected));
        }
        assertThat(partWay).as("one of %s kills landed while points were being stored (seed %s)", TRIALS, seed)
                .isTrue();
    }

    private String data(String name) {
        return "--spring.datasource.url=jdbc:h2:file:" + folder.resolve(name + "/workbench");
    }

    private String command(Path jar, String... args) throws Exception {
        Path out = folder.resolve("command-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(WorkbenchJarIT.readme(jar, args)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = Files.readString(out);
        assertThat(finished).as(text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
