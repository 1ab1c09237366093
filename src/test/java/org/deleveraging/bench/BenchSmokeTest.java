package org.deleveraging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.policy.Policy;
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

        Bench.main(new String[] {"--sections", "compile,generate,engine,store,memory", "--sizes", "2000",
                "--policies", "bitmex,capped-pro-rata", "--reps", "1", "--cold-jvms", "1", "--store-jvms", "1",
                "--reloads", "2", "--timeout", "300", "--heap", "512m", "--store-heap", "512m", "--store-runs", "2",
                "--store-jvm-flags", "-XX:+UseParallelGC", "--out", out.toString()});

        String report = Files.readString(out);
        assertThat(report).contains("## Targets (issue 25)", "### Earlier targets (issue 5)", "## Policy compile",
                "## Generation", "## Engine only", "## Engine against the columnar anchor", "## Scaling",
                "## A run in a small heap");
        // issue 25's table comes first, each of its targets with a verdict and the command that measured it
        assertThat(report.indexOf("## Targets (issue 25)")).isLessThan(report.indexOf("### Earlier targets"));
        assertThat(report).as("no case failed or timed out").doesNotContain("failed", "stopped after", "not run");
        for (String policy : new String[] {"bitmex", "capped-pro-rata"}) {
            assertThat(report).contains("| " + policy + ": hot reload at most 200 ms |")
                    .containsPattern("\\| " + policy
                            + " over 2,000 positions \\(the targets are at 1M\\): at most 3x the oracle \\| [0-9.]+x "
                            + "\\(cpu\\) \\| not at 1M \\|");
            // the rules and the oracle ran the same book in the same JVM and gave the same run
            assertThat(report.lines()
                    .filter(l -> l.startsWith("| " + policy + " | 2,") && l.contains(" liquidations, ")))
                    .singleElement().asString().contains("| yes |");
        }
        String anchorTable = report.substring(report.indexOf("## Engine against the columnar anchor"),
                report.indexOf("## Scaling"));
        for (String policy : new String[] {"bitmex", "capped-pro-rata"}) {
            assertThat(report)
                    .containsPattern("\\| " + policy + ": engine only \\(`Engine.run` [^|]*at most 2 s \\| [0-9]+ ms "
                            + "[^|]*wall over 2,[0-9]{3} positions[^|]*\\| not at 1M \\([0-9.]+x the target\\) \\| "
                            + "`java [^`]*"
                            + "EngineCase " + policy + " 2000 [^`]*` \\|")
                    .containsPattern("\\| " + policy + ": engine only at most 1.5x the columnar anchor [^|]*\\| "
                            + "[0-9.]+x "
                            + "on wall medians [^|]*\\| not at 1M \\([0-9.]+x the target\\) \\| `java [^`]*EngineCase")
                    .containsPattern("\\| " + policy + ": a run over 1M positions completes in -Xmx1g [^|]*\\| "
                            + "completes over 2,[0-9]{3} positions: stored run [^|]*\\| not at 1M \\| "
                            + "`java -Xms1g -Xmx1g "
                            + "[^`]*StoreCase 2000 " + policy + "` \\|")
                    .containsPattern("\\| " + policy + ": engine only, time per position grows at most 1.15x [^|]*\\| "
                            + "not measured: the engine ran one size only");
            // the anchor ran the book through the crash: pools closed
            assertThat(anchorTable.lines().filter(l -> l.startsWith("| " + policy + " | 2,")))
                    .singleElement().asString().containsPattern("\\| [1-9][0-9]*, [0-9]+, [0-9]+, [0-9]+, [0-9]+ \\|");
        }
        assertThat(report).contains("the oracle (`oracle/BitmexOracle`)")
                .containsPattern("one-off `run` over 1M positions [^|]*\\| not measured: the `commands` section was "
                        + "not in --sections \\|");
        assertThat(report).containsPattern("\\| import of 1M positions \\([^|]*at most 1 s \\| [0-9,]+ ms [^|]*wall "
                        + "over 2,[0-9]{3} positions[^|]*\\| not at 1M \\([0-9.]+x the target\\) \\| "
                        + "`java [^`]*StoreCase")
                .containsPattern(
                        "\\| bitmex: end-to-end run over [0-9,]+ positions at most 10 s \\(first in a fresh JVM\\) "
                        + "\\|")
                .containsPattern(
                        "\\| bitmex: end-to-end run over [0-9,]+ positions at most 10 s \\(a later run in the same "
                        + "session\\) \\|");
        // both cores' CPU and the JIT's share of it, which is what sets the first run apart from a later one
        assertThat(report).contains("| both cores: cpu / JIT |")
                .containsPattern(
                        "\\| run bitmex, first in a fresh JVM \\| [0-9,]+ \\|[^\\n]*\\| [0-9.]+ s / [0-9.]+ s \\| "
                        + "[0-9.]+ s / [0-9.]+ s \\|");
    }

    /**
     * The anchor does the engine's work per round: at least the rounds it is given, every open position settled and
     * measured in each, and the crash's liquidations, ranking and ADL, or haircuts for a policy that does not rank.
     */
    @Test
    void theColumnarAnchorRunsTheCrashWithAtLeastTheEnginesRounds() {
        BenchBook book = BenchBook.of(2_000);
        int[] engineRounds = {3, 3, 3, 3, 3, 3};
        for (String id : new String[] {"bitmex", "capped-pro-rata"}) {
            Policy policy = Policies.load(id);
            ColumnarAnchor.Loss loss = ColumnarAnchor.Loss.of(policy.ruleNames());
            ColumnarAnchor.Result r = ColumnarAnchor.run(book.accounts(), book.scenario(), policy.settings(), loss,
                    engineRounds);
            assertThat(r.rounds()).hasSize(book.scenario().steps().size());
            for (int s = 0; s < r.rounds().length; s++) assertThat(r.rounds()[s]).isGreaterThanOrEqualTo(3);
            // the first round settles and measures every position of the book
            assertThat(r.visits()).isGreaterThanOrEqualTo(book.positions());
            assertThat(r.liquidated()).isPositive();
            if (id.equals("bitmex")) {
                assertThat(loss).isEqualTo(ColumnarAnchor.Loss.PNL_TIMES_LEVERAGE);
                assertThat(r.ranked()).isPositive();
                assertThat(r.adlFills()).isPositive();
            } else {
                assertThat(loss).isEqualTo(ColumnarAnchor.Loss.HAIRCUT);
                assertThat(r.haircuts()).isPositive();
            }
        }
    }
}
