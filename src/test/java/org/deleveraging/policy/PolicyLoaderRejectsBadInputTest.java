package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A policy with a mistake is rejected with one line naming the file, the line and the field. */
class PolicyLoaderRejectsBadInputTest {
    @TempDir Path tmp;

    @Test
    void the_probe_policy_loads_as_written() {
        assertThat(new ProbePolicy(tmp).load().ruleNames())
                .containsExactly("LIQ-010 Close out a pool whose equity is below maintenance margin",
                        "P-010 Close out below a fraction of maintenance");
    }

    static Stream<Arguments> yamlMistakes() {
        return Stream.of(
                Arguments.of("an unknown key", "  feeRate: 0.001\n", "  feeRate: 0.001\n  fee: 0.002\n",
                        14, "liquidation.fee", "unknown key"),
                Arguments.of("a missing section", "insuranceFund:\n  granularity: per-market\n", "",
                        1, "insuranceFund", "missing"),
                Arguments.of("a negative maintenance rate", "rate: 0.01 }", "rate: -0.01 }",
                        8, "margin.default.tiers[0].rate", "must not be negative"),
                Arguments.of("a negative fee rate", "feeRate: 0.001", "feeRate: -0.001",
                        13, "liquidation.feeRate", "must not be negative"),
                Arguments.of("tier floors that do not increase", "floor: 1000", "floor: 0",
                        9, "margin.default.tiers[1].floor", "tier floors must increase"),
                Arguments.of("a maintenance rate that falls", "rate: 0.02 }", "rate: 0.005 }",
                        9, "margin.default.tiers[1].rate", "must not fall"),
                Arguments.of("a word the setting does not know", "allocation: queue", "allocation: lottery",
                        17, "adl.allocation", "expected one of queue, pro-rata-by-size, round-robin"),
                // issue 22: a tier floor is an amount (at most 1e15, 12 decimal places), a rate at most 1e3
                Arguments.of("a tier floor beyond the amount bound", "floor: 1000", "floor: 1E999999999",
                        9, "margin.default.tiers[1].floor",
                        "out of range: at most 1e15 for an amount, got '1E999999999'"),
                Arguments.of("a fee rate with 13 decimal places", "feeRate: 0.001", "feeRate: 0.0010000000001",
                        13, "liquidation.feeRate",
                        "too precise: at most 12 decimal places for a rate, got '0.0010000000001'"),
                Arguments.of("a parameter beyond the number bound", "threshold: 0.5", "threshold: 1e30",
                        20, "parameters.threshold", "out of range: at most 1e15 for a number, got '1e30'"),
                Arguments.of("a key given twice", "  feeRate: 0.001\n", "  feeRate: 0.001\n  feeRate: 0.002\n",
                        14, "liquidation.feeRate", "key given twice (first on line 13)"),
                // issue 23: the fee to close and the price a table is read at
                Arguments.of("a fee to close of 1 % or more", "  feeRate: 0.001\n",
                        "  feeRate: 0.001\n  feeToClose: { rate: 0.01 }\n",
                        14, "liquidation.feeToClose.rate", "a fee to close is below 1% (write 0.00055 for 0.055%)"),
                Arguments.of("the close price as a setting, as before it was a rule", "  queueRefresh: step\n",
                        "  closePrice: mark\n",
                        18, "adl.closePrice",
                        "the ADL close price is decided by rules now: list a module of rules/adl-price/"),
                Arguments.of("a table read at a price that is neither entry nor mark", "  default:\n",
                        "  default:\n    valueAt: middle\n",
                        7, "margin.default.valueAt", "expected entry or mark, got 'middle'"));
    }

