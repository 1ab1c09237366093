package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deleveraging.support.SweepPoints;
import org.deleveraging.sweep.PointResult;
import org.junit.jupiter.api.Test;

/** Which points a committee sees on a frontier: lower is better on both axes, and only one stress is compared. */
class ParetoFrontierTest {
    record P(String name, double x, double y) {}

    static List<String> frontier(P... items) {
        return ParetoFrontier.of(List.of(items), P::x, P::y).stream().map(P::name).toList();
    }

    @Test
    void a_point_better_on_one_axis_and_no_worse_on_the_other_dominates() {
        assertThat(frontier(new P("a", 1, 1), new P("b", 2, 2))).containsExactly("a");
        // ties on one axis: the lower other axis wins
        assertThat(frontier(new P("a", 1, 2), new P("b", 1, 3))).containsExactly("a");
        assertThat(frontier(new P("a", 2, 1), new P("b", 3, 1))).containsExactly("a");
        assertThat(ParetoFrontier.dominates(1, 2, 1, 3)).isTrue();
        assertThat(ParetoFrontier.dominates(1, 2, 1, 2)).isFalse();
    }

    @Test
    void points_that_trade_one_axis_for_the_other_are_all_on_the_frontier() {
        assertThat(frontier(new P("a", 1, 3), new P("b", 2, 2), new P("c", 3, 1), new P("d", 3, 3)))
                .containsExactly("a", "b", "c");
    }

    @Test
    void points_equal_on_both_axes_do_not_dominate_each_other_and_share_their_place() {
        assertThat(frontier(new P("a", 1, 1), new P("b", 1, 1), new P("c", 0.5, 2))).containsExactly("a", "b", "c");
        assertThat(frontier(new P("a", 2, 2), new P("b", 2, 2), new P("c", 1, 1))).containsExactly("c");
    }

    @Test
    void a_single_point_is_its_own_frontier_and_nothing_has_none() {
        assertThat(frontier(new P("only", 0.4, 0.9))).containsExactly("only");
        assertThat(frontier()).isEmpty();
    }

    @Test
    void the_frontier_is_exactly_the_points_no_other_dominates() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<P> items = new ArrayList<>();
            // few distinct values, so that ties on one axis and equal points are common
            for (int i = 0; i < 1 + random.nextInt(12); i++)
                items.add(new P("p" + i, random.nextInt(4), random.nextInt(4)));
            List<P> expected = items.stream().filter(b -> items.stream()
                    .noneMatch(a -> ParetoFrontier.dominates(a.x(), a.y(), b.x(), b.y()))).toList();
            assertThat(ParetoFrontier.of(items, P::x, P::y)).as(items.toString()).isEqualTo(expected);
        }
    }

    @Test
    void each_stress_has_its_own_frontier_so_a_milder_crash_does_not_push_a_point_off() {
        List<PointResult> points = List.of(
                SweepPoints.at(1, "bitmex", "oct-10", 0.10, 0.20),
                SweepPoints.at(2, "okx", "oct-10", 0.30, 0.40), // dominated by 1 under the same stress
                SweepPoints.at(3, "bitmex", "flash-shock", 0.50, 0.60), // worse than both, but alone in its stress
                SweepPoints.at(4, "okx", "flash-shock", 0.70, 0.55));
        assertThat(SweepFrontiers.onFrontier(points, SweepMetric.BAD_DEBT, SweepMetric.MAX_HAIRCUT))
                .containsExactlyInAnyOrder(1, 3, 4);
        assertThat(SweepFrontiers.byContext(points).keySet()).extracting(StressContext::scenario)
                .containsExactly("oct-10", "flash-shock");
    }

    @Test
    void the_worst_case_takes_each_variants_worst_per_axis_over_the_stresses_and_has_its_own_frontier() {
        List<PointResult> points = List.of(
                SweepPoints.at(1, "bitmex", "oct-10", 0.10, 0.70),
                SweepPoints.at(2, "bitmex", "flash-shock", 0.50, 0.20),
                SweepPoints.at(3, "okx", "oct-10", 0.30, 0.30),
                SweepPoints.at(4, "okx", "flash-shock", 0.40, 0.35),
                SweepPoints.at(5, "binance", "oct-10", 0.45, 0.80),
                SweepPoints.at(6, "binance", "flash-shock", 0.60, 0.90));
        List<SweepFrontiers.Worst> worst = SweepFrontiers.worstCases(points, SweepMetric.BAD_DEBT,
                SweepMetric.MAX_HAIRCUT);

        SweepFrontiers.Worst bitmex = worst.get(0);
        assertThat(bitmex.variant()).isEqualTo("bitmex");
        assertThat(bitmex.x()).isEqualTo(0.50);
        assertThat(bitmex.xAt().scenario()).isEqualTo("flash-shock");
        assertThat(bitmex.y()).isEqualTo(0.70);
        assertThat(bitmex.yPoint()).isEqualTo(1);
        // bitmex (0.5, 0.7) and okx (0.4, 0.35): okx dominates in the worst case; binance is worse on both
        assertThat(SweepFrontiers.worstFrontier(worst)).extracting(SweepFrontiers.Worst::variant)
                .containsExactly("okx");
    }

    @Test
    void a_variant_not_finished_under_every_stress_is_left_out_of_the_worst_case() {
        List<PointResult> points = List.of(
                SweepPoints.at(1, "bitmex", "oct-10", 0.10, 0.10),
                SweepPoints.at(2, "bitmex", "flash-shock", 0.50, 0.20),
                SweepPoints.at(3, "okx", "oct-10", 0.01, 0.01));
        assertThat(SweepFrontiers.worstCases(points, SweepMetric.BAD_DEBT, SweepMetric.MAX_HAIRCUT))
                .extracting(SweepFrontiers.Worst::variant).containsExactly("bitmex");
        assertThat(SweepFrontiers.incompleteVariants(points)).containsExactly("okx");
    }

    @Test
    void the_page_opens_on_the_first_stress_at_severity_one() {
        List<StressContext> contexts = SweepFrontiers.byContext(SweepPoints.grid()).keySet().stream().toList();
        assertThat(contexts).hasSize(6);
        assertThat(contexts.get(0).label()).isEqualTo("demo oct-10, severity 1, fund x0.5, seed 7");
        assertThat(SweepFrontiers.defaultContext(contexts)).isEqualTo(contexts.get(0));
        assertThat(SweepFrontiers.defaultContext(contexts.subList(3, 6)).severity()).isEqualByComparingTo("2");
    }
}
