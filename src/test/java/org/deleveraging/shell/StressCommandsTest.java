package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunService;
import org.deleveraging.run.StoredRun;
import org.deleveraging.scenario.ScenarioReader;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.scenario.ScenarioVariant;
import org.deleveraging.store.TempStore;
import org.deleveraging.sweep.CoverTwo;
import org.deleveraging.sweep.StressTests;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.shell.context.ShellContext;

/**
 * {@code stress find} and {@code stress cover2} over the demo set under oct-10, on a temporary store: the relations
 * their output must satisfy, whatever the figures.
 */
class StressCommandsTest {
    private static final Pattern THRESHOLD = Pattern.compile("threshold: severity ([0-9.]+) "
            + "\\(bracket \\[([0-9.]+), ([0-9.]+)\\], tolerance ([0-9.]+), (\\d+) probes\\)");
    private static final Pattern KEPT = Pattern.compile("kept run (\\d+) ");

    @TempDir static Path folder;
    static TempStore db;
    static StressTests stress;
    static StressCommands commands;
    static ScenarioService scenarios;
    static Terminal terminal;

    @BeforeAll
    static void demo() throws IOException {
        db = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        AccountSetService sets = new AccountSetService(db.store);
        sets.createDemo();
        scenarios = new ScenarioService(db.store, clock);
        Path policies = PolicyFolders.copy(folder.resolve("p"), "bitmex", "capped-pro-rata", "hyperliquid");
        PolicyRegistry registry = new PolicyRegistry(policies, folder.resolve("p/rules"), "bitmex");
        RunService runs = new RunService(db.store, registry, sets, scenarios, clock, "test");
        stress = new StressTests(registry, sets, scenarios, runs);
        commands = new StressCommands(stress,
                new Interrupts(new StaticListableBeanFactory().getBeanProvider(ShellContext.class)));
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() throws IOException {
        terminal.close();
        db.close();
    }

    @Test
    void find_brackets_the_adl_threshold_within_the_tolerance_and_keeps_the_run_of_the_scaled_scenario() {
        String out = commands.find("bitmex", "demo", "oct-10", "adl", "0", null, "0.05", null, terminal);

        Matcher m = THRESHOLD.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        BigDecimal threshold = new BigDecimal(m.group(1));
        BigDecimal below = new BigDecimal(m.group(2));
        assertThat(new BigDecimal(m.group(3))).isEqualByComparingTo(threshold);
        assertThat(below).isLessThan(threshold);
        assertThat(threshold.subtract(below)).isLessThanOrEqualTo(new BigDecimal("0.05"));
        assertThat(threshold).isLessThan(new BigDecimal("3.84").add(BigDecimal.valueOf(1e-9)));
        int probes = Integer.parseInt(m.group(5));
        // the lower end, at most 8 scan steps of 0.48, then 0.48 / 0.05 needs 4 halvings, one more for rounding
        assertThat(probes).isLessThanOrEqualTo(14);
        assertThat(out).contains("probe  severity  crossed").contains(StressCommands.CAVEAT).contains("monotonicity");
        assertThat(out.lines().filter(l -> l.matches("\\s+\\d+\\s+[0-9.]+\\s+(yes|no)\\s+ADL closes \\d+")).count())
                .isEqualTo(probes);
        assertThat(out).containsPattern("\\s1\\s+0\\s+no\\s+ADL closes 0")
                .containsPattern("\\s2\\s+0\\.48\\s+yes\\s+ADL closes [1-9]");

        Matcher kept = KEPT.matcher(out);
        assertThat(kept.find()).as(out).isTrue();
        StoredRun run = db.store.run(Long.parseLong(kept.group(1))).orElseThrow();
        String scaled = ScenarioVariant.yaml(ScenarioVariant.scaled(scenarios.resolve("oct-10").scenario(),
                threshold));
        assertThat(run.provenance().scenarioName()).isEqualTo("oct-10-x" + threshold.toPlainString());
        assertThat(run.provenance().scenarioYaml()).isEqualTo(scaled);
        assertThat(run.provenance().scenarioHash()).isEqualTo(ContentHash.text(scaled));
        assertThat(ScenarioReader.parse(run.provenance().scenarioYaml(), "kept"))
                .isEqualTo(ScenarioVariant.scaled(scenarios.resolve("oct-10").scenario(), threshold));
        assertThat(run.summary().adlCount()).isPositive();
        assertThat(out).doesNotContain("warning: the kept run's result digest differs");
    }

    @Test
    void find_says_when_the_line_does_not_apply_or_is_not_crossed() {
        assertThat(commands.find("hyperliquid", "demo", "oct-10", "fund-exhausted", "0", "1", "0.5", null, terminal))
                .contains("not applicable: hyperliquid: the run has no insurance fund").doesNotContain("kept run");
        assertThat(commands.find("bitmex", "demo", "oct-10", "adl", "0", "0.2", "0.1", null, terminal))
                .contains("not crossed at any scanned severity up to 0.2").doesNotContain("kept run");
    }

    @Test
    void cover2_lists_sorted_losses_and_the_fund_needed_is_the_sum_of_the_two_largest() {
        StressTests.Cover c = stress.coverTwo(List.of(), "demo", "oct-10", BigDecimal.ONE, null,
                StressTests.ProbeProgress.NONE, org.deleveraging.engine.Cancellation.NEVER);
        assertThat(c.policies()).extracting(CoverTwo.PolicyCover::policyId)
                .containsExactly("bitmex", "capped-pro-rata", "hyperliquid");
        for (CoverTwo.PolicyCover p : c.policies()) {
            List<CoverTwo.Loss> losses = p.unlimited().losses();
            assertThat(losses).isSortedAccordingTo((a, b) -> b.loss().compareTo(a.loss()));
            assertThat(losses).allSatisfy(l -> assertThat(l.loss()).isPositive());
            BigDecimal two = losses.stream().limit(2).map(CoverTwo.Loss::loss).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            assertThat(p.coverTwo()).isEqualByComparingTo(two);
            assertThat(p.covered()).isEqualTo(p.fundStart().compareTo(two) >= 0);
            assertThat(p.shortBy()).isEqualByComparingTo(two.subtract(p.fundStart()).max(BigDecimal.ZERO));
        }
        CoverTwo.PolicyCover bitmex = c.policies().get(0);
        assertThat(bitmex.hasFund()).isTrue();
        assertThat(bitmex.unlimited().losses()).isNotEmpty();
        // no backstop vault in bitmex's waterfall: the losses add up to the shortfall (ADL's shares to 1e-6)
        assertThat(bitmex.unlimited().unattributed().abs()).isLessThan(new BigDecimal("1E-6"));
        CoverTwo.PolicyCover capped = c.policies().get(1);
        assertThat(capped.unlimited().adlCloses()).isZero();
        assertThat(capped.unlimited().unattributed()).as("no ADL: fund and write-offs only, exact").isZero();
        assertThat(c.policies().get(2).hasFund()).isFalse();

        String out = StressCommands.coverText(c, 5);
        assertThat(out).contains("https://www.bis.org/cpmi/publ/d101a.pdf").contains("accounts, as the set has no "
                + "account groups");
        for (String policy : List.of("bitmex", "capped-pro-rata", "hyperliquid"))
            assertThat(out).containsPattern("cover 2 " + policy + ": fund needed [0-9,.]+; .*ADL (ran|did not run)");
        String bitmexTable = out.substring(out.indexOf("\nbitmex:"), out.indexOf("cover 2 bitmex"));
        List<BigDecimal> listed = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\s+\\d+\\s+A\\d+\\s+([0-9,.]+)\\s").matcher(bitmexTable);
        while (row.find()) listed.add(new BigDecimal(row.group(1).replace(",", "")));
        assertThat(listed).isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        Matcher needed = Pattern.compile("cover 2 bitmex: fund needed ([0-9,.]+)").matcher(out);
        assertThat(needed.find()).isTrue();
        // both shown to the cent: the sum of two rounded amounts is within a cent of the rounded sum
        assertThat(new BigDecimal(needed.group(1).replace(",", ""))).isCloseTo(
                listed.stream().limit(2).reduce(BigDecimal.ZERO, BigDecimal::add), within(new BigDecimal("0.01")));
    }
}
