package org.deleveraging.input;

import java.math.BigDecimal;

/**
 * Reads decimal numbers exactly as {@code new BigDecimal(text)} does, only cheaper for the common plain form
 * {@code [+-]digits[.digits]} with at most 18 significant digits: an account import reads three million of them, and
 * the String constructor copies each into a char array and looks for exponents first. The plain form is accumulated
 * in a long; anything else (exponents, underscores, spaces, more digits, a bare point) goes to the BigDecimal
 * constructor, so results and errors stay the same.
 *
 * <p>{@link #parse(CharSequence, int, int, Bound)} reads a number from a file: the same, within a {@link Bound}
 * (magnitude, decimal places, length of the text), checked before anything computes with it.
 */
public final class Decimals {
    /** Any 18 digits fit in a long (10^18 - 1 < Long.MAX_VALUE), so the plain form cannot overflow. */
    private static final int MAX_DIGITS = 18;

    private Decimals() {}

    /** {@code new BigDecimal(text)}: the same value and scale, the same NumberFormatException. */
    public static BigDecimal parse(String text) { return parse(text, 0, text.length()); }

    /** {@code new BigDecimal(text.subSequence(from, to).toString())}: the same value and scale, the same exception. */
    public static BigDecimal parse(CharSequence text, int from, int to) {
        BigDecimal plain = plain(text, from, to);
        return plain != null ? plain : new BigDecimal(text.subSequence(from, to).toString());
    }

    /**
     * A number from a file, within {@code bound}: a NumberFormatException for text that is not a number, a
     * {@link Bound.OutOfRange} for one outside the bound (see {@link Bound#check}); the value keeps its scale unless
     * it has trailing zeros beyond the bound's decimal places or a negative scale.
     */
    public static BigDecimal parse(CharSequence text, int from, int to, Bound bound) {
        if (to - from > Bound.MAX_TEXT) throw new Bound.OutOfRange(Bound.tooLong(text.subSequence(from, to)));
        BigDecimal plain = plain(text, from, to, bound);
        if (plain != null) return plain;
        // not plain, or plain but outside the bound: Bound.check says which, or strips the trailing zeros
        return bound.check(new BigDecimal(text.subSequence(from, to).toString()), text.subSequence(from, to));
    }

    /** {@link #parse(CharSequence, int, int, Bound)} of the whole text. */
    public static BigDecimal parse(String text, Bound bound) { return parse(text, 0, text.length(), bound); }

    private static final long[] TENS = new long[19];
    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) TENS[i] = TENS[i - 1] * 10;
    }

    /** The value of {@code [+-]digits[.digits]} with at most 18 significant digits, or null for any other text. */
    static BigDecimal plain(CharSequence text, int from, int to) { return plain(text, from, to, null); }

    /** As above, and null as well for a number outside {@code bound} (when one is given). */
    private static BigDecimal plain(CharSequence text, int from, int to, Bound bound) {
        int i = from;
        boolean negative = false;
        if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) negative = text.charAt(i++) == '-';
        long unscaled = 0;
        int digits = 0;
        int significant = 0;
        int point = -1; // the number of digits before the point, once there is one
        for (; i < to; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                // leading zeros add nothing to the value: "0.000123" has three significant digits
                if ((unscaled != 0 || ch != '0') && ++significant > MAX_DIGITS) return null;
                unscaled = unscaled * 10 + (ch - '0');
                digits++;
            } else if (ch == '.' && point < 0 && digits > 0) {
                point = digits;
            } else {
                return null;
            }
        }
        if (digits == 0 || point == digits) return null; // "", "-", "1.": rare, BigDecimal decides
        int scale = point < 0 ? 0 : digits - point;
        if (bound != null) {
            // within the bound without a BigDecimal comparison: |unscaled| <= 10^(maxExponent + scale), when that fits
            // a long
            int e = bound.maxExponent() + scale;
            if (scale > bound.maxDecimals() || (e < TENS.length && unscaled > TENS[e])) return null;
        }
        // as BigDecimal(String): the scale is the number of digits after the point, "-0.0" is 0.0 with scale 1
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }
}
