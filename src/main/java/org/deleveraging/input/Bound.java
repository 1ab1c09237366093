package org.deleveraging.input;

import java.math.BigDecimal;

/**
 * The range a number read from a file may take, by kind, checked on the text as it is parsed and before any
 * arithmetic on it. Without it, {@code 1E999999999} (a valid BigDecimal: one digit and an exponent) reads fine and
 * then fails deep in the engine ("BigInteger would overflow") or exhausts the heap when printed, and {@code 1e30}
 * prints a 30-digit bad debt.
 *
 * <table>
 * <caption>bounds</caption>
 * <tr><th>kind</th><th>magnitude at most</th><th>decimal places at most</th><th>read for</th></tr>
 * <tr><td>PRICE</td><td>1e12</td><td>12</td><td>entry prices, marks, start marks, ticks</td></tr>
 * <tr><td>SIZE</td><td>1e15</td><td>12</td><td>position sizes, lots, contract values</td></tr>
 * <tr><td>AMOUNT</td><td>1e15</td><td>12</td><td>wallets, margins, funds, backstop capital, book depth, tier
 * floors</td></tr>
 * <tr><td>RATE</td><td>1e3</td><td>12</td><td>maintenance and fee rates, fractions, impact, depth multipliers, moves in
 * %</td></tr>
 * <tr><td>NUMBER</td><td>1e15</td><td>12</td><td>policy parameters and anything else</td></tr>
 * <tr><td>EXPECTED</td><td>1e18</td><td>24</td><td>the figures a regression case expects (products of two
 * inputs)</td></tr>
 * </table>
 *
 * A number's text is at most {@value #MAX_TEXT} characters. Trailing zeros after the point do not count as decimal
 * places ({@code 1.50000000000000} is 1.5). Exponents are accepted within the bounds ({@code 1e6}).
 */
public enum Bound {
    PRICE("a price", org.deleveraging.domain.Money.MAX_PRICE_EXPONENT, 12),
    SIZE("a size", 15, 12),
    AMOUNT("an amount", 15, 12),
    RATE("a rate", 3, 12),
    NUMBER("a number", 15, 12),
    EXPECTED("an expected figure", 18, 24);

    /** The longest text read as a number: longer digit strings cost the parser quadratic time. */
    public static final int MAX_TEXT = 64;

    private final String noun;
    private final int maxExponent;
    private final int maxDecimals;
    private final BigDecimal max;

    Bound(String noun, int maxExponent, int maxDecimals) {
        this.noun = noun;
        this.maxExponent = maxExponent;
        this.maxDecimals = maxDecimals;
        this.max = BigDecimal.ONE.scaleByPowerOfTen(maxExponent);
    }

    /** The largest magnitude: 10^maxExponent. */
    public BigDecimal max() { return max; }

    public int maxExponent() { return maxExponent; }

    /** "a price". */
    public String noun() { return noun; }

    public int maxDecimals() { return maxDecimals; }

    /** "at most 1e12 for a price". */
    public String describe() {
        return "at most 1e" + maxExponent + " for " + noun + ", with at most " + maxDecimals + " decimal places";
    }

    /** A number outside its bound; the message is the problem, to follow {@code file:line: field: }. */
    public static final class OutOfRange extends RuntimeException {
        OutOfRange(String problem) { super(problem, null, false, false); }
    }

    /**
     * {@code value}, which {@code text} reads as, if it is within the bound: with trailing zeros beyond the allowed
     * decimal places dropped and a negative scale made 0 ({@code 1e3} is 1000). Checks magnitude from precision and
     * scale first, so a huge exponent costs nothing.
     */
    public BigDecimal check(BigDecimal value, CharSequence text) {
        if (value.signum() == 0) return value.scale() < 0 || value.scale() > maxDecimals ? BigDecimal.ZERO : value;
        if ((long) value.precision() - value.scale() > maxExponent + 1 || value.abs().compareTo(max) > 0)
            throw new OutOfRange("out of range: at most 1e" + maxExponent + " for " + noun + ", got '" + shown(text)
                    + "'");
        if (value.scale() > maxDecimals) {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > maxDecimals)
                throw new OutOfRange("too precise: at most " + maxDecimals + " decimal places for " + noun + ", got '"
                        + shown(text) + "'");
            value = stripped;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** The text in a message: cut after 24 characters, control characters shown as '?'. */
    public static String shown(CharSequence text) {
        String s = text.length() > 24 ? text.subSequence(0, 24) + "…" : text.toString();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) b.append(Character.isISOControl(s.charAt(i)) ? '?' : s.charAt(i));
        return b.toString();
    }

    /** The message for a text longer than {@link #MAX_TEXT}. */
    static String tooLong(CharSequence text) {
        return "expected a number of at most " + MAX_TEXT + " characters, got '" + shown(text) + "' (" + text.length()
                + " characters)";
    }
}
