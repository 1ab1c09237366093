package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Fixtures.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set that never stops is stopped; a failed reload leaves the policy in use untouched. */
class RunawayAndReloadTest {
    @TempDir Path tmp;

    /** Each decision it makes matches it again: without a budget, it would never stop. */
    private static final String RUNAWAY = """
            package probe;
            import org.deleveraging.facts.*;

            rule "LOOP-005 Decide on every pool"
            when
                $r : PoolRisk()
            then
                insert(LiquidationDecision.closeAll($r, "LOOP-005", "first"));
            end

            rule "LOOP-010 Decide again on every decision"
            when
                $r : PoolRisk()
                LiquidationDecision( poolId == $r.poolId )
            then
                insert(LiquidationDecision.closeAll($r, "LOOP-010", "again"));
            end
            """;

    private static AccountSet oneUnderwaterLong() {
        return set(linear("BTCUSDT"), cross("long", "100", pos("BTCUSDT", Side.LONG, "1", "1000")),
                cross("short", "1000", pos("BTCUSDT", Side.SHORT, "1", "1000")));
    }

    @Test
    void a_rule_that_keeps_re_inserting_is_stopped_by_the_insert_budget_with_a_clear_message() {
        Policy policy = new ProbePolicy(tmp).write("probe.drl", RUNAWAY).load();

        assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(poolRisk().pool(0).build())))
                .isInstanceOf(RunawayPolicyException.class)
                .hasMessageContaining(
                        "rule LOOP-010 inserted more than 10 facts per input fact in the liquidation rules")
                .hasMessageContaining("engine.insertLimitPerFact");
    }

    @Test
    void with_inserts_to_spare_the_firing_limit_stops_it() {
        Policy policy = new ProbePolicy(tmp).write("probe.drl", RUNAWAY)
                .edit("policy.yaml", "parameters:", "engine:\n  insertLimitPerFact: 1000\nparameters:").load();

        assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(poolRisk().pool(0).build())))
                .isInstanceOf(RunawayPolicyException.class)
                .hasMessageContaining("rule LOOP-010 kept the liquidation rules firing")
                .hasMessageContaining(
                        "times for 1 facts (limit 20 per fact, engine.firingLimitPerFact in policy.yaml)");
    }

    @Test
    void a_question_that_runs_past_its_time_budget_is_stopped() {
        Policy policy = new ProbePolicy(tmp)
                .write("probe.drl", RUNAWAY.replace("insert(LiquidationDecision.closeAll($r, \"LOOP-010\"",
                        "BigDecimal slow = new BigDecimal(\"1.2345678901234567890123456789\").pow(64).pow(64);\n"
                                + "    insert(LiquidationDecision.closeAll($r, \"LOOP-010\"")
                                .replace("import org.deleveraging.facts.*;",
                        "import org.deleveraging.facts.*;\nimport java.math.BigDecimal;"))
                .edit("policy.yaml", "parameters:", "engine:\n  timeLimitSeconds: 1\n  firingLimitPerFact: 1000\n"
                        + "  insertLimitPerFact: 1000\nparameters:").load();
        List<PoolRisk> two = List.of(poolRisk().pool(0).build(), poolRisk().pool(1).build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> policy.newDecisions().liquidations(two))
                .isInstanceOf(RunawayPolicyException.class)
                .hasMessageContaining("rule LOOP-010 went over the liquidation rules' time budget of 1 s")
                .hasMessageContaining("engine.timeLimitSeconds");
        assertThat((System.nanoTime() - start) / 1e9).as("stopped within a firing of the budget").isLessThan(10);
    }

    /**
     * Sessions are reused (Policy keeps a pool): one stopped with activations pending, or by a rule that threw, must
     * be handed to the next question as a new one would be, with no facts, activations or firing counts left over.
     */
    @Test
    void a_session_stopped_by_the_limit_or_a_failing_rule_leaves_nothing_for_the_next_question() {
        Policy policy = new ProbePolicy(tmp).write("probe.drl", """
                package probe;
                import org.deleveraging.facts.*;

                rule "LOOP-005 Decide on a tier-1 pool"
                when
                    $r : PoolRisk( tier == 1 )
                then
                    insert(LiquidationDecision.closeAll($r, "LOOP-005", "first"));
                end

                rule "LOOP-010 Decide again on every decision about a tier-1 pool"
                when
                    $r : PoolRisk( tier == 1 )
                    LiquidationDecision( poolId == $r.poolId )
                then
                    insert(LiquidationDecision.closeAll($r, "LOOP-010", "again"));
                end

                rule "FAIL-010 Fail on tier 3"
                when
                    PoolRisk( tier == 3 )
                then
                    throw new IllegalStateException("tier 3");
                end

                rule "LIQ-010 Close a tier-2 pool"
                when
                    $r : PoolRisk( tier == 2 )
                then
                    insert(LiquidationDecision.closeAll($r, "LIQ-010", "tier 2"));
                end
                """).load();
        PoolRisk loops = poolRisk().pool(0).tier(1).build();
        PoolRisk fails = poolRisk().pool(1).tier(3).build();
        PoolRisk closes = poolRisk().pool(2).tier(2).build();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(loops)))
                    .isInstanceOf(RunawayPolicyException.class);
            assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(fails))).hasRootCauseMessage("tier 3");
            var decisions = policy.newDecisions();
            assertThat(decisions.liquidations(List.of(closes))).singleElement()
                    .satisfies(d -> assertThat(d.getPoolId()).isEqualTo(2));
            assertThat(decisions.firings()).isEqualTo(Map.of("LIQ-010", 1));
        }
        org.kie.api.runtime.KieSession reused = policy.sessions().newKieSession();
        try {
            assertThat(reused.getAgendaEventListeners()).as("no run's firing counter stays on a pooled session")
                    .isEmpty();
            assertThat(reused.getObjects()).isEmpty();
        } finally {
            reused.dispose();
        }
    }

    @Test
    void the_engine_does_not_swallow_a_runaway_rule_set() {
        Policy policy = new ProbePolicy(tmp).write("probe.drl", RUNAWAY).load();

        assertThatThrownBy(() -> run(policy, oneUnderwaterLong(), marks("BTCUSDT", Map.of(), "905")))
                .isInstanceOf(RunawayPolicyException.class);
    }

    @Test
    void a_failed_reload_leaves_the_loaded_policy_running_on_its_own_files() {
        ProbePolicy probe = new ProbePolicy(tmp);
        Policy inUse = probe.load();
        String hash = inUse.hash();

        probe.edit("probe.drl", "PoolRisk( equityBelowFractionOfMaintenance",
                "PoolRisk( ( equityBelowFractionOfMaintenance");
        assertThatThrownBy(probe::load).isInstanceOf(InputException.class);

        assertThat(inUse.hash()).isEqualTo(hash);
        assertThat(inUse.files()).extracting(PolicyFile::content).contains(ProbePolicy.DRL);
        PoolRisk underwater = poolRisk().account("long").equity("-50").maintenance("9.5").build();
        assertThat(inUse.newDecisions().liquidations(List.of(underwater))).extracting(LiquidationDecision::getRuleId)
                .containsExactlyInAnyOrder("LIQ-010", "P-010");
        assertThat(run(inUse, oneUnderwaterLong(), marks("BTCUSDT", Map.of(), "905")).events())
                .filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION).extracting(RunEvent::accountId)
                .contains("long");
    }
}
