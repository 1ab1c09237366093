package org.deleveraging.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The largest haircut of a run as a share of the profit it was taken from, measured so that a committee can use it.
 * For each margin pool and step, the haircuts (ADL against the mark, socialised loss) the pool took in that step are
 * set against its unrealised profit just before the first of them, and only where that profit was at least
 * {@link #PROFIT_FLOOR} (1 %) of the pool's equity at that moment: a barely profitable position (profit 10 on equity
 * 100,000) is no denominator. The share counts at most the whole profit, so it is 100 % at most; a haircut beyond the
 * profit is a loss of the account's own margin, which the share of equity measures.
 *
 * @param accountId the account of the largest share, or null when no haircut met the floor
 * @param share haircut over profit, 0..1
 * @param haircut what the pool's haircuts took in that step
 * @param profit the pool's unrealised profit before the step's first haircut (the denominator)
 * @param step the scenario step
 */
public record ProfitHaircut(String accountId, double share, BigDecimal haircut, BigDecimal profit, int step) {
    /** Profits below this share of the pool's equity are not measured. */
    public static final BigDecimal PROFIT_FLOOR = new BigDecimal("0.01");

    public static final ProfitHaircut NONE = new ProfitHaircut(null, 0, BigDecimal.ZERO, BigDecimal.ZERO, -1);

    /** Haircut over profit, counting at most the whole profit: 0..1. */
    static double share(BigDecimal haircut, BigDecimal profit) {
        if (profit.signum() <= 0 || haircut.signum() <= 0) return 0;
        if (haircut.compareTo(profit) >= 0) return 1;
        return haircut.divide(profit, 12, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Whether a profit is large enough against the equity beside it to measure a haircut by. */
    static boolean measurable(BigDecimal profit, BigDecimal equity) {
        return profit.signum() > 0 && profit.compareTo(equity.max(BigDecimal.ZERO).multiply(PROFIT_FLOOR)) >= 0;
    }

    /** The larger share; on a tie, the larger haircut, then the account id first in order (a stable choice). */
    boolean beats(ProfitHaircut o) {
        if (accountId == null) return false;
        if (o.accountId == null) return true;
        int c = Double.compare(share, o.share);
        if (c != 0) return c > 0;
        c = haircut.compareTo(o.haircut);
        if (c != 0) return c > 0;
        return accountId.compareTo(o.accountId) < 0;
    }
}
