package org.deleveraging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark is not run by {@code mvn verify} (its figures need a quiet machine and minutes), but it must not rot
 * between the times someone runs it: this runs every section once on a small book, in case JVMs as the real run
 * starts them, and requires a whole report. It asserts no time: a figure from a unit test would be noise.
 */
class BenchSmokeTest {

    @Test
    void everySectionRunsOnASmallBookAndTheReportHasTheTargetsAndTheOraclesAgreement(
            @TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.md");

        Bench.main(new String[] {"--sections", "compile,generate,engine,store", "--sizes", "2000",
                "--policies", "bitmex,capped-pro-rata", "--reps", "1", "--cold-jvms", "1", "--store-jvms", "1",
                "--reloads", "2", "--timeout", "300", "--heap", "512m", "--store-heap", "512m", "--store-runs", "2",
                "--store-warm-up", "1000", "--store-jvm-flags", "-XX:+UseParallelGC", "--out", out.toString()});

        String report = Files.readString(out);
        assertThat(report).contains("## Targets", "## Policy compile", "## Generation", "## Engine only", "## Scaling");
        assertThat(report).as("no case failed or timed out").doesNotContain("failed", "stopped after", "not run");
        for (String policy : new String[] {"bitmex", "capped-pro-rata"}) {
            assertThat(report).contains("| " + policy + ": hot reload at most 200 ms |")
                    .containsPattern("\\| " + policy
                            + " over 2,000 positions \\(the targets are at 1M\\): at most 3x the oracle \\| [0-9.]+x "
                            + "\\(cpu\\) \\| not at 1M \\|");
            // the rules and the oracle ran the same book in the same JVM and gave the same run
            assertThat(report.lines().filter(l -> l.startsWith("| " + policy + " | 2,")))
                    .singleElement().asString().contains("| yes |");
        }
        assertThat(report).containsPattern("\\| import of [0-9,]+ positions at most 5 s \\|")
                .containsPattern(
                        "\\| bitmex: end-to-end run over [0-9,]+ positions at most 10 s \\(first in a fresh JVM\\) "
                        + "\\|")
                .containsPattern(
                        "\\| bitmex: end-to-end run over [0-9,]+ positions at most 10 s \\(a later run in the same "
                        + "session\\) \\|")
                .containsPattern(
                        "\\| bitmex: end-to-end run over [0-9,]+ positions at most 10 s \\(first in a session, after "
                        + "its warm-up\\) \\|")
                .contains("| an interactive session's warm-up (in the background before the first command) | 1,000 |");
        // both cores' CPU and the JIT's share of it, which is what sets the first run apart from a later one
        assertThat(report).contains("| both cores: cpu / JIT |")
                .containsPattern(
                        "\\| run bitmex, first in a fresh JVM \\| [0-9,]+ \\|[^\\n]*\\| [0-9.]+ s / [0-9.]+ s \\| "
                        + "[0-9.]+ s / [0-9.]+ s \\|");
    }
}
