package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the okx policy's own modules, each with a near miss (OKX's ADL introduction,
 * https://www.okx.com/help/iv-introduction-to-auto-deleveraging-adl; the ranking is a third-party paraphrase,
 * UNVERIFIED). Liquidation
 * reuses rules/liquidation/tier-step-down.drl. The fund's window peak is 1,000,000, so a balance of 700,000 is a
 * drop of exactly 30%.
 */
class OkxRulesTest {
    private final Decisions rules = policy("okx").newDecisions();

    @Test
    void WF_OKX_010_the_fund_pays_until_it_has_dropped_30_percent_from_its_peak() {
        assertThat(layers(shortfall("10"), fund("700000.01"))).contains(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"));
        assertThat(layers(shortfall("10"), fund("700000")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"));
    }

    @Test
    void WF_OKX_020_ADL_at_the_mark_takes_the_size_an_intact_fund_could_not_cover() {
        assertThat(layers(shortfall("10"), fund("700000.01")))
                .containsExactly(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"), tuple(Layer.ADL, 20, "WF-OKX-020"));
        assertThat(layers(shortfall("0"), fund("700000.01"))).doesNotContain(tuple(Layer.ADL, 20, "WF-OKX-020"));
    }

    @Test
    void WF_OKX_030_a_fund_down_30_percent_from_its_peak_is_skipped_for_ADL_at_the_mark() {
        assertThat(layers(shortfall("10"), fund("700000"))).containsExactly(tuple(Layer.ADL, 20, "WF-OKX-030"));
        assertThat(layers(shortfall("10"), fund("700000.01"))).doesNotContain(tuple(Layer.ADL, 20, "WF-OKX-030"));
    }

    @Test
    void WF_OKX_030_an_emptied_fund_has_dropped_100_percent() {
        assertThat(layers(shortfall("10"), fund("0"))).containsExactly(tuple(Layer.ADL, 20, "WF-OKX-030"));
    }

    @Test
    void RANK_OKX_010_a_winner_ranks_by_roi_over_margin_ratio() {
        // ROI 10 / 100 = 0.1; margin ratio = equity 50 / maintenance 5 = 10
        AdlCandidate winner = candidate(1, "110", "50");
        AdlCandidate loser = candidate(2, "90", "50");

        assertThat(rules.rank(List.of(winner, loser))).filteredOn(s -> s.getRuleId().equals("RANK-OKX-010"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getRef()).isEqualTo(1);
                    assertThat(s.getScore()).isCloseTo(0.01, within(1e-15));
                });
    }

    @Test
    void RANK_OKX_020_a_loser_ranks_by_roi_times_margin_ratio_so_the_thinner_margin_ranks_higher() {
        AdlCandidate safeLoser = candidate(1, "90", "50");       // -0.1 x 10 = -1.0
        AdlCandidate thinLoser = candidate(2, "90", "10");       // -0.1 x 2 = -0.2
        AdlCandidate winner = candidate(3, "110", "50");

        List<AdlScore> scores = rules.rank(List.of(safeLoser, thinLoser, winner)).stream()
                .filter(s -> s.getRuleId().equals("RANK-OKX-020"))
                .sorted(java.util.Comparator.comparingInt(AdlScore::getRef)).toList();

        assertThat(scores).extracting(AdlScore::getRef).containsExactly(1, 2);
        assertThat(scores.get(0).getScore()).isCloseTo(-1.0, within(1e-12));
        assertThat(scores.get(1).getScore()).isCloseTo(-0.2, within(1e-12));
    }

    @Test
    void aave_tiers_step_up_after_1000_contracts_read_at_10_usdt_each() {
        MarginSchedule aave = policy("okx").settings().margin().forMarket("AAVEUSDT");

        assertThat(aave.tierFor(d("10000")).maintenanceRate()).isEqualByComparingTo("0.0065");
        assertThat(aave.tierFor(d("10000.01")).maintenanceRate()).isEqualByComparingTo("0.01");
        assertThat(aave.tierFor(d("80000.01")).maintenanceRate()).isEqualByComparingTo("0.02");
    }

    private static Shortfall shortfall(String size) {
        return new Shortfall(1, "bankrupt", "BTCUSDT", "USDT", d(size), d(size).multiply(d("40000")), d("50000"), 1);
    }

    private static FundState fund(String balance) {
        return new FundState("BTCUSDT", true, d(balance), d("1000000"), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, new BackstopState("USDT", false, BigDecimal.ZERO)).stream()
                .sorted(java.util.Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    /** A cross long of 1 entered at 100, alone in an account with maintenance 5. */
    private static AdlCandidate candidate(int ref, String mark, String equity) {
        BigDecimal upnl = d(mark).subtract(d("100"));
        return new AdlCandidate(ref, ref, "acct" + ref, "BTCUSDT", "LONG", BigDecimal.ONE, d("100"), d(mark), d(mark),
                d("100"), upnl, d(equity), upnl, d("5"), d(mark), false);
    }
}
