package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ranking is evaluated in batches of candidates only when the policy's ranking rules judge each candidate alone,
 * and then gives exactly the run one session gives.
 */
class RankingBatchesTest {
    @TempDir Path tmp;

    static Stream<String> shippedPolicies() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.ROOT.resolve("policies"))) {
            return dirs.filter(d -> Files.exists(d.resolve("policy.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedPolicies")
    void everyShippedRankingJudgesEachCandidateAloneAndBatchesGiveTheSameRun(String id) {
        Policy policy = Fixtures.policy(id);
        assertThat(RankingRules.judgeEachCandidateAlone(policy.kieBase())).isTrue();

        AccountSet demo = DemoData.accountSet();
        Scenario oct10 = ScenarioCatalog.load("oct-10");
        RunResult oneSession = run(policy, Integer.MAX_VALUE, demo, oct10);
        RunResult batchesOfSeven = run(policy, 7, demo, oct10);
        // the clawback policies (capped-pro-rata, socialized-loss) never reach ADL: their runs are compared all the
        // same
        if (!List.of("capped-pro-rata", "socialized-loss").contains(id))
            assertThat(oneSession.queues()).as("the demo crash ranks queues, more than a batch").hasSizeGreaterThan(7);
        assertThat(batchesOfSeven).isEqualTo(oneSession);
    }

    @Test
    void aRuleComparingCandidatesKeepsTheRankingInOneSession() {
        // the sandbox refuses a rule that joins candidates with candidates; the batching must not depend on that
        Policy policy = uncheckedProbeWith("""
                rule "R-010 The most profitable candidate ranks first"
                when
                    $c : AdlCandidate()
                    not AdlCandidate( unrealizedPnl > $c.unrealizedPnl )
                then
                    insert(new AdlScore($c, 1, "R-010"));
                end
                """);
        assertThat(RankingRules.judgeEachCandidateAlone(policy.kieBase())).isFalse();
    }

    @Test
    void aRuleReadingScoresKeepsTheRankingInOneSession() {
        Policy policy = probeWith("""
                rule "R-010 Score by PnL"
                when
                    $c : AdlCandidate()
                then
                    insert(new AdlScore($c, $c.getUnrealizedPnl().doubleValue(), "R-010"));
                end

                rule "R-020 Count the scores"
                when
                    $s : AdlScore( score > 1 )
                then
                end
                """);
        assertThat(RankingRules.judgeEachCandidateAlone(policy.kieBase())).isFalse();
    }

    @Test
    void aRuleOnAnyObjectKeepsTheRankingInOneSession() {
        // the sandbox refuses a pattern on Object; the batching must not depend on that
        Policy policy = uncheckedProbeWith("""
                rule "R-010 Anything"
                when
                    $o : Object()
                then
                end
                """);
        assertThat(RankingRules.judgeEachCandidateAlone(policy.kieBase())).isFalse();
    }

    @Test
    void rulesOnOtherStagesAndOneCandidatePerRuleMayBatch() {
        Policy policy = probeWith("""
                rule "R-010 Score by PnL"
                when
                    $c : AdlCandidate( unrealizedPnl > 0 )
                then
                    insert(new AdlScore($c, $c.getUnrealizedPnl().doubleValue(), "R-010"));
                end
                """);
        assertThat(RankingRules.judgeEachCandidateAlone(policy.kieBase())).isTrue();
    }

    @Test
    void aRuleThatFailsInABatchStopsTheRunWithTheSameErrorEveryTime() {
        Policy policy = probeWith("""
                rule "R-010 Score by PnL, failing on one candidate in fifty"
                when
                    $c : AdlCandidate()
                then
                    if ($c.getRef() % 50 == 3) throw new IllegalStateException("no score for " + $c.getAccountId());
                    insert(new AdlScore($c, $c.getUnrealizedPnl().doubleValue(), "R-010"));
                end
                """, "waterfall/fund-then-adl.drl\n  - adl-price/bankruptcy.drl");
        AccountSet demo = DemoData.accountSet();
        Scenario oct10 = ScenarioCatalog.load("oct-10");
        Throwable oneSession = catchThrowable(() -> run(policy, Integer.MAX_VALUE, demo, oct10));
        assertThat(oneSession).hasMessageContaining("R-010").hasRootCauseInstanceOf(IllegalStateException.class);
        // batches on two cores may fail in any order in time; the error reported is the first batch's, every run
        List<String> batched = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> catchThrowable(() -> run(policy, 7, demo, oct10)))
                .peek(t -> assertThat(t).hasSameClassAs(oneSession).hasMessageContaining("R-010"))
                .map(Throwable::getMessage).distinct().toList();
        assertThat(batched).hasSize(1);
    }

    private Policy uncheckedProbeWith(String rules) {
        return new ProbePolicy(tmp).write("rank.drl", "package probe;\nimport org.deleveraging.facts.*;\n\n" + rules)
                .loadWithoutSandboxChecks();
    }

    private Policy probeWith(String rules) {
        return new ProbePolicy(tmp).write("rank.drl", """
                package probe;
                import org.deleveraging.facts.*;

                """ + rules).load();
    }

    /** The probe policy with more shared modules (a waterfall and a close price, so that its runs reach ADL). */
    private Policy probeWith(String rules, String module) {
        return new ProbePolicy(tmp)
                .write("policy.yaml", ProbePolicy.YAML.replace("  - liquidation/close-below-maintenance.drl\n",
                        "  - liquidation/close-below-maintenance.drl\n  - " + module + "\n"))
                .write("rank.drl", """
                        package probe;
                        import org.deleveraging.facts.*;

                        """ + rules).load();
    }

    private static RunResult run(Policy policy, int batch, AccountSet set, Scenario scenario) {
        DroolsDecisions decisions = new DroolsDecisions(policy.kieBase(), policy.sessions(), policy.parameters(),
                policy.budget(), batch);
        return new Engine().run(policy.settings(), decisions, set, scenario, scenario.seed(), RunListener.NONE);
    }
}
