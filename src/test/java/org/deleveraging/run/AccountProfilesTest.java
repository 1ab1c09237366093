package org.deleveraging.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

class AccountProfilesTest {
    final AccountSet set = set(List.of(linear("BTC"), linear("SOL")), List.of(
            cross("long", "1000", pos("BTC", Side.LONG, "10", "100")),
            cross("short", "500", pos("BTC", Side.SHORT, "5", "110"), pos("SOL", Side.SHORT, "20", "10")),
            isolatedAccount("isolated", "100", isolated("SOL", Side.LONG, "100", "10", "250")),
            cross("under", "10", pos("BTC", Side.LONG, "10", "120")),
            cross("flat", "42")));

    /** BTC 100 -> 97 -> 87 -> 91; SOL 10 -> 9 -> 8 -> 9: the middle step is furthest from the start. */
    final Scenario scenario = new Scenario("s", "", 1, List.of(
            step("100", "10"), step("97", "9"), step("87", "8"), step("91", "9")), Map.of(), Map.of());

    static ScenarioStep step(String btc, String sol) {
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        marks.put("BTC", d(btc));
        marks.put("SOL", d(sol));
        return new ScenarioStep(marks, Map.of());
    }

    final Map<String, AccountProfile> profiles = AccountProfiles.of(set, scenario);

    @Test
    void the_stress_step_is_the_one_furthest_from_the_start() {
        assertThat(AccountProfiles.stressStep(scenario).marks().get("BTC")).isEqualByComparingTo("87");
    }

    @Test
    void leverage_is_notional_over_equity_at_the_start_marks() {
        assertThat(profiles.get("long").equity()).isEqualByComparingTo("1000");
        assertThat(profiles.get("long").leverage()).isEqualByComparingTo("1");
        // equity 500 + 5 x (110 - 100) + 0 = 550 over notional 500 + 200 = 700
        assertThat(profiles.get("short").equity()).isEqualByComparingTo("550");
        assertThat(profiles.get("short").leverage())
                .isEqualByComparingTo(d("700").divide(d("550"), 12, java.math.RoundingMode.HALF_EVEN));
    }

    @Test
    void an_isolated_positions_margin_is_part_of_the_accounts_equity() {
        assertThat(profiles.get("isolated").equity()).isEqualByComparingTo("350");
        assertThat(profiles.get("isolated").leverage())
                .isEqualByComparingTo(d("1000").divide(d("350"), 12, java.math.RoundingMode.HALF_EVEN));
    }

    @Test
    void an_account_under_water_at_the_start_has_no_leverage_and_one_without_positions_has_none_at_all() {
        // 10 + 10 x (100 - 120) = -190
        assertThat(profiles.get("under").leverage()).isNull();
        assertThat(profiles.get("flat").leverage()).isEqualByComparingTo("0");
    }

    @Test
    void profit_is_against_entry_at_the_stress_marks_so_shorts_win_a_crash() {
        assertThat(profiles.get("long").profit()).isEqualByComparingTo("-130");
        // 5 x (110 - 87) + 20 x (10 - 8)
        assertThat(profiles.get("short").profit()).isEqualByComparingTo("155");
        assertThat(profiles.get("short").winner()).isTrue();
        assertThat(profiles.get("flat").winner()).isFalse();
    }

    @Test
    void every_account_of_the_set_has_a_profile_in_the_sets_order() {
        assertThat(profiles.keySet()).containsExactly("long", "short", "isolated", "under", "flat");
    }
}
