package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ExactSum} against adding the terms one by one to BigDecimal.ZERO: the same value and scale. */
class ExactSumProperties {

    @Provide
    Arbitrary<List<BigDecimal>> terms() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000, 1_000).map(BigInteger::valueOf),
                Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(22).negate(), BigInteger.TEN.pow(22)),
                Arbitraries.of(BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE),
                        BigInteger.valueOf(Long.MIN_VALUE)));
        Arbitrary<BigDecimal> term = Combinators.combine(unscaled, Arbitraries.integers().between(0, 24))
                .as(BigDecimal::new);
        return term.list().ofMaxSize(40);
    }

    @Property(tries = 3000)
    void sums_as_bigdecimal_does(@ForAll("terms") List<BigDecimal> terms) {
        BigDecimal expected = BigDecimal.ZERO;
        ExactSum sum = new ExactSum();
        for (BigDecimal t : terms) {
            expected = expected.add(t);
            sum.add(t);
        }
        assertThat(sum.value()).isEqualTo(expected);
        assertThat(Double.doubleToLongBits(sum.doubleValue())).as("the double of %s", expected)
                .isEqualTo(Double.doubleToLongBits(expected.doubleValue()));
        if (sum.smallUnscaled() != org.deleveraging.domain.Money.NOT_SMALL)
            assertThat(BigDecimal.valueOf(sum.smallUnscaled(), sum.scale())).isEqualTo(expected);
        assertThat(sum.isEmpty()).isEqualTo(terms.isEmpty());
        sum.clear();
        assertThat(sum.value()).isEqualTo(BigDecimal.ZERO);
        assertThat(sum.isEmpty()).isTrue();
    }

    @Example
    void leaves_the_long_range_and_keeps_the_scale() {
        ExactSum sum = new ExactSum();
        sum.add(new BigDecimal("999999999999999"));
        sum.add(new BigDecimal("0.000000000000001"));  // rescaling the sum to 15 places leaves the long range
        sum.add(new BigDecimal("-0.50"));
        assertThat(sum.value()).isEqualTo(new BigDecimal("999999999999998.500000000000001"));
        ExactSum zero = new ExactSum();
        zero.add(new BigDecimal("0.50"));
        zero.add(new BigDecimal("-0.5"));
        assertThat(zero.value()).isEqualTo(new BigDecimal("0.00"));
    }
}
