package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user starts it, one command and exit, on a fresh data folder: the demo set is created on
 * first start and the README's run command works out of the box. Runs in the integration-test phase (failsafe), after
 * the jar is built, so {@code mvn -B verify} covers it.
 */
class WorkbenchJarIT {
    @TempDir Path folder;

    @Test
    void the_run_command_runs_one_policy_on_the_demo_set_prints_its_summary_and_exits_0() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/adl-workbench-0.1.0.jar"));
        assertThat(jar).exists();
        Path out = folder.resolve("out.txt");
        Process p = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(),
                "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("data/workbench"),
                "run", "--policy", "binance", "--accounts", "demo", "--scenario", "oct-10")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("first start: created the demo account set 'demo'")
                .contains("run 1: binance x demo x oct-10 (seed 20251010)")
                .contains("liquidations").contains("insurance fund").contains("ADL closes").contains("ADL overshoot")
                .contains("largest haircut")
                .doesNotContain("Exception");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
