package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.Shortfall;
import org.deleveraging.support.Facts.CandidateBuilder;
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
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("700000.01").build()))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"));
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("700000").build()))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"));
    }

    @Test
    void WF_OKX_020_ADL_at_the_mark_takes_the_size_an_intact_fund_could_not_cover() {
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("700000.01").build()))
                .containsExactly(tuple(Layer.INSURANCE_FUND, 10, "WF-OKX-010"), tuple(Layer.ADL, 20, "WF-OKX-020"));
        assertThat(layers(shortfall().unfilled("0").build(), fund().peak("1000000").balance("700000.01").build()))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-OKX-020"));
    }

    @Test
    void WF_OKX_030_a_fund_down_30_percent_from_its_peak_is_skipped_for_ADL_at_the_mark() {
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("700000").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-OKX-030"));
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("700000.01").build()))
                .doesNotContain(tuple(Layer.ADL, 20, "WF-OKX-030"));
    }

    @Test
    void WF_OKX_030_an_emptied_fund_has_dropped_100_percent() {
        assertThat(layers(shortfall().unfilled("10").build(), fund().peak("1000000").balance("0").build()))
                .containsExactly(tuple(Layer.ADL, 20, "WF-OKX-030"));
    }

    @Test
    void RANK_OKX_010_a_winner_ranks_by_roi_over_margin_ratio() {
        // ROI 10 / 100 = 0.1; margin ratio = equity 50 / maintenance 5 = 10
        AdlCandidate winner = longFrom100(1).mark("110").equity("50").build();
        AdlCandidate loser = longFrom100(2).mark("90").equity("50").build();

        assertThat(rules.rank(List.of(winner, loser))).filteredOn(s -> s.getRuleId().equals("RANK-OKX-010"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getRef()).isEqualTo(1);
                    assertThat(s.getScore()).isCloseTo(0.01, within(1e-15));
                });
    }

    @Test
    void RANK_OKX_020_a_loser_ranks_by_roi_times_margin_ratio_so_the_thinner_margin_ranks_higher() {
        AdlCandidate safeLoser = longFrom100(1).mark("90").equity("50").build();       // -0.1 x 10 = -1.0
        AdlCandidate thinLoser = longFrom100(2).mark("90").equity("10").build();       // -0.1 x 2 = -0.2
        AdlCandidate winner = longFrom100(3).mark("110").equity("50").build();

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

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .sorted(java.util.Comparator.comparingInt(l -> l.getOrder()))
                .map(l -> tuple(l.getLayer(), l.getOrder(), l.getRuleId())).toList();
    }

    /** A cross long of 1 entered at 100, alone in an account with maintenance 5. */
    private static CandidateBuilder longFrom100(int ref) { return candidate().ref(ref).entry("100").maintenance("5"); }
}
