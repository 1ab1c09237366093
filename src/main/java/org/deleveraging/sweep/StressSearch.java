package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.deleveraging.input.InputException;

/**
 * A reverse stress test's search: the smallest severity of a scenario ({@code scenario/ScenarioVariant}) at which a
 * line is crossed, found by bisection, one run per probe.
 *
 * <p>The recipe: probe the lower end (crossed there: "crossed already at it"); then scan upwards in {@link #SCAN}
 * equal steps to the upper end, stopping at the first scanned severity that crosses (none: "not crossed at any scanned
 * severity up to it"); then halve the bracket [last scanned severity not crossing, first crossing] until it is no
 * wider than the tolerance. The threshold is the bracket's upper end.
 *
 * <p><b>Why a scan before the bisection.</b> Nothing makes a run's figures monotone in the severity: a harsher crash
 * can liquidate accounts earlier, while they still have equity, or give winners more profit to claw back, and leave
 * less bad debt (capped-pro-rata over the demo set leaves bad debt at oct-10 as written and none at 3.8 times it). A
 * bisection from the two ends would find a crossing near the top and miss the first one; the scan finds the first
 * crossing on its grid, and the bisection refines it. A line crossed and uncrossed again within one scan step can still
 * be missed. What the probes saw of non-monotonicity is kept ({@link Outcome#contradictions()}): a probe whose figure
 * is milder than that of a probe at a lower severity.
 *
 * <p>The search takes the probe as a function, so that it is tested without the engine.
 */
public final class StressSearch {
    /** A hard bound on the number of probes, whatever the range and tolerance. */
    public static final int MAX_PROBES = 40;
    /** The scan's steps from the lower end to the upper. */
    public static final int SCAN = 8;

    private StressSearch() {}

    /**
     * What one probe saw.
     *
     * @param applies false when the line means nothing for this policy (fund-exhausted without a fund)
     * @param crossed whether the line is crossed
     * @param figure the figure tested, larger meaning harsher: what monotonicity is checked on
     * @param text the figure as the output shows it
     */
    public record Reading(boolean applies, boolean crossed, double figure, String text) {
        public static Reading of(boolean crossed, double figure, String text) {
            return new Reading(true, crossed, figure, text);
        }

        public static Reading inapplicable(String why) { return new Reading(false, false, 0, why); }
    }

    /** A probe: its place in order (from 1), the severity and what it saw. */
    public record Probe(int number, BigDecimal severity, Reading reading) {
        public boolean crossed() { return reading.crossed(); }
    }

    public enum Verdict {
        /** a threshold in a bracket no wider than the tolerance */
        FOUND,
        /** no scanned severity crosses, the upper end included */
        NOT_CROSSED,
        /** the lower end crosses already */
        CROSSED_AT_FROM,
        /** the line means nothing for this policy */
        NOT_APPLICABLE
    }

    /** Two probes whose figures go the wrong way: {@code higher} is harsher than {@code lower} and saw less. */
    public record Contradiction(Probe lower, Probe higher) {}

    /**
     * @param below the bracket's lower end: the largest probed severity that did not cross (FOUND only)
     * @param threshold the smallest probed severity that crossed (FOUND and CROSSED_AT_FROM)
     */
    public record Outcome(Verdict verdict, BigDecimal from, BigDecimal to, BigDecimal tolerance, BigDecimal below,
                          BigDecimal threshold, List<Probe> probes) {
        public Outcome {
            probes = List.copyOf(probes);
        }

        /** The probe at the threshold, if there is one. */
        public Optional<Probe> thresholdProbe() {
            if (threshold == null) return Optional.empty();
            return probes.stream().filter(p -> p.severity().compareTo(threshold) == 0).findFirst();
        }

        /**
         * For each probe whose figure is below that of a probe at a lower severity, the harshest such lower probe:
         * the evidence of non-monotonicity the search saw (its flags cannot disagree, its figures can).
         */
        public List<Contradiction> contradictions() {
            List<Contradiction> out = new ArrayList<>();
            for (Probe high : probes) {
                if (!high.reading().applies()) continue;
                Probe worst = null;
                for (Probe low : probes)
                    if (low.reading().applies() && low.severity().compareTo(high.severity()) < 0
                            && milder(high.reading().figure(), low.reading().figure())
                            && (worst == null || low.reading().figure() > worst.reading().figure()))
                        worst = low;
                if (worst != null) out.add(new Contradiction(worst, high));
            }
            return out;
        }
    }

