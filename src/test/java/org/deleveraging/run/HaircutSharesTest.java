package org.deleveraging.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HaircutSharesTest {

    static AccountProfile profile(String id, String profit) {
        return new AccountProfile(id, new BigDecimal("1000"), BigDecimal.ONE, new BigDecimal(profit));
    }

    static Map<String, BigDecimal> haircuts(String... idAndAmount) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < idAndAmount.length; i += 2) out.put(idAndAmount[i], new BigDecimal(idAndAmount[i + 1]));
        return out;
    }

    /** Ten winners W01..W10 with profits 100, 90, ..., 10, and one loser. */
    static List<AccountProfile> tenWinnersAndALoser() {
        List<AccountProfile> out = new ArrayList<>();
        for (int i = 1; i <= 10; i++) out.add(profile(String.format("W%02d", i), String.valueOf(110 - 10 * i)));
        out.add(profile("L", "-500"));
        return out;
    }

    @Test
    void the_top_tenth_of_ten_winners_is_the_single_largest_winner() {
        var h = haircuts("W01", "60", "W02", "30", "L", "10");
        assertThat(HaircutShares.topWinnersShare(h, tenWinnersAndALoser(), new BigDecimal("0.10")))
                .isEqualByComparingTo("0.6");
    }

    @Test
    void winners_are_ranked_by_profit_not_by_the_haircut_they_took() {
        var h = haircuts("W01", "10", "W02", "90");
        assertThat(HaircutShares.topWinnersShare(h, tenWinnersAndALoser(), new BigDecimal("0.10")))
                .isEqualByComparingTo("0.1");
    }

    @Test
    void the_top_one_percent_of_a_few_winners_is_still_one_account() {
        var h = haircuts("W01", "25", "W05", "75");
        assertThat(HaircutShares.topWinnersShare(h, tenWinnersAndALoser(), new BigDecimal("0.01")))
                .isEqualByComparingTo("0.25");
    }

    @Test
    void equal_profits_are_ranked_by_account_id() {
        List<AccountProfile> tied = List.of(profile("B", "50"), profile("A", "50"));
        var h = haircuts("A", "1", "B", "3");
        assertThat(HaircutShares.topWinnersShare(h, tied, new BigDecimal("0.5"))).isEqualByComparingTo("0.25");
    }

    @Test
    void a_negative_haircut_counts_as_none() {
        var h = haircuts("W01", "-40", "W02", "20");
        assertThat(HaircutShares.total(h)).isEqualByComparingTo("20");
        assertThat(HaircutShares.topWinnersShare(h, tenWinnersAndALoser(), new BigDecimal("0.10")))
                .isEqualByComparingTo("0");
    }

    @Test
    void without_any_haircut_there_is_no_share_and_no_index() {
        var h = haircuts("W01", "0", "W02", "-3");
        assertThat(HaircutShares.topWinnersShare(h, tenWinnersAndALoser(), new BigDecimal("0.10"))).isNull();
        assertThat(HaircutShares.concentration(h)).isNull();
        assertThat(HaircutShares.effectiveAccounts(null)).isNull();
    }

    @Test
    void one_account_bearing_everything_is_full_concentration() {
        var h = haircuts("A", "70", "B", "0", "C", "-5");
        assertThat(HaircutShares.concentration(h)).isEqualByComparingTo("1");
        assertThat(HaircutShares.effectiveAccounts(BigDecimal.ONE)).isEqualByComparingTo("1");
    }

    @Test
    void four_equal_haircuts_read_as_four_accounts() {
        var h = haircuts("A", "5", "B", "5", "C", "5", "D", "5");
        BigDecimal hhi = HaircutShares.concentration(h);
        assertThat(hhi).isEqualByComparingTo("0.25");
        assertThat(HaircutShares.effectiveAccounts(hhi)).isEqualByComparingTo("4.0");
    }

    @Test
    void unequal_haircuts_are_more_concentrated_than_equal_ones() {
        // shares 0.75 and 0.25: 0.5625 + 0.0625
        assertThat(HaircutShares.concentration(haircuts("A", "30", "B", "10"))).isEqualByComparingTo("0.625");
    }
}
