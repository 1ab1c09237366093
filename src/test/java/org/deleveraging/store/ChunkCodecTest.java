package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.deleveraging.domain.Money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Every value packed into a chunk comes back equal (a decimal with its scale, a null as null), in order. */
class ChunkCodecTest {

    @Property(tries = 2000)
    void decimalsComeBackWithTheirValueAndScale(@ForAll("decimals") List<BigDecimal> values) {
        ChunkEncoder out = new ChunkEncoder();
        values.forEach(out::decimal);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (BigDecimal v : values) {
            BigDecimal back = in.decimal();
            assertThat(back).isEqualTo(v);  // BigDecimal.equals: value and scale
            Statistics.label("unscaled")
                    .collect(v == null ? "null" : v.unscaledValue().bitLength() < 64 ? "long" : "big");
        }
        assertThat(in.atEnd()).isTrue();
        Statistics.label("unscaled").coverage(c -> {
            c.check("big").percentage(p -> p > 5);
            c.check("null").percentage(p -> p > 2);
        });
    }

    @Property(tries = 2000)
    void moneyComesBackAsMoneyCleanLeavesIt(@ForAll("decimals") List<BigDecimal> values) {
        ChunkEncoder out = new ChunkEncoder();
        values.forEach(out::money);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (BigDecimal v : values) assertThat(in.decimal()).isEqualTo(v == null ? null : Money.clean(v));
        assertThat(in.atEnd()).isTrue();
    }

    @Property(tries = 1000)
    void sentencesComeBackCharacterForCharacter(@ForAll("sentences") List<String> values) {
        ChunkEncoder out = new ChunkEncoder();
        values.forEach(out::sentence);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (String v : values) assertThat(in.sentence()).isEqualTo(v);
        assertThat(in.atEnd()).isTrue();
    }

    @Property(tries = 1000)
    void mixedValuesComeBackInOrder(@ForAll int a, @ForAll("sentence") String s, @ForAll double d,
                                    @ForAll("decimals") List<BigDecimal> ds) {
        ChunkEncoder out = new ChunkEncoder();
        out.integer(a);
        out.string(s);
        out.number(d);
        out.string(s);
        out.count(ds.size());
        ds.forEach(out::decimal);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        assertThat(in.integer()).isEqualTo(a);
        assertThat(in.string()).isEqualTo(s);
        assertThat(Double.doubleToRawLongBits(in.number())).isEqualTo(Double.doubleToRawLongBits(d));
        assertThat(in.string()).isEqualTo(s);
        assertThat(in.count()).isEqualTo(ds.size());
        for (BigDecimal v : ds) assertThat(in.decimal()).isEqualTo(v);
        assertThat(in.atEnd()).isTrue();
    }

    @Example
    void cleanedMoneyKeepsItsCleanForm() {
        for (String text : new String[] {"0", "-0.000", "1E+3", "100", "1.500", "-123456789.123456789000",
                "0.000000000001", "99999999999999999999999999999999.5", "9.223372036854775807E+2", "-9E+18", "1E+19",
                "123456789012345678E+1", "0E+5", "0.000"}) {
            BigDecimal clean = Money.clean(new BigDecimal(text));
            BigDecimal back = roundTrip(clean);
            assertThat(back).as(text).isEqualTo(clean);
            assertThat(back.scale()).as(text).isGreaterThanOrEqualTo(0);
            ChunkEncoder out = new ChunkEncoder();
            out.money(new BigDecimal(text));
            assertThat(new ChunkDecoder(out.toBytes()).decimal()).as(text).isEqualTo(clean);
        }
    }

