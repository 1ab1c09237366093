package org.deleveraging.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {

    @Test
    void the_named_scenarios_ship_and_all_read_cleanly() {
        assertThat(ScenarioCatalog.names()).contains("oct-10", "crash-and-rebound", "slow-bleed", "flash-shock");
        for (String name : ScenarioCatalog.names()) assertThat(ScenarioCatalog.load(name).name()).isEqualTo(name);
    }

    @Test
    void oct_10_bottoms_at_btc_minus_13_and_sol_minus_26_percent_with_books_a_hundred_times_thinner() {
        Scenario s = ScenarioCatalog.load("oct-10");
        ScenarioStep start = s.steps().get(0);
        ScenarioStep worst = s.steps().stream()
                .filter(st -> st.depthMultiplier("BTCUSDT").compareTo(new BigDecimal("0.01")) == 0)
                .findFirst().orElseThrow();
        assertThat(move(start, worst, "BTCUSDT")).isEqualByComparingTo("-0.13");
        assertThat(move(start, worst, "SOLUSDT")).isEqualByComparingTo("-0.26");
        assertThat(move(start, worst, "ETHUSDT")).isBetween(new BigDecimal("-0.26"), new BigDecimal("-0.13"));
    }

    @Test
    void an_unknown_name_lists_the_known_ones() {
        assertThatThrownBy(() -> ScenarioCatalog.load("oct-11")).isInstanceOf(InputException.class)
                .hasMessageContaining("no shipped scenario 'oct-11'").hasMessageContaining("oct-10");
    }

    private static BigDecimal move(ScenarioStep from, ScenarioStep to, String market) {
        return to.marks().get(market).divide(from.marks().get(market), 4, RoundingMode.HALF_EVEN)
                .subtract(BigDecimal.ONE);
    }
}
