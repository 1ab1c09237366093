package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Loss allocations of the ADL paper (T. Chitra, arXiv 2512.01112 v3, https://arxiv.org/abs/2512.01112v3), exactly. */
class HaircutsTest {

    // The paper's toy example (its section 2, v3): e = (10, 5, 1, -3, -12), PnL = (8, 4, 0.5, -3, -12), so the
    // haircutable endowments are w = (8, 4, 0.5, 0, 0), D = 15, U = 12.5; with severity 1/2 the budget is 7.5.
    private final List<BigDecimal> equity = decimals("10", "5", "1", "-3", "-12");
    private final List<BigDecimal> w = decimals("8", "4", "0.5", "0", "0");
    private final BigDecimal budget = new BigDecimal("15").multiply(new BigDecimal("0.5"));

    // Capped pro-rata (water-filling): h_i = min(eta, cap_i / w_i), eta solving the budget; three winners.
    private final List<BigDecimal> winners = decimals("8", "4", "0.5");

    @Test
    void toy_example_the_queue_in_order_2_1_3_takes_all_of_winner_2_and_the_rest_from_winner_1() {
        List<BigDecimal> x = Haircuts.queue(w, List.of(1, 0, 2, 3, 4), budget);

        assertThat(x).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(decimals("3.5", "4", "0", "0", "0"));
        assertThat(shares(x)).containsExactlyElementsOf(decimals("0.4375", "1", "0"));
        assertThat(minus(equity, x)).containsExactlyElementsOf(decimals("6.5", "1", "1", "-3", "-12"));
    }

    @Test
    void toy_example_pro_rata_takes_the_same_sixty_percent_from_every_winner_and_keeps_their_ranking() {
        List<BigDecimal> x = Haircuts.proRata(w, budget);

        assertThat(x).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(decimals("4.8", "2.4", "0.3", "0", "0"));
        assertThat(shares(x)).containsExactlyElementsOf(decimals("0.6", "0.6", "0.6"));
        assertThat(minus(equity, x)).containsExactlyElementsOf(decimals("5.2", "2.6", "0.7", "-3", "-12"));
    }

    @Test
    void capped_a_binding_cap_is_paid_in_full_and_the_others_share_the_rest_at_one_rate() {
        // eta would be 5.6 / 12.5 = 0.448, above winner 1's cap share 2 / 8 = 0.25; the rest, 3.6 over 4.5, is 0.8
        List<BigDecimal> x = Haircuts.cappedProRata(winners, decimals("2", "4", "0.5"), new BigDecimal("5.6"));

        assertThat(x).containsExactlyElementsOf(decimals("2", "3.2", "0.4"));
    }

    @Test
    void capped_amounts_sum_exactly_to_the_budget_when_the_rate_does_not_terminate() {
        // after winner 1's cap of 2, eta = 4 / 4.5 = 8/9: 3.5555... and 0.4444... at 12 places, the last unit
        // of rounding to the largest endowment
        List<BigDecimal> x = Haircuts.cappedProRata(winners, decimals("2", "4", "0.5"), new BigDecimal("6"));

        assertThat(x).containsExactlyElementsOf(decimals("2", "3.555555555556", "0.444444444444"));
        assertThat(sum(x)).isEqualByComparingTo("6");
    }

    @Test
    void capped_two_binding_caps_are_both_paid_in_full() {
        // cap shares 0.125 and 0.2 are below the final rate, 1.9 / 4 = 0.475, that winner 2 pays
        List<BigDecimal> x = Haircuts.cappedProRata(winners, decimals("1", "4", "0.1"), new BigDecimal("3"));

        assertThat(x).containsExactlyElementsOf(decimals("1", "1.9", "0.1"));
        assertThat(sum(x)).isEqualByComparingTo("3");
    }

    @Test
    void capped_a_budget_above_the_caps_takes_every_cap_and_no_more() {
        List<BigDecimal> x = Haircuts.cappedProRata(winners, decimals("2", "1", "0.5"), new BigDecimal("7.5"));

        assertThat(x).containsExactlyElementsOf(decimals("2", "1", "0.5"));
    }

    /** h_i = x_i / w_i for the three winners of the toy example. */
    private List<BigDecimal> shares(List<BigDecimal> x) {
        List<BigDecimal> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) h.add(Money.clean(x.get(i).divide(w.get(i), 12, RoundingMode.HALF_EVEN)));
        return h;
    }

    private static List<BigDecimal> decimals(String... values) {
        List<BigDecimal> out = new ArrayList<>();
        for (String v : values) out.add(new BigDecimal(v));
        return out;
    }

    private static List<BigDecimal> minus(List<BigDecimal> a, List<BigDecimal> b) {
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(Money.clean(a.get(i).subtract(b.get(i))));
        return out;
    }

    private static BigDecimal sum(List<BigDecimal> xs) {
        return xs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
