package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Facts.poolRisk;

import java.nio.file.Path;
import java.util.List;

import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a policy may and may not do (src/docs/policies.md). The hostile suite (HostilePoliciesTest) tries the attacks;
 * these are the near misses (what a policy may do compiles and runs) and the second line of defence: rules that got
 * past the checks still find nothing outside the allow-list at run time.
 */
class SandboxTest {
    @TempDir Path tmp;

    private static final PoolRisk UNDERWATER = poolRisk().equity("-5").maintenance("9").tier(2).build();

    @Test
    void a_policy_may_use_the_fact_contract_values_and_pure_functions() {
        Policy policy = probe("""
                package probe;
                import org.deleveraging.facts.*;
                import java.math.BigDecimal;
                import java.math.RoundingMode;
                global org.deleveraging.facts.Parameters params;

                function BigDecimal shortfallOf(PoolRisk r) {
                    return r.getMaintenanceMargin().subtract(r.getEquity()).max(BigDecimal.ZERO);
                }

                rule "MAY-010 Reduce by the share of maintenance missing, rounded up to a percent"
                when
                    $r : PoolRisk( belowMaintenance, tier > 1, notional > 0 )
                    eval( shortfallOf($r).signum() > 0 )
                    not LiquidationDecision( poolId == $r.poolId, ruleId == "MAY-020" )
                then
                    BigDecimal share = shortfallOf($r).divide($r.getMaintenanceMargin(), 2, RoundingMode.CEILING)
                            .min(BigDecimal.ONE).max(new BigDecimal("0.01"));
                    double ratio = Math.max(0.0, $r.getEquity().doubleValue() / $r.getNotional().doubleValue());
                    insert(LiquidationDecision.reduce($r, share, "MAY-010", "missing " + share.movePointRight(2)
                            + "% of maintenance at " + String.format("%.4f", ratio) + " equity per notional, tier "
                            + Integer.toString($r.getTier()) + ", threshold " + \
                params.num("threshold").toPlainString()));
                end
                """);
        assertThat(policy.newDecisions().liquidations(List.of(UNDERWATER)))
                .extracting(LiquidationDecision::getRuleId, d -> d.getFraction().toPlainString())
                .contains(org.assertj.core.groups.Tuple.tuple("MAY-010", "1"));
    }

    @Test
    void a_refusal_names_the_file_the_line_and_the_rule() {
        assertThatThrownBy(() -> probe("""
                package probe;
                import org.deleveraging.facts.*;

                rule "NOT-010 Leave a mark"
                when
                    $r : PoolRisk()
                then
                    insert(LiquidationDecision.closeAll($r, "NOT-010", "closed"));
                    System.setProperty("pwned", "yes");
                end
                """)).isInstanceOf(InputException.class)
                .hasMessageEndingWith(
                        "probe/probe.drl:9: rule \"NOT-010 Leave a mark\": java.lang.System is not allowed in a "
                        + "policy");
    }

