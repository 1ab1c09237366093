package org.deleveraging.cases;

import java.math.BigDecimal;

/**
 * How far an actual price or amount may be from the expected one. Cases are exact unless they say otherwise, and a
 * case that allows a tolerance must say why (typically tick rounding of an impact-priced fill). Sizes are always
 * exact: they are whole lots.
 */
public record Tolerance(BigDecimal amount, String reason) {
    public static final Tolerance EXACT = new Tolerance(BigDecimal.ZERO, "exact");

    public boolean accepts(BigDecimal expected, BigDecimal actual) {
        return expected.subtract(actual).abs().compareTo(amount) <= 0;
    }

    public boolean isExact() { return amount.signum() == 0; }
}