    @Test
    void every_mistake_is_reported_at_once_one_line_each_in_file_and_line_order() {
        ProbePolicy probe = new ProbePolicy(tmp)
                .edit("policy.yaml", "allocation: queue", "allocation: lottery")
                .edit("policy.yaml", "feeRate: 0.001", "feeRate: -0.001")
                .edit("policy.yaml", "rate: 0.01 }", "rate: -0.01 }")
                .write("broken.drl", "package probe;\nimport org.deleveraging.facts.*;\n\nrule \"B-010 Broken\"\nwhen\n"
                        + "    $r : PoolRisk()\nthen\n    insert(LiquidationDecision.closeAll($r, \"B-010\", "
                        + "params.num(\"nowhere\").toString()));\n" + "    undefinedCall();\nend\n");

        InputException e = catchThrowableOfType(InputException.class, probe::load);

        assertThat(e.getMessage().lines().map(l -> l.replace(probe.path("") + "/", ""))).containsExactly(
                "policy.yaml:8: margin.default.tiers[0].rate: must not be negative, got -0.01",
                "policy.yaml:13: liquidation.feeRate: must not be negative, got -0.001",
                "policy.yaml:17: adl.allocation: expected one of queue, pro-rata-by-size, round-robin, got 'lottery'",
                "broken.drl:4: Rule Compilation error The method undefinedCall() is undefined for the type "
                        + e.getMessage().replaceAll("(?s).*undefined for the type (\\S+).*", "$1"),
                "broken.drl:8: params.nowhere: the rule uses parameter 'nowhere' but policy.yaml does not "
                + "declare it under parameters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlMistakes")
    void policy_yaml_with_a_mistake_is_rejected_naming_file_line_and_field(String mistake, String from, String to,
                                                                           int line, String field, String problem) {
        ProbePolicy probe = new ProbePolicy(tmp).edit("policy.yaml", from, to);

        InputException e = catchThrowableOfType(InputException.class, probe::load);

        assertThat(e.source()).isEqualTo(probe.path("policy.yaml"));
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(probe.path("policy.yaml") + ":" + line + ": " + field + ": ")
                .contains(problem).doesNotContain("\n");
    }

    @Test
    void a_fee_to_close_and_a_table_read_at_entry_load() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("policy.yaml", "  feeRate: 0.001\n",
                "  feeRate: 0.001\n  feeToClose: { rate: 0.00055, inMaintenance: true }\n")
                .edit("policy.yaml", "  default:\n", "  default:\n    valueAt: entry\n");
        var settings = probe.load().settings();
        assertThat(settings.liquidation().feeToClose().rate()).isEqualByComparingTo("0.00055");
        assertThat(settings.liquidation().feeToClose().inMaintenance()).isTrue();
        assertThat(settings.margin().defaultSchedule().chargedAtEntry()).isTrue();
    }

    @Test
    void a_tier_floor_at_the_bound_and_a_rate_with_twelve_places_load() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("policy.yaml", "floor: 1000", "floor: 1e15")
                .edit("policy.yaml", "feeRate: 0.001", "feeRate: 0.001000000001");
        assertThat(probe.load().settings().liquidation().feeRate()).isEqualByComparingTo("0.001000000001");
    }

    @Test
    void a_rule_using_an_undeclared_parameter_is_rejected_at_its_line() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("policy.yaml", "  threshold: 0.5\n", "  limit: 0.5\n");

        InputException e = catchThrowableOfType(InputException.class, probe::load);

        assertThat(e.getMessage()).isEqualTo(probe.path("probe.drl") + ":8: params.threshold: the rule uses parameter"
                + " 'threshold' but policy.yaml does not declare it under parameters");
    }

    @Test
    void a_DRL_syntax_error_is_one_message_at_the_line_of_the_mistake() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("probe.drl",
                "PoolRisk( equityBelowFractionOfMaintenance(params.num(\"threshold\")) )", "PoolRisk( equity < )");

        assertThatThrownBy(probe::load).isInstanceOf(InputException.class)
                .message().startsWith(probe.path("probe.drl") + ":8: ").contains("no viable alternative")
                .doesNotContain("\n");
    }

    @Test
    void a_rule_on_a_field_facts_do_not_have_is_one_message_at_its_line() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("probe.drl",
                "PoolRisk( equityBelowFractionOfMaintenance(params.num(\"threshold\")) )", "PoolRisk( colour == 1 )");

        assertThatThrownBy(probe::load).isInstanceOf(InputException.class)
                .message().startsWith(probe.path("probe.drl") + ":8: ").contains("colour").doesNotContain("\n");
    }

    @Test
    void a_policy_whose_id_is_not_its_folder_name_is_rejected() {
        ProbePolicy probe = new ProbePolicy(tmp).edit("policy.yaml", "id: probe", "id: other");

        assertThatThrownBy(probe::load).isInstanceOf(InputException.class)
                .hasMessage(probe.path("policy.yaml") + ":1: id: the id 'other' must match the folder name 'probe'");
    }

    @Test
    void a_module_that_does_not_exist_is_named_with_the_line_that_asks_for_it() {
        ProbePolicy probe = new ProbePolicy(tmp)
                .edit("policy.yaml", "close-below-maintenance.drl", "close-below-maintenanse.drl");

        InputException e = catchThrowableOfType(InputException.class, probe::load);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("modules");
    }
}
