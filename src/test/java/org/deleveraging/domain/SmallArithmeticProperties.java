package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The long-arithmetic fast paths of {@link Money}, {@link Market} and {@link MarginSchedule} against the BigDecimal
 * arithmetic they stand in for: the same number, value and scale ({@link BigDecimal#equals}), over small and large
 * unscaled values, zero, negatives, scales 0 to 25 and amounts past the long range, where the fast paths step aside.
 */
class SmallArithmeticProperties {

    // --- the BigDecimal arithmetic as it was before the fast paths ---

    private static BigDecimal cleanReference(BigDecimal a) {
        if (a.signum() == 0) return BigDecimal.ZERO;
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal pnlReference(Market m, Side side, BigDecimal size, BigDecimal from, BigDecimal to) {
        BigDecimal raw = size.multiply(m.contractValue()).multiply(to.subtract(from));
        return cleanReference(side == Side.LONG ? raw : raw.negate());
    }

    private static BigDecimal lotsDownReference(Market m, BigDecimal size) {
        return cleanReference(size.divide(m.lotSize(), 0, RoundingMode.FLOOR).multiply(m.lotSize()));
    }

    private static BigDecimal maintenanceReference(MarginSchedule s, BigDecimal notional) {
        MarginTier t = s.tierFor(notional.abs());
        return cleanReference(notional.abs().multiply(t.maintenanceRate()).subtract(t.maintenanceAmount()));
    }

    // --- amounts ---

    /** Unscaled values from tiny to past the long range, with their sign, at scales 0 to 25 (and a few negative). */
    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000, 1_000).map(BigInteger::valueOf),
                Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
                // trailing zeros, which cleaning strips
                Arbitraries.longs().between(-99_999, 99_999)
                        .flatMap(u -> Arbitraries.integers().between(0, 14)
                                .map(z -> BigInteger.valueOf(u).multiply(BigInteger.TEN.pow(z)))),
                Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(Long.MAX_VALUE),
                        BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(999_999_999_999_999L),
                        BigInteger.valueOf(1_000_000_000_000_000L), BigInteger.valueOf(-999_999_999_999_999L)));
        Arbitrary<Integer> scale = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0, 25)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-3, -1)));
        return Combinators.combine(unscaled, scale).as(BigDecimal::new);
    }

    /** Positive amounts of up to 15 digits at scales 0 to 20: the fast paths' domain. */
    @Provide
    Arbitrary<BigDecimal> positive() {
        return Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000_000),
                        Arbitraries.longs().between(1, 999_999_999_999_999L)),
                Arbitraries.integers().between(0, 20)).as(BigDecimal::valueOf);
    }

    // --- Money ---

    @Property(tries = 3000)
    void unscaled_is_the_unscaled_value_or_steps_aside(@ForAll("amounts") BigDecimal a) {
        long u = Money.unscaled(a);
        if (u == Money.NOT_SMALL)
            assertThat(a.scale() < 0 || a.scale() > 22 || a.precision() > 15).as("%s was left to BigDecimal", a)
                    .isTrue();
        else assertThat(BigInteger.valueOf(u)).isEqualTo(a.unscaledValue());
    }

    @Property(tries = 3000)
    void clean_gives_what_stripping_gave(@ForAll("amounts") BigDecimal a) {
        assertThat(Money.clean(a)).isEqualTo(cleanReference(a));
        assertThat(Money.clean(a).scale()).isEqualTo(cleanReference(a).scale());
    }

    @Property(tries = 3000)
    void clean_of_a_long_gives_what_stripping_gave(@ForAll("amounts") BigDecimal a) {
        if (a.unscaledValue().bitLength() > 63) return;
        assertThat(Money.clean(a.unscaledValue().longValueExact(), a.scale())).isEqualTo(cleanReference(a));
    }

    @Property(tries = 3000)
    void double_of_a_long_is_what_bigdecimal_gives(@ForAll("amounts") BigDecimal a) {
        if (a.unscaledValue().bitLength() > 63) return;
        double fast = Money.doubleValue(a.unscaledValue().longValueExact(), a.scale());
        assertThat(Double.doubleToLongBits(fast)).as("the double of %s", a)
                .isEqualTo(Double.doubleToLongBits(a.doubleValue()));
    }

    @Example
    void edge_amounts_clean_as_before() {
        for (String s : List.of("0", "0.000", "0E+3", "-0.0", "1", "10", "100", "1E+2", "-1E+5", "0.10", "-0.10",
                "5.000", "123456789012345", "123456789012345.0", "1234567890123456", "0.000000000000000000001",
                "0.0000000000000000000010", "999999999999999", "9223372036854775807", "-9223372036854775808",
                "-9223372036854775808.0", "0.0000000000000000000000010", "1000000000000000000000000"))
            assertThat(Money.clean(new BigDecimal(s))).as(s).isEqualTo(cleanReference(new BigDecimal(s)));
    }

    // --- Market ---

    private static Market linear(BigDecimal lot, BigDecimal contractValue) {
        return new Market("X", ContractType.LINEAR, "USDT", new BigDecimal("0.01"), lot, contractValue,
                new Liquidity(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO));
    }

    @Property(tries = 3000)
    void linear_pnl_is_the_exact_product(@ForAll("positive") BigDecimal size, @ForAll("amounts") BigDecimal from,
                                          @ForAll("amounts") BigDecimal to, @ForAll Side side,
                                          @ForAll("contractValues") BigDecimal contractValue) {
        Market m = linear(BigDecimal.ONE, contractValue);
        assertThat(m.pnl(side, size, from, to)).isEqualTo(pnlReference(m, side, size, from, to));
    }

    @Property(tries = 3000)
    void linear_pnl_of_usual_prices(@ForAll("positive") BigDecimal size, @ForAll("positive") BigDecimal from,
                                     @ForAll("positive") BigDecimal to, @ForAll Side side) {
        Market m = linear(BigDecimal.ONE, BigDecimal.ONE);
        assertThat(m.pnl(side, size, from, to)).isEqualTo(pnlReference(m, side, size, from, to));
    }

    @Provide
    Arbitrary<BigDecimal> contractValues() {
        return Arbitraries.oneOf(Arbitraries.just(BigDecimal.ONE), Arbitraries.of(new BigDecimal("1.0"),
                new BigDecimal("0.001"), new BigDecimal("100"), new BigDecimal("1E+3")), positive());
    }

    @Property(tries = 3000)
    void lots_down_is_the_floor_to_whole_lots(@ForAll("amounts") BigDecimal size, @ForAll("positive") BigDecimal lot) {
        Market m = linear(lot, BigDecimal.ONE);
        assertThat(m.toLotsDown(size)).isEqualTo(lotsDownReference(m, size));
    }

    @Example
    void edge_sizes_round_down_to_lots_as_before() {
        for (String lot : List.of("1", "0.001", "0.1", "10", "0.000000000000000001", "1E+2"))
            for (String size : List.of("0", "0.0005", "-0.0005", "1", "-1", "999999999999999", "0.999", "1E+3",
                    "12345.6789", "-12345.6789", "9223372036854775807", "0.00000000000000000000001")) {
                Market m = linear(new BigDecimal(lot), BigDecimal.ONE);
                assertThat(m.toLotsDown(new BigDecimal(size))).as(size + " in lots of " + lot)
                        .isEqualTo(lotsDownReference(m, new BigDecimal(size)));
            }
    }

    @Property(tries = 5000)
    void lots_down_of_a_ratio_is_the_floor_at_twelve_places_then_to_lots(
            @ForAll("amounts") BigDecimal a, @ForAll("amounts") BigDecimal b, @ForAll("positive") BigDecimal c,
            @ForAll("lots") BigDecimal lot) {
        Market m = linear(lot, BigDecimal.ONE);
        assertThat(m.toLotsDown(a, b, c))
                .isEqualTo(lotsDownReference(m, a.multiply(b).divide(c, Money.SCALE, RoundingMode.FLOOR)));
    }

    @Property(tries = 3000)
    void lots_down_of_usual_fills(@ForAll("positive") BigDecimal size, @ForAll("positive") BigDecimal cash,
                                  @ForAll("positive") BigDecimal loss, @ForAll("lots") BigDecimal lot,
                                  @ForAll boolean negative) {
        Market m = linear(lot, BigDecimal.ONE);
        BigDecimal b = negative ? cash.negate() : cash;
        assertThat(m.toLotsDown(size, b, loss))
                .isEqualTo(lotsDownReference(m, size.multiply(b).divide(loss, Money.SCALE, RoundingMode.FLOOR)));
    }

    /** Lots from 10^-15 (finer than the 12 places, where the longs step aside) to 100. */
    @Provide
    Arbitrary<BigDecimal> lots() {
        return Arbitraries.oneOf(Arbitraries.of(new BigDecimal("1"), new BigDecimal("0.001"), new BigDecimal("0.1"),
                        new BigDecimal("0.000000000001"), new BigDecimal("0.000000000000001"), new BigDecimal("1E+2"),
                        new BigDecimal("0.0010"), new BigDecimal("25")),
                Combinators.combine(Arbitraries.longs().between(1, 1000), Arbitraries.integers().between(0, 14))
                .as(BigDecimal::valueOf));
    }

    // --- MarginSchedule ---

    @Property(tries = 3000)
    void maintenance_is_the_exact_tier_formula(@ForAll("amounts") BigDecimal notional, @ForAll boolean stepped) {
        List<BigDecimal> floors = List.of(BigDecimal.ZERO, new BigDecimal("50000"), new BigDecimal("250000.5"),
                new BigDecimal("10000000"));
        List<BigDecimal> rates = List.of(new BigDecimal("0.004"), new BigDecimal("0.005"), new BigDecimal("0.0125"),
                new BigDecimal("0.05"));
        MarginSchedule s = stepped ? MarginSchedule.stepped(floors, rates) : MarginSchedule.of(floors, rates);
        assertThat(s.maintenance(notional)).isEqualTo(maintenanceReference(s, notional));
    }

    @Property(tries = 1000)
    void maintenance_with_any_rate(@ForAll("amounts") BigDecimal notional, @ForAll("amounts") BigDecimal rate) {
        MarginSchedule s = MarginSchedule.of(List.of(BigDecimal.ZERO, new BigDecimal("1000")),
                List.of(rate, rate.add(new BigDecimal("0.001"))));
        assertThat(s.maintenance(notional)).isEqualTo(maintenanceReference(s, notional));
    }
}
