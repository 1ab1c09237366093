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
    /** The largest price, 10^this: what any input may give (input.Bound.PRICE) and any rule may set. */
    public static final int MAX_PRICE_EXPONENT = 12;
    public static final BigDecimal MAX_PRICE = BigDecimal.ONE.scaleByPowerOfTen(MAX_PRICE_EXPONENT);

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
        long u = unscaled(a);
        if (u != NOT_SMALL) {
            // most amounts are clean already: stripTrailingZeros would allocate their copy
            if (u == 0) return BigDecimal.ZERO;
            if (a.scale() == 0 || u % 10 != 0) return a;
            return clean(u, a.scale());
        }
        if (a.signum() == 0) return BigDecimal.ZERO;
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** {@code clean(BigDecimal.valueOf(unscaled, scale))}, allocating only the result. */
    public static BigDecimal clean(long unscaled, int scale) {
        if (unscaled == 0) return BigDecimal.ZERO;
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return scale >= 0 ? BigDecimal.valueOf(unscaled, scale) : clean(BigDecimal.valueOf(unscaled, scale));
    }

    /** What {@link #unscaled} returns for an amount it cannot read exactly without allocating. */
    public static final long NOT_SMALL = Long.MIN_VALUE;

    /** Digits up to which {@link #unscaled} reads an amount: below 2^51, so that its doubles are exact (see there). */
    private static final int SMALL_DIGITS = 15;

    private static final double[] DOUBLE_TEN_POWERS = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static final long[] TEN_POWERS = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /**
     * The unscaled value of {@code a} when it has at most 15 digits and a scale from 0 to 22, else {@link #NOT_SMALL};
     * it allocates nothing, where {@link BigDecimal#unscaledValue()} allocates a BigInteger. The amounts of a run are
     * such numbers, and the engine's arithmetic on them runs for every position at every mark: read this way, it can
     * be done in longs.
     *
     * <p>Why it is exact: 10^scale is a double exactly (up to 10^22), so {@code doubleValue()} is u / 10^scale with
     * one rounding, and multiplying back rounds once more; two relative errors of at most 2^-53 each put the product
     * within |u| x 2^-52 of u, under 0.25 for |u| below 10^15, and {@code Math.round} lands on u.
     */
    public static long unscaled(BigDecimal a) {
        int scale = a.scale();
        if (scale < 0 || scale >= DOUBLE_TEN_POWERS.length || a.precision() > SMALL_DIGITS) return NOT_SMALL;
        if (scale == 0) return a.longValue();
        return Math.round(a.doubleValue() * DOUBLE_TEN_POWERS[scale]);
    }

    /**
     * {@code BigDecimal.valueOf(unscaled, scale).doubleValue()} without the number: below 2^52 and 10^22 both the
     * long and the power of ten are doubles exactly, so one division is the correctly rounded quotient, which is what
     * BigDecimal gives.
     */
    public static double doubleValue(long unscaled, int scale) {
        if (Math.abs(unscaled) < 1L << 52 && scale >= 0 && scale < DOUBLE_TEN_POWERS.length)
            return scale == 0 ? (double) unscaled : unscaled / DOUBLE_TEN_POWERS[scale];
        return BigDecimal.valueOf(unscaled, scale).doubleValue();
    }

    /** {@code unscaled} x 10^{@code digits}; throws ArithmeticException when that leaves the long range. */
    public static long scaleUp(long unscaled, int digits) {
        if (digits == 0) return unscaled;
        if (digits >= TEN_POWERS.length) throw new ArithmeticException("long overflow");
        return Math.multiplyExact(unscaled, TEN_POWERS[digits]);
    }
}
