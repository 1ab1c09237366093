package org.deleveraging.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;

class StressSearchTest {
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal TOL = new BigDecimal("0.01");

    /** Crossed from {@code at} on, its figure growing with the severity. */
    private static Function<BigDecimal, StressSearch.Reading> monotone(String at, List<BigDecimal> seen) {
        BigDecimal edge = new BigDecimal(at);
        return k -> {
            seen.add(k);
            return StressSearch.Reading.of(k.compareTo(edge) >= 0, k.doubleValue(), "figure " + k);
        };
    }

    @Test
    void a_monotone_line_is_found_within_the_tolerance_and_the_threshold_is_the_smallest_crossing_probe() {
        List<BigDecimal> seen = new ArrayList<>();
        StressSearch.Outcome o = StressSearch.search(ZERO, new BigDecimal("3.84"), TOL, monotone("1.2345", seen));

        assertThat(o.verdict()).isEqualTo(StressSearch.Verdict.FOUND);
        assertThat(o.below()).isLessThan(new BigDecimal("1.2345"));
        assertThat(o.threshold()).isGreaterThanOrEqualTo(new BigDecimal("1.2345"));
        assertThat(o.threshold().subtract(o.below())).isLessThanOrEqualTo(TOL);
        // the lower end, then the scan 0.48, 0.96, 1.44 (crossed), then the bisection of [0.96, 1.44]
        assertThat(o.probes()).extracting(StressSearch.Probe::severity).startsWith(new BigDecimal("0"),
                new BigDecimal("0.48"), new BigDecimal("0.96"), new BigDecimal("1.44"));
        assertThat(o.probes().stream().filter(StressSearch.Probe::crossed).map(StressSearch.Probe::severity)
                .min(BigDecimal::compareTo)).contains(o.threshold());
        assertThat(o.thresholdProbe()).isPresent();
        assertThat(o.contradictions()).isEmpty();
        assertThat(seen).hasSize(o.probes().size());
    }

    @Test
    void the_probe_count_is_bounded_by_the_halvings_the_range_and_tolerance_need() {
        for (String edge : List.of("0.001", "0.5", "1.999", "3.83")) {
            StressSearch.Outcome o = StressSearch.search(ZERO, new BigDecimal("3.84"), TOL,
                    monotone(edge, new ArrayList<>()));
            // a scan step of 0.48 / 0.01 = 48 needs 6 halvings: the lower end, 8 scan steps, then at most 6 + 1
            assertThat(o.probes()).hasSizeLessThanOrEqualTo(StressSearch.maxProbes(ZERO, new BigDecimal("3.84"), TOL))
                    .hasSizeLessThanOrEqualTo(16);
            assertThat(o.threshold().subtract(o.below())).isLessThanOrEqualTo(TOL);
        }
        assertThat(StressSearch.maxProbes(ZERO, BigDecimal.valueOf(1000), new BigDecimal("1E-30")))
                .isEqualTo(StressSearch.MAX_PROBES);
    }

    @Test
    void a_coarser_tolerance_takes_fewer_probes_and_a_wider_bracket() {
        StressSearch.Outcome fine = StressSearch.search(ZERO, BigDecimal.valueOf(4), TOL, monotone("1.3",
                new ArrayList<>()));
        StressSearch.Outcome coarse = StressSearch.search(ZERO, BigDecimal.valueOf(4), new BigDecimal("0.5"),
                monotone("1.3", new ArrayList<>()));
        assertThat(coarse.probes().size()).isLessThan(fine.probes().size());
        assertThat(coarse.threshold().subtract(coarse.below())).isLessThanOrEqualTo(new BigDecimal("0.5"))
                .isGreaterThan(TOL);
    }

    @Test
    void a_line_never_crossed_is_said_so_after_the_scan_reaches_the_upper_end() {
        StressSearch.Outcome o = StressSearch.search(ZERO, new BigDecimal("3.84"), TOL, monotone("5",
                new ArrayList<>()));
        assertThat(o.verdict()).isEqualTo(StressSearch.Verdict.NOT_CROSSED);
        assertThat(o.probes()).hasSize(1 + StressSearch.SCAN);
        assertThat(o.probes().get(StressSearch.SCAN).severity()).isEqualByComparingTo("3.84");
        assertThat(o.threshold()).isNull();
    }

    @Test
    void a_line_crossed_at_the_lower_end_is_said_so_after_one_probe() {
        StressSearch.Outcome o = StressSearch.search(new BigDecimal("0.5"), new BigDecimal("2"), TOL,
                monotone("0.2", new ArrayList<>()));
        assertThat(o.verdict()).isEqualTo(StressSearch.Verdict.CROSSED_AT_FROM);
        assertThat(o.probes()).extracting(StressSearch.Probe::severity)
                .containsExactly(new BigDecimal("0.5"));
        assertThat(o.threshold()).isEqualByComparingTo("0.5");
    }

    @Test
    void a_line_that_does_not_apply_stops_at_the_first_probe() {
        StressSearch.Outcome o = StressSearch.search(ZERO, BigDecimal.ONE, TOL,
                k -> StressSearch.Reading.inapplicable("no fund"));
        assertThat(o.verdict()).isEqualTo(StressSearch.Verdict.NOT_APPLICABLE);
        assertThat(o.probes()).hasSize(1);
    }