    @Example
    void extremesOfScaleAndSizeComeBack() {
        List<BigDecimal> values = Arrays.asList(null, BigDecimal.ZERO, new BigDecimal("-0.00"),
                BigDecimal.valueOf(Long.MAX_VALUE), BigDecimal.valueOf(Long.MIN_VALUE),
                BigDecimal.valueOf(Long.MIN_VALUE, 3),
                new BigDecimal(BigInteger.TWO.pow(63)),
                new BigDecimal(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)),
                new BigDecimal(BigInteger.TEN.pow(200).negate(), 400), new BigDecimal("1E+40"), new BigDecimal("1E-40"),
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE), new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE));
        ChunkEncoder out = new ChunkEncoder();
        values.forEach(out::decimal);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (BigDecimal v : values) assertThat(in.decimal()).isEqualTo(v);
    }

    @Example
    void stringsRepeatAsOneOrTwoBytesAndUnicodeSurvives() {
        ChunkEncoder out = new ChunkEncoder();
        List<String> values = Arrays.asList("A000123", null, "A000123", "", "Zürich ₿ 🚀", "@fund:BTCUSDT", "A000123",
                "");
        values.forEach(out::string);
        int once = out.size();
        out.string("A000123");
        assertThat(out.size() - once).isEqualTo(1);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (String v : values) assertThat(in.string()).isEqualTo(v);
        assertThat(in.string()).isEqualTo("A000123");
    }

    @Example
    void aReasonWithItsFiguresChangedCostsLittleMoreThanTheFigures() {
        ChunkEncoder out = new ChunkEncoder();
        out.sentence("queue rank 1 (score 0.123) against a bankrupt long: ADL-010 the most profitable and leveraged go "
                + "first");
        int first = out.size();
        out.sentence(
                "queue rank 27 (score 0.0456) against a bankrupt long: ADL-010 the most profitable and leveraged go "
                + "first");
        assertThat(out.size() - first).isLessThan(15);
    }

    @Example
    void sentencesWithLeadingZerosLongDigitRunsAndTheMarkerItselfComeBack() {
        List<String> values = Arrays.asList("ADL-010", "007", "0", "00000000000000000000000000001234",
                "price 123456789012345678901234567890.5", "999999999999999999", "1000000000000000000", "a\u0000b 12",
                "", null, "no figures", "١٢٣ and 12", "-0.5E-7");
        ChunkEncoder out = new ChunkEncoder();
        values.forEach(out::sentence);
        ChunkDecoder in = new ChunkDecoder(out.toBytes());
        for (String v : values) assertThat(in.sentence()).isEqualTo(v);
        assertThat(in.atEnd()).isTrue();
    }

    @Example
    void anEmptyChunkIsOnlyItsFormatByte() {
        ChunkEncoder out = new ChunkEncoder();
        assertThat(out.toBytes()).containsExactly(ChunkEncoder.FORMAT);
        assertThat(new ChunkDecoder(out.toBytes()).atEnd()).isTrue();
    }

    @Example
    void theSameValuesGiveTheSameBytesAfterAReset() {
        ChunkEncoder out = new ChunkEncoder();
        out.string("x");
        out.decimal(BigDecimal.TEN);
        byte[] first = out.toBytes();
        out.reset();
        out.string("x");
        out.decimal(BigDecimal.TEN);
        assertThat(out.toBytes()).isEqualTo(first);
    }

    @Example
    void aDamagedChunkIsReportedNotMisread() {
        ChunkEncoder out = new ChunkEncoder();
        out.string("abcdef");
        byte[] bytes = out.toBytes();
        assertThatThrownBy(() -> new ChunkDecoder(Arrays.copyOf(bytes, bytes.length - 2)).string())
                .isInstanceOf(StoreException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> new ChunkDecoder(new byte[] {ChunkEncoder.FORMAT, 5}).string())
                .isInstanceOf(StoreException.class).hasMessageContaining("before it is defined");
        assertThatThrownBy(() -> new ChunkDecoder(new byte[] {9})).isInstanceOf(StoreException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> new ChunkEncoder().count(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigDecimal roundTrip(BigDecimal v) {
        ChunkEncoder out = new ChunkEncoder();
        out.decimal(v);
        return new ChunkDecoder(out.toBytes()).decimal();
    }

    @Provide
    Arbitrary<List<BigDecimal>> decimals() {
        Arbitrary<BigInteger> small = Arbitraries.longs().map(BigInteger::valueOf);
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40));
        Arbitrary<BigInteger> unscaled = Arbitraries.frequencyOf(
                Tuple.of(6, small), Tuple.of(2, big), Tuple.of(1, Arbitraries.of(BigInteger.ZERO)));
        Arbitrary<BigDecimal> one = Combinators.combine(unscaled, Arbitraries.integers().between(-30, 40))
                .as(BigDecimal::new);
        return one.injectNull(0.05).list().ofMaxSize(50);
    }

    @Provide
    Arbitrary<List<String>> sentences() {
        return sentence().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> sentence() {
        Arbitrary<String> words = Arbitraries.of("queue rank ", "(score ", ") ", "against ", "bankrupt ", "ADL-0", "é",
                "\u0000", "-", ".", "E-", "🚀", " ");
        Arbitrary<String> figures = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(words, figures, any).list().ofMaxSize(12).map(parts -> String.join("", parts))
                .injectNull(0.05);
    }
}
