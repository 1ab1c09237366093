package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DecimalColumn} gives back what was put in: the same unscaled value and the same scale, so an event read from
 * the engine's columns prints, compares and hashes as the number the engine recorded.
 */
class DecimalColumnProperties {

    @Provide
    Arbitrary<List<BigDecimal>> values() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000, 1_000).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
                Arbitraries.of(BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE),
                        BigInteger.valueOf(Long.MIN_VALUE), BigInteger.TEN.pow(18).subtract(BigInteger.ONE),
                        BigInteger.TEN.pow(18)));
        Arbitrary<Integer> scale = Arbitraries.oneOf(Arbitraries.integers().between(-4, 30),
                Arbitraries.of(-200, -128, -127, -126, 126, 127, 128, 400));
        Arbitrary<BigDecimal> value = Combinators.combine(unscaled, scale).as(BigDecimal::new);
        return value.injectNull(0.1).list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 2000)
    void reads_back_the_same_unscaled_value_and_scale(@ForAll("values") List<BigDecimal> values) {
        int capacity = values.size() / 2 + 1;
        DecimalColumn column = new DecimalColumn(capacity);
        for (int i = 0; i < values.size(); i++) {
            if (i == capacity) column.grow(capacity *= 2);
            column.set(i, values.get(i));
        }
        List<BigDecimal> read = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) read.add(column.get(i));
        assertThat(read).isEqualTo(values);  // BigDecimal.equals: value and scale
    }

    @Example
    void trailing_zeros_and_a_negative_scale_are_kept() {
        DecimalColumn column = new DecimalColumn(3);
        column.set(0, new BigDecimal("1.500"));
        column.set(1, new BigDecimal("-2E+3"));
        column.set(2, new BigDecimal("0.00"));
        assertThat(column.get(0).toPlainString()).isEqualTo("1.500");
        assertThat(column.get(1).toString()).isEqualTo("-2E+3");
        assertThat(column.get(2).toPlainString()).isEqualTo("0.00");
    }

    @Example
    void a_cell_set_again_forgets_the_number_it_held_aside() {
        DecimalColumn column = new DecimalColumn(1);
        column.set(0, new BigDecimal(BigInteger.TEN.pow(30), 2));
        column.set(0, BigDecimal.ONE);
        assertThat(column.get(0)).isEqualTo(BigDecimal.ONE);
    }
}
