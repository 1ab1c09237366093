package org.deleveraging.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.deleveraging.domain.Scenario;
import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private static final String SHOCK = """
            name: shock
            description: one gap down
            seed: 42
            start: { BTCUSDT: 100000, ETHUSDT: 4000 }
            steps:
              - marks: { BTCUSDT: -10%, ETHUSDT: 3500 }
                depth: 0.1
              - marks: { BTCUSDT: 95000, ETHUSDT: +5% }
                depth: { ETHUSDT: 0.5 }
            insuranceFunds: { BTCUSDT: 1000, USDT: 500 }
            backstopCapital: { USDT: 2000 }
            """;

    private static Scenario read(String yaml) { return ScenarioReader.parse(yaml, "s.yaml"); }

    @Test
    void step_zero_holds_the_start_marks_and_later_steps_follow_in_order() {
        Scenario s = read(SHOCK);
        assertThat(s.name()).isEqualTo("shock");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.steps()).hasSize(3);
        assertThat(s.steps().get(0).marks()).containsEntry("BTCUSDT", new BigDecimal("100000"));
        assertThat(s.steps().get(0).depthMultiplier("BTCUSDT")).isEqualByComparingTo("1");
    }

    @Test
    void a_percent_move_is_taken_from_the_start_mark_and_a_plain_number_is_a_price() {
        Scenario s = read(SHOCK);
        assertThat(s.steps().get(1).marks().get("BTCUSDT")).isEqualByComparingTo("90000");
        assertThat(s.steps().get(1).marks().get("ETHUSDT")).isEqualByComparingTo("3500");
        assertThat(s.steps().get(2).marks().get("ETHUSDT")).isEqualByComparingTo("4200");
    }

    @Test
    void one_depth_number_thins_every_book_and_a_map_thins_only_the_named_ones() {
        Scenario s = read(SHOCK);
        assertThat(s.steps().get(1).depthMultiplier("BTCUSDT")).isEqualByComparingTo("0.1");
        assertThat(s.steps().get(1).depthMultiplier("ETHUSDT")).isEqualByComparingTo("0.1");
        assertThat(s.steps().get(2).depthMultiplier("ETHUSDT")).isEqualByComparingTo("0.5");
        assertThat(s.steps().get(2).depthMultiplier("BTCUSDT")).isEqualByComparingTo("1");
    }

    @Test
    void funds_keep_their_keys_whether_market_or_asset() {
        Scenario s = read(SHOCK);
        assertThat(s.insuranceFunds()).containsOnlyKeys("BTCUSDT", "USDT");
        assertThat(s.backstopCapital()).containsEntry("USDT", new BigDecimal("2000"));
    }

    @Test
    void a_step_missing_a_market_names_the_step_and_the_market() {
        String yaml = SHOCK.replace("marks: { BTCUSDT: 95000, ETHUSDT: +5% }", "marks: { BTCUSDT: 95000 }");
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InputException.class)
                .hasMessage("s.yaml:8: steps[1].marks.ETHUSDT: missing; every step gives a mark for every market");
    }

    @Test
    void a_negative_price_is_refused_with_its_line() {
        String yaml = SHOCK.replace("ETHUSDT: 3500", "ETHUSDT: -3500");
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InputException.class)
                .hasMessage("s.yaml:6: steps[0].marks.ETHUSDT: must be positive, got -3500");
    }

    @Test
    void a_move_of_minus_100_percent_or_more_is_refused() {
        String yaml = SHOCK.replace("BTCUSDT: -10%", "BTCUSDT: -100%");
        assertThatThrownBy(() -> read(yaml))
                .hasMessageStartingWith("s.yaml:6: steps[0].marks.BTCUSDT: a move of -100%");
    }

    @Test
    void a_market_without_a_start_mark_is_refused() {
        String yaml = SHOCK.replace("ETHUSDT: 3500", "ETHUSDT: 3500, SOLUSDT: 200");
        assertThatThrownBy(() -> read(yaml))
                .hasMessageStartingWith("s.yaml:6: steps[0].marks.SOLUSDT: market SOLUSDT is not in start");
    }

    @Test
    void an_unknown_key_is_refused_with_the_accepted_ones() {
        String yaml = SHOCK.replace("seed: 42", "sead: 42");
        assertThatThrownBy(() -> read(yaml))
                .hasMessageStartingWith("s.yaml:3: sead: unknown key; expected one of name,");
    }

    @Test
    void a_negative_insurance_fund_is_refused() {
        String yaml = SHOCK.replace("USDT: 500 }", "USDT: -500 }");
        assertThatThrownBy(() -> read(yaml)).hasMessageContaining("insuranceFunds.USDT: must not be negative");
    }

    @Test
    void a_fund_share_is_one_percentage_for_every_market_or_a_map_by_market_or_asset() {
        assertThat(read(SHOCK + "insuranceFundShare: 0.5%\n").insuranceFundShares())
                .containsExactly(java.util.Map.entry(Scenario.EVERY_MARKET, new BigDecimal("0.005")));
        assertThat(read(SHOCK + "insuranceFundShare: { ETHUSDT: 2%, USDT: 0.01 }\n").insuranceFundShares())
                .containsEntry("ETHUSDT", new BigDecimal("0.02")).containsEntry("USDT", new BigDecimal("0.01"));
    }

    @Test
    void a_fund_share_above_100_percent_is_refused_and_100_percent_reads() {
        assertThatThrownBy(() -> read(SHOCK + "insuranceFundShare: 101%\n")).isInstanceOf(InputException.class)
                .hasMessage(
                        "s.yaml:12: insuranceFundShare: a share of open interest is at most 100 % (write 1% or 0.01)");
        assertThat(read(SHOCK + "insuranceFundShare: 100%\n").insuranceFundShares())
                .containsValue(new BigDecimal("1.00"));
    }

    // issue 22: bounds and strictness. Each refusal has its exact message and a near miss beside it that reads.

    @Test
    void a_scenario_without_steps_is_refused_and_one_step_is_enough() {
        String none = SHOCK.substring(0, SHOCK.indexOf("steps:")) + "steps: []\ninsuranceFunds: { BTCUSDT: 1000 }\n";
        assertThatThrownBy(() -> read(none)).isInstanceOf(InputException.class)
                .hasMessage(
                        "s.yaml:5: steps: give at least one step after start; a scenario without one moves nothing");
        String one = SHOCK.substring(0, SHOCK.indexOf("  - marks: { BTCUSDT: 95000"))
                + "insuranceFunds: { BTCUSDT: 1000 }\n";
        assertThat(read(one).steps()).hasSize(2);
    }

    @Test
    void a_start_mark_beyond_the_price_bound_is_refused_and_the_bound_itself_reads() {
        assertThatThrownBy(() -> read(SHOCK.replace("BTCUSDT: 100000,", "BTCUSDT: 1E999999999,")))
                .hasMessage("s.yaml:4: start.BTCUSDT: out of range: at most 1e12 for a price, got '1E999999999'");
        assertThatThrownBy(() -> read(SHOCK.replace("BTCUSDT: 100000,", "BTCUSDT: 1e400,")))
                .hasMessage("s.yaml:4: start.BTCUSDT: out of range: at most 1e12 for a price, got '1e400'");
        assertThat(read(SHOCK.replace("BTCUSDT: 100000,", "BTCUSDT: 1e12,")
                .replace("BTCUSDT: 95000", "BTCUSDT: 1000000000000"))
                .steps().get(0).marks().get("BTCUSDT")).isEqualByComparingTo("1000000000000");
    }

    @Test
    void a_move_that_takes_the_price_beyond_its_bound_is_refused() {
        String yaml = SHOCK.replace("BTCUSDT: 100000,", "BTCUSDT: 1e12,");
        assertThatThrownBy(() -> read(yaml.replace("BTCUSDT: -10%", "BTCUSDT: +10%")))
                .hasMessage("s.yaml:6: steps[0].marks.BTCUSDT: out of range: +10% comes to 1100000000000, at most 1e12 "
                        + "for a price");
        assertThat(read(yaml).steps().get(1).marks().get("BTCUSDT")).isEqualByComparingTo("900000000000");
    }

    @Test
    void a_fund_beyond_the_amount_bound_or_too_precise_is_refused() {
        assertThatThrownBy(() -> read(SHOCK.replace("USDT: 500 }", "USDT: 1e30 }")))
                .hasMessage("s.yaml:10: insuranceFunds.USDT: out of range: at most 1e15 for an amount, got '1e30'");
        assertThatThrownBy(() -> read(SHOCK.replace("USDT: 500 }", "USDT: 500.0000000000001 }")))
                .hasMessage("s.yaml:10: insuranceFunds.USDT: too precise: at most 12 decimal places for an amount, got "
                        + "'500.0000000000001'");
        assertThat(read(SHOCK.replace("USDT: 500 }", "USDT: 500.000000000001 }")).insuranceFunds().get("USDT"))
                .isEqualByComparingTo("500.000000000001");
    }

    @Test
    void a_key_given_twice_is_refused_not_taken_last() {
        assertThatThrownBy(() -> read(SHOCK.replace("seed: 42", "seed: 42\nseed: 43")))
                .hasMessage("s.yaml:4: seed: key given twice (first on line 3)");
        assertThatThrownBy(() -> read(SHOCK.replace("ETHUSDT: 3500 }", "ETHUSDT: 3500, BTCUSDT: -20% }")))
                .hasMessage("s.yaml:6: steps[0].marks.BTCUSDT: key given twice (first on line 6)");
    }
}