    /**
     * Crossed on [0.5, 0.7] and from 1.5 on; its figure rises to 0.7, falls back to 0.1 at 1.3, then rises again. The
     * scan of [0, 4] probes 0, 0.5 (crossed) and the bisection of [0, 0.5] ends at 0.5: the first crossing, which a
     * bisection from the two ends (4, 0, 2, 1, 1.5, ...) would have missed for 1.5. Over [0.8, 4] the scan steps over
     * the dip: 1.2 is not crossed, 1.6 is, and 1.2's figure below 0.8's is what it saw of the dip.
     */
    @Test
    void a_non_monotone_line_is_found_at_its_first_crossing_on_the_scan_and_its_contradictions_are_reported() {
        Function<BigDecimal, StressSearch.Reading> bumpy = k -> {
            double s = k.doubleValue();
            boolean crossed = s >= 0.5 && s <= 0.7 || s >= 1.5;
            double figure = s <= 0.7 ? s : s < 1.5 ? Math.abs(0.7 - (s - 0.7)) : s;
            return StressSearch.Reading.of(crossed, figure, "figure " + figure);
        };
        StressSearch.Outcome first = StressSearch.search(ZERO, BigDecimal.valueOf(4), TOL, bumpy);
        assertThat(first.verdict()).isEqualTo(StressSearch.Verdict.FOUND);
        assertThat(first.threshold()).isBetween(new BigDecimal("0.5"), new BigDecimal("0.51"));

        StressSearch.Outcome o = StressSearch.search(new BigDecimal("0.8"), BigDecimal.valueOf(4), TOL, bumpy);
        assertThat(o.threshold()).isBetween(new BigDecimal("1.5"), new BigDecimal("1.51"));
        assertThat(o.probes()).noneMatch(p -> !p.crossed() && p.severity().compareTo(o.threshold()) > 0);
        assertThat(o.contradictions()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.lower().severity()).isLessThan(c.higher().severity());
            assertThat(c.lower().reading().figure()).isGreaterThan(c.higher().reading().figure());
        });
        assertThat(o.contradictions()).anySatisfy(c -> {
            assertThat(c.lower().severity()).isEqualByComparingTo("0.8");
            assertThat(c.higher().severity()).isEqualByComparingTo("1.2");
        });
        StressSearch.Outcome flat = StressSearch.search(ZERO, BigDecimal.valueOf(4), TOL,
                k -> StressSearch.Reading.of(k.doubleValue() >= 1, k.doubleValue() >= 1 ? 1 - k.doubleValue() * 1e-15
                        : 0, "100 % or 0 %"));
        assertThat(flat.contradictions()).as("the same figure but for a double's rounding").isEmpty();
        assertThat(StressSearch.search(new BigDecimal("0.6"), BigDecimal.valueOf(4), TOL, bumpy).verdict())
                .isEqualTo(StressSearch.Verdict.CROSSED_AT_FROM);
    }

    @Test
    void a_bad_range_or_tolerance_is_a_user_error() {
        Function<BigDecimal, StressSearch.Reading> never = k -> StressSearch.Reading.of(false, 0, "");
        assertThatThrownBy(() -> StressSearch.search(BigDecimal.ONE, BigDecimal.ONE, TOL, never))
                .isInstanceOf(InputException.class).hasMessageContaining("--to");
        assertThatThrownBy(() -> StressSearch.search(ZERO, BigDecimal.ONE, ZERO, never))
                .isInstanceOf(InputException.class).hasMessageContaining("--tolerance");
        assertThatThrownBy(() -> StressSearch.search(BigDecimal.valueOf(-1), BigDecimal.ONE, TOL, never))
                .isInstanceOf(InputException.class).hasMessageContaining("--from");
    }

    @Test
    void the_until_lines_parse_and_a_near_miss_is_refused() {
        assertThat(StressLine.parse("bad-debt").kind()).isEqualTo(StressLine.Kind.BAD_DEBT);
        assertThat(StressLine.parse("fund-exhausted").kind()).isEqualTo(StressLine.Kind.FUND_EXHAUSTED);
        assertThat(StressLine.parse("adl").kind()).isEqualTo(StressLine.Kind.ADL);
        StressLine haircut = StressLine.parse("max-haircut>12.5%");
        assertThat(haircut.haircutShare()).isEqualByComparingTo("0.125");
        assertThat(haircut.name()).isEqualTo("max-haircut>12.5%");
        assertThatThrownBy(() -> StressLine.parse("max-haircut>150%")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> StressLine.parse("bad_debt")).isInstanceOf(InputException.class)
                .hasMessageContaining("bad-debt, fund-exhausted, adl or max-haircut>X%");
    }

    @Test
    void the_default_upper_end_is_just_below_the_severity_limit() {
        assertThat(StressTests.defaultTo(new BigDecimal("3.846153846153"))).isEqualByComparingTo("3.84");
        assertThat(StressTests.defaultTo(new BigDecimal("4"))).isEqualByComparingTo("3.99");
        assertThat(StressTests.defaultTo(null)).isEqualByComparingTo("10");
    }
}