    /** Below by more than a double's rounding: 100 % of equity computed two ways is the same 100 %. */
    static boolean milder(double figure, double than) {
        return than - figure > 1e-9 * Math.max(1, Math.abs(than));
    }

    /**
     * The most probes a search of {@code [from, to]} to {@code tolerance} makes: the lower end, the scan's steps, then
     * one per halving of a step, and one more for the rounding of midpoints to a digit below the tolerance's; never
     * more than {@link #MAX_PROBES}.
     */
    public static int maxProbes(BigDecimal from, BigDecimal to, BigDecimal tolerance) {
        double step = to.subtract(from).doubleValue() / SCAN;
        double halvings = Math.ceil(Math.log(step / tolerance.doubleValue()) / Math.log(2));
        return (int) Math.min(MAX_PROBES, 2 + SCAN + Math.max(0, halvings));
    }

    /**
     * Searches {@code [from, to]} for the smallest severity at which {@code probe} says the line is crossed.
     *
     * @param tolerance the widest bracket the search may end on (positive)
     */
    public static Outcome search(BigDecimal from, BigDecimal to, BigDecimal tolerance,
                                 Function<BigDecimal, Reading> probe) {
        if (from.signum() < 0) throw new InputException("--from is a severity, zero or more, not "
                + from.toPlainString());
        if (to.compareTo(from) <= 0) throw new InputException("--to (" + to.toPlainString() + ") must be above --from ("
                + from.toPlainString() + ")");
        if (tolerance.signum() <= 0) throw new InputException("--tolerance must be positive, not "
                + tolerance.toPlainString());
        int bound = maxProbes(from, to, tolerance);
        int scale = Math.max(0, tolerance.stripTrailingZeros().scale()) + 1;
        List<Probe> probes = new ArrayList<>();
        Probe lower = run(probes, from, probe);
        if (!lower.reading().applies())
            return new Outcome(Verdict.NOT_APPLICABLE, from, to, tolerance, null, null, probes);
        if (lower.crossed()) return new Outcome(Verdict.CROSSED_AT_FROM, from, to, tolerance, null, from, probes);
        BigDecimal lo = from;
        BigDecimal hi = null;
        BigDecimal step = to.subtract(from).divide(BigDecimal.valueOf(SCAN), scale, RoundingMode.HALF_EVEN);
        for (int i = 1; i <= SCAN && hi == null; i++) {
            Probe p = run(probes, i == SCAN ? to : from.add(step.multiply(BigDecimal.valueOf(i))), probe);
            if (p.crossed()) hi = p.severity();
            else lo = p.severity();
        }
        if (hi == null) return new Outcome(Verdict.NOT_CROSSED, from, to, tolerance, null, null, probes);
        while (hi.subtract(lo).compareTo(tolerance) > 0 && probes.size() < bound) {
            BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2), scale, RoundingMode.HALF_EVEN);
            if (mid.compareTo(lo) <= 0 || mid.compareTo(hi) >= 0) break;
            Probe p = run(probes, mid, probe);
            if (p.crossed()) hi = p.severity();
            else lo = p.severity();
        }
        return new Outcome(Verdict.FOUND, from, to, tolerance, lo, hi, probes);
    }

    private static Probe run(List<Probe> probes, BigDecimal severity, Function<BigDecimal, Reading> probe) {
        BigDecimal s = severity.stripTrailingZeros();
        if (s.scale() < 0) s = s.setScale(0);
        Probe p = new Probe(probes.size() + 1, s, probe.apply(s));
        probes.add(p);
        return p;
    }

    /** An amount for the output: two decimals, grouped. */
    static String money(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
    }
}
