package org.deleveraging.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every number read from a file is within its kind's bound (Bound), checked on the text before anything computes with
 * it: the magnitude (1e12 for a price, 1e15 for sizes and amounts, 1e3 for rates) and 12 decimal places.
 */
class BoundTest {

    private static BigDecimal price(String text) { return Decimals.parse(text, Bound.PRICE); }

    @Example
    void a_huge_exponent_is_refused_before_it_is_expanded() {
        assertThatThrownBy(() -> price("1E999999999")).isInstanceOf(Bound.OutOfRange.class)
                .hasMessage("out of range: at most 1e12 for a price, got '1E999999999'");
        assertThatThrownBy(() -> Decimals.parse("1e400", Bound.AMOUNT))
                .hasMessage("out of range: at most 1e15 for an amount, got '1e400'");
        assertThatThrownBy(() -> Decimals.parse("-1e30", Bound.NUMBER))
                .hasMessage("out of range: at most 1e15 for a number, got '-1e30'");
    }

    @Example
    void the_bound_itself_is_accepted_and_one_unit_more_is_not() {
        assertThat(price("1000000000000")).isEqualByComparingTo("1e12");
        assertThat(price("1e12")).isEqualTo(new BigDecimal("1000000000000")).hasScaleOf(0);
        assertThatThrownBy(() -> price("1000000000000.000000000001"))
                .hasMessage("out of range: at most 1e12 for a price, got '1000000000000.0000000000…'");
        assertThatThrownBy(() -> price("1000000000001"))
                .hasMessage("out of range: at most 1e12 for a price, got '1000000000001'");
        assertThat(Decimals.parse("-1000000000000000", Bound.NUMBER)).isEqualByComparingTo("-1e15");
        assertThat(Decimals.parse("1000", Bound.RATE)).isEqualByComparingTo("1000");
        assertThatThrownBy(() -> Decimals.parse("1000.5", Bound.RATE))
                .hasMessage("out of range: at most 1e3 for a rate, got '1000.5'");
    }

    @Example
    void twelve_decimal_places_are_accepted_and_thirteen_are_not() {
        assertThat(price("0.000000000001")).isEqualByComparingTo("1e-12");
        assertThatThrownBy(() -> price("0.0000000000001"))
                .hasMessage("too precise: at most 12 decimal places for a price, got '0.0000000000001'");
        assertThatThrownBy(() -> price("1E-999999999"))
                .hasMessage("too precise: at most 12 decimal places for a price, got '1E-999999999'");
    }

    @Example
    void trailing_zeros_are_not_decimal_places() {
        assertThat(price("1.50000000000000")).isEqualTo(new BigDecimal("1.5"));
        assertThat(price("0E-20")).isEqualTo(BigDecimal.ZERO);
        // within the bound a number keeps the scale it was written with
        assertThat(price("1.50")).hasScaleOf(2);
    }

    @Example
    void a_text_longer_than_64_characters_is_not_read_as_a_number() {
        String zeros = "0".repeat(64);
        assertThat(price(zeros)).isEqualByComparingTo("0");
        assertThatThrownBy(() -> price(zeros + "1"))
                .hasMessage(
                        "expected a number of at most 64 characters, got '000000000000000000000000…' (65 characters)");
    }

    @Example
    void not_a_number_is_still_a_NumberFormatException() {
        assertThatThrownBy(() -> price("12l000")).isInstanceOf(NumberFormatException.class);
    }

    /** The fast path (plain numbers, in longs) and Bound.check on the BigDecimal agree on every text. */
    @Property(tries = 2000)
    void the_fast_path_and_the_check_agree(@ForAll("numbers") String text) {
        for (Bound bound : Bound.values()) {
            Object fast = outcome(() -> Decimals.parse(text, bound));
            Object slow = outcome(() -> bound.check(new BigDecimal(text), text));
            assertThat(fast).as(text + " as " + bound).isEqualTo(slow);
        }
    }

    private static Object outcome(java.util.function.Supplier<BigDecimal> read) {
        try {
            BigDecimal v = read.get();
            return v + " scale " + v.scale();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(16);
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> exponent = Arbitraries.of("", "", "", "e3", "E-5", "e15", "E-13", "e999999999");
        return net.jqwik.api.Combinators.combine(sign, whole, fraction, exponent)
                .as((s, w, f, e) -> s + w + (f.isEmpty() ? "" : "." + f) + e);
    }
}
