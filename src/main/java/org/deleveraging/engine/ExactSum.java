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

    /** Adds {@code unscaled} x 10^-{@code scale}: the term {@code BigDecimal.valueOf(unscaled, scale)}. */
    void add(long unscaled, int scale) {
        empty = false;
        if (big == null) {
            if (addSmall(unscaled, scale)) return;
            big = BigDecimal.valueOf(this.unscaled, this.scale);
        }
        big = big.add(BigDecimal.valueOf(unscaled, scale));
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

    /** {@code value().doubleValue()}, without the number while the sum is held in the long. */
    double doubleValue() { return big != null ? big.doubleValue() : Money.doubleValue(unscaled, scale); }
}
