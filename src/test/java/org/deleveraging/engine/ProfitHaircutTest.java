package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * The largest haircut as a share of profit: a barely profitable position is no denominator (its profit must be at
 * least 1 % of its equity), and the share counts at most the whole profit.
 */
class ProfitHaircutTest {

    @Test
    void a_profit_under_1_percent_of_equity_is_not_measured_and_one_at_1_percent_is() {
        // the walk-through's 4,255 %: a haircut of 425.54 on a profit of 10 of an account holding 100,000
        assertThat(ProfitHaircut.measurable(d("10"), d("100000"))).isFalse();
        assertThat(ProfitHaircut.measurable(d("999.99"), d("100000"))).isFalse();
        assertThat(ProfitHaircut.measurable(d("1000"), d("100000"))).isTrue();
        assertThat(ProfitHaircut.measurable(d("0"), d("0"))).isFalse();
        assertThat(ProfitHaircut.measurable(d("5"), d("-20"))).isTrue();  // under water: any profit is measured
    }

    @Test
    void the_share_counts_at_most_the_whole_profit() {
        assertThat(ProfitHaircut.share(d("250"), d("1000"))).isEqualTo(0.25);
        assertThat(ProfitHaircut.share(d("1000"), d("1000"))).isEqualTo(1.0);
        assertThat(ProfitHaircut.share(d("42554"), d("1000"))).isEqualTo(1.0);
        assertThat(ProfitHaircut.share(d("0"), d("1000"))).isZero();
    }

    @Test
    void the_largest_is_the_larger_share_then_the_larger_haircut_then_the_first_account() {
        ProfitHaircut a = new ProfitHaircut("A2", 0.5, d("100"), d("200"), 1);
        ProfitHaircut b = new ProfitHaircut("A1", 0.5, d("50"), d("100"), 2);
        ProfitHaircut c = new ProfitHaircut("A1", 0.5, d("100"), d("200"), 3);
        assertThat(a.beats(ProfitHaircut.NONE)).isTrue();
        assertThat(a.beats(b)).isTrue();
        assertThat(c.beats(a)).isTrue();
        assertThat(ProfitHaircut.NONE.beats(a)).isFalse();
    }

    private static BigDecimal d(String v) { return new BigDecimal(v); }
}
