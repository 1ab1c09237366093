package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with SIGKILL part-way (the packaged jar, as the README runs it): the data folder opens, the points it
 * stored are whole, and {@code sweep resume} finishes the sweep to the very figures an uninterrupted sweep stores
 * (the two CSV exports are the same, byte for byte). The moment of the kill is random; its seed is printed, and
 * {@code -Dsweep.kill.seed=N} repeats it.
 */
class SweepKillIT {
    private static final String GRID = "src/main/resources/sweeps/two-policies.yaml";

    @TempDir Path folder;

    @Test
    void a_sweep_killed_part_way_opens_resumes_and_ends_with_the_figures_of_one_never_killed() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        long seed = Long.getLong("sweep.kill.seed", System.nanoTime());
        long killAfter = 4_000 + new java.util.Random(seed).nextInt(8_000);
        System.out.println("sweep kill: seed " + seed + ", SIGKILL after " + killAfter + " ms");
        String killed = data("killed");
        command(jar, killed, "accounts", "list"); // the first start makes the demo set: the kill is the sweep's
        Process p = new ProcessBuilder(WorkbenchJarIT.readme(jar, killed, "sweep", "run", "--file", GRID))
                .redirectErrorStream(true).redirectOutput(folder.resolve("killed.out").toFile()).start();
        boolean done = p.waitFor(killAfter, TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String list = command(jar, killed, "sweep", "list");
        System.out.println("sweep kill: " + (done ? "finished before the kill" : "after the kill:\n" + list));
        if (list.contains("two-policies")) command(jar, killed, "sweep", "resume", "--sweep", "1");
        else command(jar, killed, "sweep", "run", "--file", GRID);
        assertThat(command(jar, killed, "sweep", "show", "--sweep", "last")).contains("12 of 12 points finished");

        String whole = data("whole");
        command(jar, whole, "accounts", "list");
        command(jar, whole, "sweep", "run", "--file", GRID);
        Path a = folder.resolve("killed.csv");
        Path b = folder.resolve("whole.csv");
        command(jar, killed, "sweep", "export", "--sweep", "last", "--out", a.toString());
        command(jar, whole, "sweep", "export", "--sweep", "last", "--out", b.toString());
        assertThat(Files.readString(a)).as("killed %s ms in (seed %s)", killAfter, seed).isEqualTo(Files.readString(b));
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
