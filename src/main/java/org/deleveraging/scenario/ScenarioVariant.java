package org.deleveraging.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;

/**
 * A scenario made milder or harsher by one number, and its insurance funds made larger or smaller by another: what a
 * sweep varies and a reverse stress test searches.
 *
 * <p><b>Severity k</b> scales the shock and the thinning of the books together. Every later step's move from the start
 * mark is multiplied by k ({@code mark_k = start + k x (mark - start)}), and every depth multiplier d becomes
 * {@code d^k}: at k = 2 a move of -13 % is -26 % and a book a hundred times thinner is ten thousand times thinner; at
 * k = 0.5 the move is -6.5 % and the book ten times thinner; k = 1 is the scenario as written. The start marks, the
 * funds, the backstop and the seed do not move. A severity that would take a mark to zero or below is refused
 * ({@link #severityLimit} is the bound).
 *
 * <p><b>Fund scale f</b> multiplies every opening fund the scenario gives, amounts and shares of open interest alike.
 *
 * <p>Depth is raised to k with {@link StrictMath}, so that every JVM (a Spark executor's too) computes the same bits.
 */
public final class ScenarioVariant {
    private static final MathContext DEPTH_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);
    private static final BigDecimal SMALLEST_DEPTH = new BigDecimal("1E-12");

    private ScenarioVariant() {}

    /** The scenario at severity {@code k}; {@code k = 1} returns it as it is. */
    public static Scenario scaled(Scenario s, BigDecimal k) {
        if (k.signum() < 0) throw new IllegalArgumentException("a severity is zero or more, not " + k.toPlainString());
        if (k.compareTo(BigDecimal.ONE) == 0) return s;
        Map<String, BigDecimal> start = s.steps().get(0).marks();
        List<ScenarioStep> steps = new java.util.ArrayList<>();
        steps.add(s.steps().get(0));
        for (int i = 1; i < s.steps().size(); i++) {
            ScenarioStep step = s.steps().get(i);
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            for (var e : step.marks().entrySet()) {
                BigDecimal from = start.get(e.getKey());
                BigDecimal mark = Money.clean(from.add(k.multiply(e.getValue().subtract(from))));
                if (mark.signum() <= 0)
                    throw new IllegalArgumentException("severity " + k.stripTrailingZeros().toPlainString()
                            + " takes " + e.getKey() + " to " + mark.toPlainString() + " at step " + i + " of "
                            + s.name() + "; its severities stay below "
                            + severityLimit(s).stripTrailingZeros().toPlainString());
                marks.put(e.getKey(), mark);
            }
            Map<String, BigDecimal> depth = new LinkedHashMap<>();
            for (var e : step.depthMultipliers().entrySet()) depth.put(e.getKey(), depth(e.getValue(), k));
            steps.add(new ScenarioStep(marks, depth));
        }
        return new Scenario(name(s.name(), "x", k), s.description() + " (severity x"
                + k.stripTrailingZeros().toPlainString() + ")", s.seed(), steps, s.insuranceFunds(),
                s.insuranceFundShares(), s.backstopCapital());
    }

    /**
     * The severity at which the first mark would reach zero: every severity below it is allowed. A scenario whose
     * marks only rise has none ({@code null}).
     */
    public static BigDecimal severityLimit(Scenario s) {
        Map<String, BigDecimal> start = s.steps().get(0).marks();
        BigDecimal limit = null;
        for (ScenarioStep step : s.steps().subList(1, s.steps().size()))
            for (var e : step.marks().entrySet()) {
                BigDecimal from = start.get(e.getKey());
                BigDecimal fall = from.subtract(e.getValue());
                if (fall.signum() <= 0) continue;
                BigDecimal k = from.divide(fall, 12, RoundingMode.FLOOR);
                if (limit == null || k.compareTo(limit) < 0) limit = k;
            }
        return limit;
    }

    /** The scenario with every opening fund multiplied by {@code f}; a share of open interest stays at most 100 %. */
    public static Scenario withFunds(Scenario s, BigDecimal f) {
        if (f.signum() < 0)
            throw new IllegalArgumentException("a fund scale is zero or more, not " + f.toPlainString());
        if (f.compareTo(BigDecimal.ONE) == 0) return s;
        Map<String, BigDecimal> funds = new LinkedHashMap<>();
        s.insuranceFunds().forEach((k, v) -> funds.put(k, Money.clean(v.multiply(f))));
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        s.insuranceFundShares().forEach((k, v) -> shares.put(k, Money.clean(v.multiply(f)).min(BigDecimal.ONE)));
        return new Scenario(name(s.name(), "fund", f), s.description() + " (insurance funds x"
                + f.stripTrailingZeros().toPlainString() + ")", s.seed(), s.steps(), funds, shares,
                s.backstopCapital());
    }

    /**
     * The scenario as YAML that {@link ScenarioReader} reads back to the same scenario: absolute marks, depth per
     * market. A run of a variant stores this text as its scenario, so that it reproduces without the sweep.
     */
    public static String yaml(Scenario s) {
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(s.name()).append('\n');
        y.append("description: '").append(s.description().replace("'", "''")).append("'\n");
        y.append("seed: ").append(s.seed()).append('\n');
        y.append("start: ").append(flow(s.steps().get(0).marks())).append('\n');
        y.append("steps:\n");
        for (ScenarioStep step : s.steps().subList(1, s.steps().size())) {
            y.append("  - marks: ").append(flow(step.marks())).append('\n');
            if (!step.depthMultipliers().isEmpty())
                y.append("    depth: ").append(flow(step.depthMultipliers())).append('\n');
        }
        if (!s.insuranceFunds().isEmpty()) y.append("insuranceFunds: ").append(flow(s.insuranceFunds())).append('\n');
        if (!s.insuranceFundShares().isEmpty())
            y.append("insuranceFundShare: ").append(flow(s.insuranceFundShares())).append('\n');
        if (!s.backstopCapital().isEmpty())
            y.append("backstopCapital: ").append(flow(s.backstopCapital())).append('\n');
        return y.toString();
    }

    private static String flow(Map<String, BigDecimal> values) {
        StringBuilder b = new StringBuilder("{ ");
        boolean first = true;
        for (var e : values.entrySet()) {
            if (!first) b.append(", ");
            first = false;
            String key = e.getKey();
            b.append(Scenario.EVERY_MARKET.equals(key) ? "'*'" : key).append(": ")
                    .append(e.getValue().toPlainString());
        }
        return b.append(" }").toString();
    }

    private static BigDecimal depth(BigDecimal d, BigDecimal k) {
        BigDecimal raised = new BigDecimal(StrictMath.pow(d.doubleValue(), k.doubleValue())).round(DEPTH_DIGITS);
        raised = raised.setScale(Math.min(raised.scale(), 12), RoundingMode.HALF_EVEN);
        return Money.clean(raised.max(SMALLEST_DEPTH));
    }

    private static String name(String base, String what, BigDecimal k) {
        return base + "-" + what + k.stripTrailingZeros().toPlainString();
    }
}