    @Test
    void every_refusal_is_reported_at_once_one_line_each() {
        assertThatThrownBy(() -> probe("""
                package probe;
                import org.deleveraging.facts.*;
                import java.io.File;
                global java.util.List leak;

                rule "NOT-010 Two mistakes"
                when
                    $r : PoolRisk( Runtime.getRuntime() != null )
                then
                end
                """)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().map(l -> l.substring(l.indexOf("probe.drl"))))
                        .containsExactly(
                        "probe.drl:3: import java.io.File: java.io.File is not allowed in a policy",
                        "probe.drl:4: global leak: the only global a policy may declare is "
                        + "'org.deleveraging.facts.Parameters params'",
                        "probe.drl:8: rule \"NOT-010 Two mistakes\": Runtime is not allowed in a policy (not "
                        + "a fact, decision or"
                                + " allowed value type)",
                        "probe.drl:8: rule \"NOT-010 Two mistakes\": 'getRuntime' is not allowed in a "
                        + "policy's conditions (not a"
                                + " fact property, a bound variable or an allowed method)"));
    }

    @Test
    void object_s_monitor_methods_are_not_part_of_a_fact() {
        assertThatThrownBy(() -> probe("""
                package probe;
                import org.deleveraging.facts.*;

                rule "NOT-010 Wait on a pool"
                when
                    $r : PoolRisk()
                then
                    $r.wait(1000);
                end
                """)).hasMessageEndingWith(
                        "probe.drl:8: rule \"NOT-010 Wait on a pool\": java.lang.Object.wait is not allowed "
                                + "in a policy");
    }

    @Test
    void a_size_written_in_the_rule_is_allowed_and_one_computed_at_run_time_is_not() {
        String rule = """
                package probe;
                import org.deleveraging.facts.*;
                import java.math.RoundingMode;

                rule "SIZE-010 Round the equity"
                when
                    $r : PoolRisk()
                then
                    insert(LiquidationDecision.closeAll($r, "SIZE-010", $r.getEquity().setScale(%s, \
                RoundingMode.DOWN).toPlainString()));
                end
                """;
        assertThat(probe(rule.formatted("2")).ruleNames()).contains("SIZE-010 Round the equity");
        assertThatThrownBy(() -> probe(rule.formatted("$r.getTier() * 1000000")))
                .hasMessageContaining(
                        "probe.drl:9: rule \"SIZE-010 Round the equity\": java.math.BigDecimal.setScale takes a size");
        assertThatThrownBy(() -> probe(rule.formatted("65"))).hasMessageContaining("at most 64");
    }

    @Test
    void a_size_is_judged_in_an_eval_and_refused_in_a_condition_where_nothing_could_judge_it() {
        String rule = """
                package probe;
                import org.deleveraging.facts.*;
                import java.math.RoundingMode;

                rule "SIZE-010 Close a pool whose equity rounds below zero"
                when
                    $r : PoolRisk()
                    %s
                then
                    insert(LiquidationDecision.closeAll($r, "SIZE-010", "below zero"));
                end
                """;
        assertThat(probe(rule.formatted("eval( $r.getEquity().setScale(2, RoundingMode.DOWN).signum() < 0 )"))
                .ruleNames()).contains("SIZE-010 Close a pool whose equity rounds below zero");
        assertThatThrownBy(() -> probe(rule.formatted(
                "exists PoolRisk( poolId == $r.poolId, equity.setScale(2, RoundingMode.DOWN).signum() < 0 )")))
                .hasMessageContaining(
                        "probe.drl:8: rule \"SIZE-010 Close a pool whose equity rounds below zero\": setScale is not"
                        + " allowed in a policy's conditions");
    }

    @Test
    void at_run_time_a_class_outside_the_allow_list_cannot_be_loaded_by_name() {
        Policy policy = unchecked("""
                package probe;
                import org.deleveraging.facts.*;

                rule "ESC-010 Load Runtime by name"
                when
                    $r : PoolRisk()
                then
                    Class.forName("java.lang.Runtime");
                    insert(LiquidationDecision.closeAll($r, "ESC-010", "escaped"));
                end
                """);
        assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(UNDERWATER)))
                .isInstanceOf(PolicyViolation.class)
                .hasMessage(
                        "rule ESC-010 reached for java.lang.Runtime, a class outside the sandbox: it is not allowed "
                        + "in a policy");
    }

    @Test
    void at_run_time_a_class_outside_the_allow_list_cannot_be_linked() {
        Policy policy = unchecked("""
                package probe;
                import org.deleveraging.facts.*;

                rule "ESC-010 Read the JVM's properties"
                when
                    $r : PoolRisk()
                then
                    insert(LiquidationDecision.closeAll($r, "ESC-010", System.getProperty("user.home")));
                end
                """);
        assertThatThrownBy(() -> policy.newDecisions().liquidations(List.of(UNDERWATER)))
                .isInstanceOf(PolicyViolation.class)
                .hasMessage("rule ESC-010 reached for java.lang.System, a class outside the sandbox: it is not allowed "
                        + "in a policy");
    }

    private Policy probe(String drl) { return new ProbePolicy(tmp).write("probe.drl", drl).load(); }

    private Policy unchecked(String drl) {
        return new ProbePolicy(tmp).write("probe.drl", drl).loadWithoutSandboxChecks();
    }
}
