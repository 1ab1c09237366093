package org.deleveraging.engine;

import java.math.BigDecimal;

import org.deleveraging.domain.Money;

/**
 * A running sum that ends as the number adding its terms one by one to {@link BigDecimal#ZERO} gives, value and
 * scale (the largest scale of the terms): exact addition is the same in any order and any grouping. Held in a long
 * while the terms have at most 15 digits ({@link Money#unscaled}) and the sum fits, so that summing a pool's
 * positions or settling them allocates only the result, where the BigDecimal sum allocates a number per term.
 */
final class ExactSum {
    private long unscaled;
    private int scale;
    /** The sum once a term or the sum itself left the long range. */
    private BigDecimal big;
    private boolean empty = true;

    void add(BigDecimal term) {
        empty = false;
        if (big == null) {
            long u = Money.unscaled(term);
            if (u != Money.NOT_SMALL && addSmall(u, term.scale())) return;
            big = BigDecimal.valueOf(unscaled, scale);
        }
        big = big.add(term);
    }

    /** Adds {@code u} x 10^-{@code s} in the long; false, with nothing changed, when it does not fit. */
    private boolean addSmall(long u, int s) {
        try {
            if (s > scale) {
                long rescaled = Money.scaleUp(unscaled, s - scale);
                unscaled = Math.addExact(rescaled, u);
                scale = s;
            } else {
                unscaled = Math.addExact(unscaled, Money.scaleUp(u, scale - s));
            }
            return true;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** Back to an empty sum. */
    void clear() {
        unscaled = 0;
        scale = 0;
        big = null;
        empty = true;
    }

    /** True until a term is added (a zero term too). */
    boolean isEmpty() { return empty; }

    BigDecimal value() { return big != null ? big : BigDecimal.valueOf(unscaled, scale); }

    /** The sum's unscaled value at {@link #scale()} while it is held in the long, else {@link Money#NOT_SMALL}. */
    long smallUnscaled() { return big != null ? Money.NOT_SMALL : unscaled; }

    int scale() { return big != null ? big.scale() : scale; }

    /**
     * {@code value().doubleValue()} without the number: below 2^52 and 10^22 both the long and the power of ten are
     * doubles exactly, so one division is the correctly rounded quotient, which is what BigDecimal gives.
     */
    double doubleValue() {
        if (big == null && Math.abs(unscaled) < 1L << 52 && scale < DOUBLE_TEN_POWERS.length)
            return scale == 0 ? (double) unscaled : unscaled / DOUBLE_TEN_POWERS[scale];
        return value().doubleValue();
    }

    private static final double[] DOUBLE_TEN_POWERS = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
}
