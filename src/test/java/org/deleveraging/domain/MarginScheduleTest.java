package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tiered maintenance with derived maintenance amounts (Binance's and Hyperliquid's rule), and BitMEX's steps. */
class MarginScheduleTest {

    /**
     * Binance BTCUSDT, announcement of 2021-03-18
     * (https://www.binance.com/tr/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6), first five brackets.
     */
    private static final MarginSchedule BINANCE_BTCUSDT = MarginSchedule.of(
            List.of(d("0"), d("50000"), d("250000"), d("1000000"), d("10000000")),
            List.of(d("0.004"), d("0.005"), d("0.01"), d("0.025"), d("0.05")));

    /**
     * Hyperliquid BTC: 40x up to 150M, 20x above; MMR = 1 / (2 x max leverage)
     * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers).
     */
    private static final MarginSchedule HYPERLIQUID_BTC = MarginSchedule.of(
            List.of(d("0"), d("150000000")), List.of(d("0.0125"), d("0.025")));

    @Test
    void binance_maintenance_amounts_are_derived_bracket_by_bracket() {
        assertThat(BINANCE_BTCUSDT.tiers()).extracting(MarginTier::maintenanceAmount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("0"), d("50"), d("1300"), d("16300"), d("266300"));
    }

    @Test
    void a_500k_binance_position_needs_3700_maintenance() {
        assertThat(BINANCE_BTCUSDT.maintenance(d("500000"))).isEqualByComparingTo("3700");
    }

    @Test
    void a_bracket_boundary_belongs_to_the_lower_bracket_and_maintenance_is_continuous_there() {
        BigDecimal atBoundary = BINANCE_BTCUSDT.maintenance(d("50000"));

        assertThat(BINANCE_BTCUSDT.tierIndex(d("50000"))).isZero();
        assertThat(atBoundary).isEqualByComparingTo("200");
        assertThat(d("50000").multiply(d("0.005")).subtract(d("50"))).isEqualByComparingTo(atBoundary);
        assertThat(BINANCE_BTCUSDT.tierIndex(d("50000.01"))).isEqualTo(1);
    }

    @Test
    void maintenance_does_not_depend_on_the_side_of_the_notional() {
        assertThat(BINANCE_BTCUSDT.maintenance(d("-500000"))).isEqualByComparingTo("3700");
    }

    @Test
    void hyperliquid_btc_deduction_is_1_875m_and_200m_needs_3_125m() {
        assertThat(HYPERLIQUID_BTC.tiers().get(1).maintenanceAmount()).isEqualByComparingTo("1875000");
        assertThat(HYPERLIQUID_BTC.maintenance(d("200000000"))).isEqualByComparingTo("3125000");
    }

    @Test
    void hyperliquid_btc_maintenance_is_continuous_at_150m() {
        BigDecimal lowerTier = d("150000000").multiply(d("0.0125"));
        BigDecimal upperTier = d("150000000").multiply(d("0.025")).subtract(d("1875000"));

        assertThat(HYPERLIQUID_BTC.maintenance(d("150000000"))).isEqualByComparingTo("1875000")
                .isEqualByComparingTo(lowerTier).isEqualByComparingTo(upperTier);
        assertThat(HYPERLIQUID_BTC.maintenance(d("150000001"))).isEqualByComparingTo("1875000.025");
    }

    @Test
    void a_flat_schedule_has_one_tier_without_deduction() {
        MarginSchedule flat = MarginSchedule.flat(d("0.01"));

        assertThat(flat.tiers()).hasSize(1);
        assertThat(flat.maintenance(d("123456"))).isEqualByComparingTo("1234.56");
    }

    private static BigDecimal d(String v) { return new BigDecimal(v); }

    /**
     * BitMEX XBTUSD risk limits (https://www.bitmex.com/app/riskLimitsExamples): the tier's rate applies to the
     * whole position.
     */
    private static final MarginSchedule BITMEX_XBTUSD = MarginSchedule.stepped(
            List.of(d("0"), d("200"), d("350"), d("500")), List.of(d("0.005"), d("0.01"), d("0.015"), d("0.02")));

    @Test
    void bitmex_180_xbt_needs_0_90_and_230_xbt_moves_the_whole_position_to_1_percent() {
        assertThat(BITMEX_XBTUSD.maintenance(d("180"))).isEqualByComparingTo("0.90");
        assertThat(BITMEX_XBTUSD.maintenance(d("230"))).isEqualByComparingTo("2.30");
    }
    @Test
    void maintenance_never_falls_in_continuous_and_stepped_tables_but_may_in_one_built_in_code() {
        assertThat(BINANCE_BTCUSDT.neverFalls()).isTrue();
        assertThat(MarginSchedule.stepped(List.of(d("0"), d("200")), List.of(d("0.005"), d("0.01"))).neverFalls())
                .isTrue();
        assertThat(MarginSchedule.stepped(List.of(d("0"), d("200")), List.of(d("0.01"), d("0.005"))).neverFalls())
                .as("a stepped table whose rate falls steps down at the floor").isFalse();
    }
}
