package org.deleveraging.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.deleveraging.domain.Scenario;
import org.junit.jupiter.api.Test;

class ScenarioVariantTest {
    private final Scenario oct10 = ScenarioCatalog.load("oct-10");

    @Test
    void severity_two_doubles_every_move_and_squares_every_depth_multiplier() {
        Scenario s = ScenarioVariant.scaled(oct10, new BigDecimal("2"));
        // step 3: BTC -13 % of 122000 -> -26 %; depth 0.01 -> 0.0001
        assertThat(s.steps().get(3).marks().get("BTCUSDT")).isEqualByComparingTo("90280");
        assertThat(s.steps().get(3).depthMultiplier("BTCUSDT")).isEqualByComparingTo("0.0001");
        assertThat(s.steps().get(0)).isEqualTo(oct10.steps().get(0));
        assertThat(s.name()).isEqualTo("oct-10-x2");
        assertThat(s.insuranceFundShares()).isEqualTo(oct10.insuranceFundShares());
    }

    @Test
    void severity_one_is_the_scenario_as_written_and_half_halves_the_move() {
        assertThat(ScenarioVariant.scaled(oct10, BigDecimal.ONE)).isSameAs(oct10);
        Scenario half = ScenarioVariant.scaled(oct10, new BigDecimal("0.5"));
        assertThat(half.steps().get(3).marks().get("SOLUSDT")).isEqualByComparingTo("191.4"); // 220 x (1 - 0.13)
        assertThat(half.steps().get(3).depthMultiplier("SOLUSDT")).isEqualByComparingTo("0.1");
    }

    @Test
    void a_severity_that_takes_a_mark_to_zero_is_refused_with_the_bound() {
        // SOL's -26 % is the largest fall: 1 / 0.26 = 3.846...
        assertThat(ScenarioVariant.severityLimit(oct10)).isEqualByComparingTo("3.846153846153");
        assertThatThrownBy(() -> ScenarioVariant.scaled(oct10, new BigDecimal("3.9")))
                .hasMessageContaining("takes SOLUSDT to").hasMessageContaining("stay below 3.846153846153");
        ScenarioVariant.scaled(oct10, new BigDecimal("3.8"));
    }

    @Test
    void the_fund_scale_multiplies_amounts_and_shares() {
        Scenario s = ScenarioVariant.withFunds(oct10, new BigDecimal("2"));
        assertThat(s.insuranceFundShares().get("BTCUSDT")).isEqualByComparingTo("0.0028");
        assertThat(s.name()).isEqualTo("oct-10-fund2");
    }

    @Test
    void a_variant_written_as_yaml_reads_back_as_the_same_scenario() {
        Scenario s = ScenarioVariant.withFunds(ScenarioVariant.scaled(oct10, new BigDecimal("1.75")),
                new BigDecimal("0.5"));
        Scenario back = ScenarioReader.parse(ScenarioVariant.yaml(s), "variant");
        assertThat(back.steps()).isEqualTo(s.steps());
        assertThat(back.insuranceFundShares()).isEqualTo(s.insuranceFundShares());
        assertThat(back.backstopCapital()).isEqualTo(s.backstopCapital());
        assertThat(back.name()).isEqualTo(s.name());
        assertThat(back.seed()).isEqualTo(s.seed());
    }
}
