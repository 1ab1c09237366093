package org.deleveraging.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Decimals.parse reads what new BigDecimal(text) reads, with the same value and scale, and refuses what it refuses. */
class DecimalsTest {

    @Property(tries = 3000)
    void plainNumbersAreReadAsBigDecimalReadsThem(@ForAll("plain") String text) {
        assertSameAsBigDecimal(text);
        Statistics.label("fast path").collect(Decimals.plain(text, 0, text.length()) != null);
        Statistics.label("fast path").coverage(c -> c.check(true).percentage(p -> p >= 70));
    }

    @Property(tries = 3000)
    void anyTextIsReadOrRefusedAsBigDecimalDoes(@ForAll("anyText") String text) {
        assertSameAsBigDecimal(text);
    }

    @Property(tries = 500)
    void aRegionIsReadAsTheSubstring(@ForAll("plain") String text, @ForAll("anyText") String before,
            @ForAll("anyText") String after) {
        String line = before + text + after;
        assertThat(Decimals.parse(line, before.length(), before.length() + text.length()))
                .isEqualTo(new BigDecimal(text)).hasScaleOf(new BigDecimal(text).scale());
    }

    @Example
    void theCommonFormsTakeTheFastPathWithBigDecimalsScale() {
        for (String text : new String[] {"1.50", "007", "-0.0", "0", "-0", "+12.5", "121000.5", "0.000123",
                "999999999999999999", "-999999999999999999", "0.000000000000000000000000000000123456789012345678"}) {
            assertThat(Decimals.plain(text, 0, text.length())).as(text).isNotNull();
            assertSameAsBigDecimal(text);
        }
        assertThat(Decimals.parse("1.50").scale()).isEqualTo(2);
        assertThat(Decimals.parse("007")).isEqualTo(BigDecimal.valueOf(7));
        assertThat(Decimals.parse("-0.0")).isEqualTo(new BigDecimal("0.0"));
    }

    @Example
    void everythingElseIsLeftToBigDecimal() {
        for (String text : new String[] {"", "-", "+", ".", "1.", ".5", "1e3", "1E-3", "1_000", " 1", "1 ", "1.2.3",
                "--1", "+-1", "1-", "0x10", "9999999999999999999", "1234567890.123456789", "\u0661\u0662", "１２"}) {
            assertThat(Decimals.plain(text, 0, text.length())).as(text).isNull();
            assertSameAsBigDecimal(text);
        }
    }

    private static void assertSameAsBigDecimal(String text) {
        BigDecimal expected;
        try {
            expected = new BigDecimal(text);
        } catch (NumberFormatException e) {
            assertThatThrownBy(() -> Decimals.parse(text)).as(text).isInstanceOf(NumberFormatException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        BigDecimal actual = Decimals.parse(text);
        assertThat(actual).as(text).isEqualTo(expected);
        assertThat(actual.scale()).as(text).isEqualTo(expected.scale());
        assertThat(actual.toString()).as(text).isEqualTo(expected.toString());
        assertThat(actual.hashCode()).as(text).isEqualTo(expected.hashCode());
    }

    /**
     * [+-]digits[.digits], often with leading zeros and up to 22 digits, so both sides of the 18-digit limit are tried.
     */
    @Provide
    Arbitrary<String> plain() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        Arbitrary<String> zeros = Arbitraries.of("", "", "", "0", "00", "000000");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11);
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(f -> "." + f));
        return Combinators.combine(sign, zeros, digits, fraction).as((s, z, d, f) -> s + z + d + f);
    }

    /** Short strings over the characters a number is made of, and some it is not. */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withChars("0123456789000999+-.eE_ x\u0661").ofMaxLength(24);
    }
}
