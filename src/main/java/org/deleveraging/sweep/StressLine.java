package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deleveraging.input.InputException;

/**
 * The line a reverse stress test looks for ({@code stress find --until}), read from a point's metrics. Each is crossed
 * or not by one comparison of one figure of {@link PointMetrics}, and each figure is the run summary's:
 * <ul>
 *   <li>{@code bad-debt}: bad debt (the shortfall no layer paid, written off) above zero;</li>
 *   <li>{@code fund-exhausted}: the insurance funds' balance, summed over every fund of the run as the step table's
 *       fund column, is at zero at the start or the end of some step ({@code fundMin <= 0}); only for a run whose
 *       funds held something at the start ({@code fundStart > 0}): for a policy without a fund (granularity
 *       {@code none}) or a scenario that gives none, the line does not apply. One market's fund running dry while
 *       another's holds is not this line (the {@code adl} line catches what it leads to);</li>
 *   <li>{@code adl}: at least one position closed by auto-deleveraging ({@code adlCount > 0});</li>
 *   <li>{@code max-haircut>X%}: the largest haircut (what ADL and socialised loss took from one account against the
 *       mark) over that account's equity just before it, above X %.</li>
 * </ul>
 *
 * @param haircutShare for {@code max-haircut}, X as a share (0.05 for 5 %); null otherwise
 */
public record StressLine(Kind kind, BigDecimal haircutShare) {
    private static final Pattern HAIRCUT = Pattern.compile("max-haircut>([0-9]+(?:\\.[0-9]+)?)%?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public enum Kind { BAD_DEBT, FUND_EXHAUSTED, ADL, MAX_HAIRCUT }

    /** The {@code --until} values, as {@code help} and an error show them. */
    public static final String CHOICES = "bad-debt, fund-exhausted, adl or max-haircut>X% (X a percentage of equity)";

    public static StressLine parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        switch (t) {
            case "bad-debt": return new StressLine(Kind.BAD_DEBT, null);
            case "fund-exhausted": return new StressLine(Kind.FUND_EXHAUSTED, null);
            case "adl": return new StressLine(Kind.ADL, null);
            default: break;
        }
        Matcher m = HAIRCUT.matcher(t);
        if (m.matches()) {
            BigDecimal pct = new BigDecimal(m.group(1));
            if (pct.compareTo(HUNDRED) >= 0)
                throw new InputException("--until max-haircut>X%: X is below 100 (a haircut is at most 100 % of "
                        + "equity), not " + pct.toPlainString());
            return new StressLine(Kind.MAX_HAIRCUT, pct.divide(HUNDRED).stripTrailingZeros());
        }
        throw new InputException("--until '" + text + "': one of " + CHOICES);
    }

    /** As the user writes it: {@code max-haircut>5%}. */
    public String name() {
        return switch (kind) {
            case BAD_DEBT -> "bad-debt";
            case FUND_EXHAUSTED -> "fund-exhausted";
            case ADL -> "adl";
            case MAX_HAIRCUT -> "max-haircut>" + percent() + "%";
        };
    }

    /** What crossing the line means, with its figure and denominator. */
    public String definition() {
        return switch (kind) {
            case BAD_DEBT -> "bad debt > 0 (the part of the shortfall no layer paid, written off)";
            case FUND_EXHAUSTED -> "the insurance funds' balance, summed over every fund, at zero at the start or end "
                    + "of some step (fund min <= 0, with fund at start > 0)";
            case ADL -> "ADL closes > 0 (at least one position closed by auto-deleveraging)";
            case MAX_HAIRCUT -> "largest haircut > " + percent() + " % of that account's equity just before it";
        };
    }

    public StressSearch.Reading read(PointMetrics m) {
        return switch (kind) {
            case BAD_DEBT -> StressSearch.Reading.of(m.badDebt().signum() > 0, m.badDebt().doubleValue(),
                    "bad debt " + StressSearch.money(m.badDebt()));
            case FUND_EXHAUSTED -> {
                if (m.fundStart().signum() <= 0)
                    yield StressSearch.Reading.inapplicable("the run has no insurance fund (fund at start 0): "
                            + "fund-exhausted does not apply");
                BigDecimal drawn = m.fundStart().subtract(m.fundMin());
                yield StressSearch.Reading.of(m.fundMin().signum() <= 0, drawn.doubleValue(),
                        "fund min " + StressSearch.money(m.fundMin()) + " of " + StressSearch.money(m.fundStart())
                                + String.format(Locale.ROOT, " (%.1f %% drawn)",
                                100 * drawn.doubleValue() / m.fundStart().doubleValue()));
            }
            case ADL -> StressSearch.Reading.of(m.adlCount() > 0, m.adlCount(), "ADL closes " + m.adlCount());
            case MAX_HAIRCUT -> StressSearch.Reading.of(m.maxHaircutEquityShare() > haircutShare.doubleValue(),
                    m.maxHaircutEquityShare(), String.format(Locale.ROOT, "largest haircut %.2f %% of equity",
                            100 * m.maxHaircutEquityShare()));
        };
    }

    private String percent() { return haircutShare.multiply(HUNDRED).stripTrailingZeros().toPlainString(); }
}
