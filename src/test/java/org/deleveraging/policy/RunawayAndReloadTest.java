package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
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

    private static final String RUNAWAY = """
            package probe;
            import org.deleveraging.facts.*;

            rule "LOOP-010 Re-insert the pool it matched, one round later"
            when
                $r : PoolRisk()
            then
                insert(new PoolRisk($r.getPoolId(), $r.getAccountId(), $r.isIsolated(), $r.getMarket(), $r.getEquity(),
                    $r.getMaintenanceMargin(), $r.getNotional(), $r.getTier(), $r.getStep(), $r.getRound() + 1));
            end
            """;

    private static AccountSet oneUnderwaterLong() {
        return set(linear("BTCUSDT"), cross("long", "100", pos("BTCUSDT", Side.LONG, "1", "1000")),
                cross("short", "1000", pos("BTCUSDT", Side.SHORT, "1", "1000")));
    }

    @Test
    void a_rule_that_keeps_re_inserting_is_stopped_by_the_firing_limit_with_a_clear_message() {
        Policy policy = new ProbePolicy(tmp).write("probe.drl", RUNAWAY).load();
        PoolRisk risk = new PoolRisk(0, "long", false, "*", new BigDecimal("50"), new BigDecimal("9"),
                new BigDecimal("950"), 1, 0, 1);

        assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(risk)))
                .isInstanceOf(RunawayPolicyException.class)
                .hasMessageContaining("the liquidation rules fired 120 times for 1 facts and were stopped")
                .hasMessageContaining("engine.firingLimitPerFact");
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

                rule "LOOP-010 Re-insert a pool in round 1, one round later"
                when
                    $r : PoolRisk( round >= 1, tier == 1 )
                then
                    insert(new PoolRisk($r.getPoolId(), $r.getAccountId(), $r.isIsolated(), $r.getMarket(), $r.getEquity(),
                        $r.getMaintenanceMargin(), $r.getNotional(), $r.getTier(), $r.getStep(), $r.getRound() + 1));
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
        PoolRisk loops = new PoolRisk(0, "a", false, "*", new BigDecimal("50"), new BigDecimal("9"), new BigDecimal("950"), 1, 0, 1);
        PoolRisk fails = new PoolRisk(1, "b", false, "*", new BigDecimal("50"), new BigDecimal("9"), new BigDecimal("950"), 3, 0, 1);
        PoolRisk closes = new PoolRisk(2, "c", false, "*", new BigDecimal("50"), new BigDecimal("9"), new BigDecimal("950"), 2, 0, 1);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(loops))).isInstanceOf(RunawayPolicyException.class);
            assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(fails))).hasRootCauseMessage("tier 3");
            var decisions = policy.newDecisions();
            assertThat(decisions.liquidations(List.of(closes))).singleElement()
                    .satisfies(d -> assertThat(d.getPoolId()).isEqualTo(2));
            assertThat(decisions.firings()).isEqualTo(Map.of("LIQ-010", 1));
        }
        org.kie.api.runtime.KieSession reused = policy.sessions().newKieSession();
        try {
            assertThat(reused.getAgendaEventListeners()).as("no run's firing counter stays on a pooled session").isEmpty();
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

        probe.edit("probe.drl", "PoolRisk( equityBelowFractionOfMaintenance", "PoolRisk( ( equityBelowFractionOfMaintenance");
        assertThatThrownBy(probe::load).isInstanceOf(InputException.class);

        assertThat(inUse.hash()).isEqualTo(hash);
        assertThat(inUse.files()).extracting(PolicyFile::content).contains(ProbePolicy.DRL);
        PoolRisk underwater = new PoolRisk(0, "long", false, "*", new BigDecimal("-50"), new BigDecimal("9.5"),
                new BigDecimal("950"), 1, 0, 1);
        assertThat(inUse.newDecisions().liquidations(List.of(underwater))).extracting(LiquidationDecision::getRuleId)
                .containsExactlyInAnyOrder("LIQ-010", "P-010");
        assertThat(run(inUse, oneUnderwaterLong(), marks("BTCUSDT", Map.of(), "905")).events())
                .filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION).extracting(RunEvent::accountId).contains("long");
    }
}
