package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The margin check's screen in doubles ({@link MarginScreen}) against the exact measure it spares: a pool it calls
 * healthy has positive equity at or above screen x maintenance margin, measured in BigDecimal as the margin check
 * does. The pools are built on the edge: their cash is set so that the exact headroom is a few units of the last
 * place either side of zero, and notionals land on tier floors, where only exact arithmetic can tell.
 */
class MarginScreenProperties {
    private static final BigDecimal SCREEN = new BigDecimal("1.25");
    private static final MarginSchedule STEPPED = MarginSchedule.stepped(
            List.of(new BigDecimal("0"), new BigDecimal("100000"), new BigDecimal("250000")),
            List.of(new BigDecimal("0.005"), new BigDecimal("0.01"), new BigDecimal("0.02")));
    private static final MarginSchedule DEDUCTED = MarginSchedule.of(
            List.of(new BigDecimal("0"), new BigDecimal("50000"), new BigDecimal("500000")),
            List.of(new BigDecimal("0.004"), new BigDecimal("0.01"), new BigDecimal("0.025")));

    /** One position of a generated pool: its market and how it moved since it was last settled. */
    record Leg(boolean inverse, Side side, BigDecimal size, BigDecimal settledMark, BigDecimal mark,
            boolean deducted) {}

    @Provide
    Arbitrary<Leg> legs() {
        Arbitrary<BigDecimal> sizes = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("500")).ofScale(3),
                Arbitraries.longs().between(1, 5_000_000).map(BigDecimal::valueOf));
        Arbitrary<BigDecimal> prices = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("2")).ofScale(4),
                Arbitraries.bigDecimals().between(new BigDecimal("1"), new BigDecimal("150000")).ofScale(1));
        return Combinators.combine(Arbitraries.of(false, false, true), Arbitraries.of(Side.values()), sizes, prices,
                Arbitraries.integers().between(-40, 40), Arbitraries.of(false, true))
                .as((inverse, side, size, price, movePercent, deducted) -> {
                    BigDecimal mark = price.multiply(BigDecimal.valueOf(100 + movePercent))
                            .divide(BigDecimal.valueOf(100)).setScale(price.scale(), RoundingMode.HALF_UP);
                    if (mark.signum() <= 0) mark = price;
                    return new Leg(inverse, side, size, price, mark, deducted);
                });
    }

    @Property(tries = 3000)
    void a_pool_the_screen_calls_healthy_is_healthy_measured_exactly(
            @ForAll("legs") Leg a, @ForAll("legs") Leg b, @ForAll boolean twoLegs,
            @ForAll("offsets") BigDecimal offset) {
        List<Leg> legs = twoLegs && a.inverse() == b.inverse() ? List.of(a, b) : List.of(a);
        // the cash that puts the exact equity at screen x maintenance, then a few last places either side
        BigDecimal cash = SCREEN.multiply(maintenance(legs)).subtract(pending(legs)).add(offset);
        PoolState pool = pool(legs, cash);
        if (new MarginScreen(SCREEN).healthy(pool)) {
            BigDecimal equity = cash.add(pending(legs));
            assertThat(equity.signum()).as("equity").isPositive();
            assertThat(equity).as("equity against screen x maintenance")
                    .isGreaterThanOrEqualTo(SCREEN.multiply(maintenance(legs)));
        }
    }

    @Provide
    Arbitrary<BigDecimal> offsets() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-1000, 1000).map(u -> BigDecimal.valueOf(u, 12)),
                Arbitraries.longs().between(-1000, 1000).map(u -> BigDecimal.valueOf(u, 6)),
                Arbitraries.longs().between(-100_000, 100_000).map(BigDecimal::valueOf));
    }

    @Example
    void a_pool_far_from_the_screen_is_spared_the_exact_measure() {
        Leg leg = new Leg(false, Side.LONG, new BigDecimal("2"), new BigDecimal("100000"), new BigDecimal("90000"),
                false);
        assertThat(new MarginScreen(SCREEN).healthy(pool(List.of(leg), new BigDecimal("50000")))).isTrue();
    }

    @Example
    void a_pool_a_millionth_above_the_screen_is_left_to_the_exact_measure() {
        Leg leg = new Leg(false, Side.LONG, new BigDecimal("1"), new BigDecimal("50000"), new BigDecimal("50000"),
                false);
        // 50,000 of notional at 0.5 %: 250 of maintenance, 312.5 at the screen
        assertThat(new MarginScreen(SCREEN).healthy(pool(List.of(leg), new BigDecimal("312.5000000001")))).isFalse();
        assertThat(new MarginScreen(SCREEN).healthy(pool(List.of(leg), new BigDecimal("312.6")))).isTrue();
    }

    @Example
    void a_notional_on_a_tier_floor_is_left_to_the_exact_measure() {
        // 2 x 50,000 = 100,000: the floor of the 1 % tier, which a stepped table charges only above it
        Leg leg = new Leg(false, Side.LONG, new BigDecimal("2"), new BigDecimal("50000"), new BigDecimal("50000"),
                false);
        assertThat(new MarginScreen(SCREEN).healthy(pool(List.of(leg), new BigDecimal("1000000")))).isFalse();
        assertThat(MarginScreen.tier(new double[] {0, 100000, 250000}, 100000.5)).isEqualTo(1);
        assertThat(MarginScreen.tier(new double[] {0, 100000, 250000}, 99999.5)).isZero();
    }

    private static Market market(boolean inverse) {
        Liquidity deep = new Liquidity(new BigDecimal("1000000000"), new BigDecimal("1000000000"),
                new BigDecimal("0.5"));
        return inverse
                ? new Market("BTCUSD", ContractType.INVERSE, "BTC", new BigDecimal("0.0001"), BigDecimal.ONE,
                        BigDecimal.ONE, deep)
                : new Market("BTCUSDT", ContractType.LINEAR, "USDT", new BigDecimal("0.0001"), new BigDecimal("0.001"),
                        BigDecimal.ONE, deep);
    }

    private static PoolState pool(List<Leg> legs, BigDecimal cash) {
        PoolState pool = new PoolState(0, "A0", false, legs.get(0).inverse() ? "BTC" : "USDT", false, cash);
        int ref = 0;
        for (Leg leg : legs) {
            MarketState ms = new MarketState(market(leg.inverse()), leg.mark());
            ms.use(leg.deducted() ? DEDUCTED : STEPPED);
            PositionState p = new PositionState(ref++, pool, ms, leg.side(), leg.size(), leg.settledMark());
            pool.add(p);
        }
        return pool;
    }

    /** The profit settlement would add now, as {@link PoolState#settle} computes it. */
    private static BigDecimal pending(List<Leg> legs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Leg leg : legs) sum =
                sum.add(market(leg.inverse()).pnl(leg.side(), leg.size(), leg.settledMark(), leg.mark()));
        return sum;
    }

    /** The pool's maintenance margin at the mark, as the margin check measures it. */
    private static BigDecimal maintenance(List<Leg> legs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Leg leg : legs) {
            MarginSchedule s = leg.deducted() ? DEDUCTED : STEPPED;
            sum = sum.add(s.maintenance(market(leg.inverse()).notional(leg.size(), leg.mark())));
        }
        return Money.clean(sum);
    }
}
