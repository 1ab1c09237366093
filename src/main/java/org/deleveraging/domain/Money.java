package org.deleveraging.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numeric representation of the workbench, as a written decision.
 *
 * <p>Money, prices and sizes are {@link BigDecimal}. Linear accounting is exact: a profit is a product of decimals,
 * which BigDecimal computes without rounding, so no unit of value is created or lost. Divisions (inverse contract
 * values, bankruptcy prices, pro-rata shares) are rounded once, at {@link #SCALE} decimal places, at the moment the
 * amount is created; from then on that one number is what moves. Every movement of value is a single transfer of
 * one amount between two ledger lines, so totals are conserved exactly, to the last unit, by construction.
 *
 * <p>Ranking scores are doubles: they order positions and never move money.
 */
public final class Money {
    /** Decimal places kept by every rounded amount (1e-12 of the settlement asset). */
    public static final int SCALE = 12;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Money() {}

    public static BigDecimal of(String text) { return new BigDecimal(text); }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return clean(a.divide(b, SCALE, ROUNDING));
    }

    public static BigDecimal positivePart(BigDecimal a) { return a.signum() > 0 ? a : BigDecimal.ZERO; }

    public static BigDecimal min(BigDecimal a, BigDecimal b) { return a.compareTo(b) <= 0 ? a : b; }

    public static BigDecimal max(BigDecimal a, BigDecimal b) { return a.compareTo(b) >= 0 ? a : b; }

    /** Drops trailing zeros so that equal amounts print and hash the same way. */
    public static BigDecimal clean(BigDecimal a) {
        if (a.signum() == 0) return BigDecimal.ZERO;
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
