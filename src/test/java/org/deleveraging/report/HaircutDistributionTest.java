package org.deleveraging.report;

import org.deleveraging.run.AccountProfile;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HaircutDistributionTest {

    static AccountProfile levered(String id, String leverage) {
        return new AccountProfile(id, BigDecimal.TEN, leverage == null ? null : new BigDecimal(leverage),
                BigDecimal.ZERO);
    }

    @Test
    void leverage_bands_run_from_under_water_to_fifty_times_and_above() {
        assertThat(HaircutDistribution.leverageLabels())
                .containsExactly("under water", "< 2x", "2-5x", "5-10x", "10-20x", "20-50x", ">= 50x");
    }

    @Test
    void a_band_includes_its_lower_bound_and_excludes_its_upper_bound() {
        assertThat(HaircutDistribution.leverageBand(levered("a", "1.999"))).isEqualTo("< 2x");
        assertThat(HaircutDistribution.leverageBand(levered("b", "2"))).isEqualTo("2-5x");
        assertThat(HaircutDistribution.leverageBand(levered("c", "49.99"))).isEqualTo("20-50x");
        assertThat(HaircutDistribution.leverageBand(levered("d", "50"))).isEqualTo(">= 50x");
        assertThat(HaircutDistribution.leverageBand(levered("e", null))).isEqualTo("under water");
    }

    @Test
    void haircuts_are_summed_per_band_with_the_accounts_that_paid() {
        List<AccountProfile> ps = List.of(levered("a", "3"), levered("b", "4"), levered("c", "12"), levered("d", "1"));
        Map<String,
                BigDecimal> h = Map.of("a", new BigDecimal("5"), "b", new BigDecimal("-2"), "c", new BigDecimal("7.5"));
        List<Bucket> buckets = HaircutDistribution.byLeverage(ps, h);
        assertThat(buckets).extracting(Bucket::label).containsExactlyElementsOf(HaircutDistribution.leverageLabels());
        assertThat(buckets.get(2)).isEqualTo(new Bucket("2-5x", 2, 1, new BigDecimal("5")));
        assertThat(buckets.get(4).haircut()).isEqualByComparingTo("7.5");
        assertThat(buckets.get(1)).isEqualTo(new Bucket("< 2x", 1, 0, BigDecimal.ZERO));
    }

    /** Twenty accounts, P01 lost most ... P20 won most. */
    static List<AccountProfile> twenty() {
        List<AccountProfile> out = new ArrayList<>();
        for (int i = 20; i >= 1; i--) out.add(
                new AccountProfile(String.format("P%02d", i), BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.valueOf(i - 10)));
        return out;
    }

    @Test
    void the_first_decile_holds_the_largest_losses_and_the_last_the_largest_profits() {
        Map<String, Integer> d = HaircutDistribution.profitDeciles(twenty());
        assertThat(d).containsEntry("P01", 1).containsEntry("P02", 1).containsEntry("P03", 2)
                .containsEntry("P19", 10).containsEntry("P20", 10);
    }

    @Test
    void haircuts_are_summed_per_profit_decile() {
        Map<String, BigDecimal> h = new HashMap<>();
        h.put("P20", new BigDecimal("100"));
        h.put("P19", new BigDecimal("50"));
        h.put("P18", new BigDecimal("1"));
        List<Bucket> buckets = HaircutDistribution.byProfitDecile(twenty(), h);
        assertThat(buckets).hasSize(10);
        assertThat(buckets.get(9)).isEqualTo(new Bucket("D10 largest profits", 2, 2, new BigDecimal("150")));
        assertThat(buckets.get(8)).isEqualTo(new Bucket("D9", 2, 1, new BigDecimal("1")));
        assertThat(buckets.get(0).label()).isEqualTo("D1 largest losses");
    }
}
