package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.facts.LayerChoice.Layer;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The engine against the venues' documented price formulas, for each contract type, margin mode and margin basis, with
 * and without the fee to close. One position of q (linear: coins; inverse: USD contracts) entered at E, with margin W
 * (its isolated margin, or the whole cross wallet), maintenance rate m and taker fee f, solves equity = maintenance:
 *
 * <pre>
 *                       long                                short
 * linear,  at the mark  (qE - W) / (q (1 - m - f))          (qE + W) / (q (1 + m + f))          Binance one-way
 * linear,  at entry     (qE (1 + m) - W) / (q (1 - f))      (qE (1 - m) + W) / (q (1 + f))
 * inverse, at the mark  q (1 + m + f) / (W + q/E)           q (1 - m - f) / (q/E - W)           Binance COIN-M
 * inverse, at entry     q (1 + f) / (W + q/E (1 - m))       q (1 - f) / (q/E (1 + m) - W)       Bybit (2024), BitMEX
 * bankruptcy, linear    (qE - W) / (q (1 - f))              (qE + W) / (q (1 + f))
 * bankruptcy, inverse   q (1 + f) / (W + q/E)               q (1 - f) / (q/E - W)               Bybit's cross BP
 * </pre>
 *
 * Without a fee, inverse at entry is Bybit's E x L / (L + 1 - m x L) for a long with W = q / (E x L); its bankruptcy
 * price (1 + fee) x contracts / (contracts / entry + balance) is the one Bybit publishes
 * (https://help.bybit.com/hc/en-us/articles/360039261334-How-to-calculate-Liquidation-Price-Inverse-Contract-). The
 * first mark that liquidates is within one tick of the liquidation price; ADL closes within one tick of the bankruptcy
 * price.
 */
class LiquidationPriceProperties {
    static final MathContext MC = MathContext.DECIMAL64;
    static final Liquidity DEEP = new Liquidity(d("1000000000"), d("1000000000"), d("0.5"));
    static final Market LINEAR = new Market("BTCUSDT", ContractType.LINEAR, "USDT", d("0.1"), d("0.001"),
            BigDecimal.ONE, DEEP);
    static final Market INVERSE = new Market("BTCUSD", ContractType.INVERSE, "BTC", d("0.5"), BigDecimal.ONE,
            BigDecimal.ONE, DEEP);

    /** The terms of one position, and the documented prices for it. */
    record Terms(Market market, boolean isolated, boolean atEntry, Side side, BigDecimal q, BigDecimal entry,
                 BigDecimal margin, BigDecimal m, BigDecimal fee) {
        boolean inverse() { return market.type() == ContractType.INVERSE; }
        boolean isLong() { return side == Side.LONG; }
        BigDecimal tick() { return market.tickSize(); }

        BigDecimal liquidationPrice() {
            BigDecimal one = BigDecimal.ONE, qE = q.multiply(entry), qOverE = q.divide(entry, MC);
            if (!inverse() && !atEntry) return isLong()
                    ? qE.subtract(margin).divide(q.multiply(one.subtract(m).subtract(fee)), MC)
                    : qE.add(margin).divide(q.multiply(one.add(m).add(fee)), MC);
            if (!inverse()) return isLong()
                    ? qE.multiply(one.add(m)).subtract(margin).divide(q.multiply(one.subtract(fee)), MC)
                    : qE.multiply(one.subtract(m)).add(margin).divide(q.multiply(one.add(fee)), MC);
            if (!atEntry) return isLong()
                    ? q.multiply(one.add(m).add(fee)).divide(margin.add(qOverE), MC)
                    : q.multiply(one.subtract(m).subtract(fee)).divide(qOverE.subtract(margin), MC);
            return isLong()
                    ? q.multiply(one.add(fee)).divide(margin.add(qOverE.multiply(one.subtract(m))), MC)
                    : q.multiply(one.subtract(fee)).divide(qOverE.multiply(one.add(m)).subtract(margin), MC);
        }

        BigDecimal bankruptcyPrice() {
            BigDecimal one = BigDecimal.ONE, qE = q.multiply(entry), qOverE = q.divide(entry, MC);
            if (!inverse()) return isLong()
                    ? qE.subtract(margin).divide(q.multiply(one.subtract(fee)), MC)
                    : qE.add(margin).divide(q.multiply(one.add(fee)), MC);
            return isLong()
                    ? q.multiply(one.add(fee)).divide(margin.add(qOverE), MC)
                    : q.multiply(one.subtract(fee)).divide(qOverE.subtract(margin), MC);
        }

        /** Maintenance at entry, to keep only positions that open healthy. */
        BigDecimal maintenanceAtEntry() {
            BigDecimal value = inverse() ? q.divide(entry, MC) : q.multiply(entry);
            return value.multiply(m.add(fee));
        }

        Account account(String id) {
            String size = q.toPlainString(), at = entry.toPlainString();
            return isolated
                    ? isolatedAccount(id, "0", org.deleveraging.support.Fixtures.isolated(market.symbol(), side, size,
                            at, margin.toPlainString()))
                    : cross(id, margin.toPlainString(), pos(market.symbol(), side, size, at));
        }

        PlainPolicy policy() {
            PlainPolicy p = atEntry ? plain().marginAtEntry(m.toPlainString()) : plain().margin(m.toPlainString());
            return p.feeToClose(fee.toPlainString(), true);
        }
    }

    @Property(tries = 200)
    void the_first_mark_that_liquidates_is_within_a_tick_of_the_documented_liquidation_price(
            @ForAll boolean inverse, @ForAll boolean isolated, @ForAll boolean atEntry, @ForAll boolean isLong,
            @ForAll @IntRange(min = 2000, max = 200000) int entryTicks,
            @ForAll @IntRange(min = 2, max = 100) int leverage,
            @ForAll @IntRange(min = 1, max = 40) int mmrTenthsOfPercent,
            @ForAll @IntRange(min = 0, max = 10) int feeHundredthsOfPercent,
            @ForAll @IntRange(min = 1, max = 1000) int sizeLots) {
        Terms t = terms(inverse, isolated, atEntry, isLong, entryTicks, leverage, mmrTenthsOfPercent,
                feeHundredthsOfPercent, sizeLots);
        if (t.margin().compareTo(t.maintenanceAtEntry()) <= 0) return;   // liquidated at entry: no price to find
        BigDecimal documented = t.liquidationPrice();
        BigDecimal beyond = ticksFrom(documented, t, 1), shortOf = ticksFrom(documented, t, -1);
        if (documented.signum() <= 0 || beyond.signum() <= 0 || shortOf.signum() <= 0) return;

        assertThat(liquidatedAt(t, beyond)).as("%s at %s (documented %s)", t, beyond, documented).isTrue();
        assertThat(liquidatedAt(t, shortOf)).as("%s at %s (documented %s)", t, shortOf, documented).isFalse();
    }

    @Property(tries = 120)
    void adl_closes_within_a_tick_of_the_documented_bankruptcy_price(
            @ForAll boolean inverse, @ForAll boolean isolated, @ForAll boolean isLong,
            @ForAll @IntRange(min = 2000, max = 200000) int entryTicks,
            @ForAll @IntRange(min = 2, max = 100) int leverage,
            @ForAll @IntRange(min = 0, max = 10) int feeHundredthsOfPercent,
            @ForAll @IntRange(min = 1, max = 1000) int sizeLots) {
        Terms t = terms(inverse, isolated, false, isLong, entryTicks, leverage, 5, feeHundredthsOfPercent, sizeLots);
        BigDecimal documented = t.bankruptcyPrice();
        if (documented.signum() <= 0) return;
        // a gap five percent past the bankruptcy price: the book takes nothing at that limit, the fund is empty
        BigDecimal gap = documented.multiply(isLong ? d("0.95") : d("1.05"))
                .divide(t.tick(), 0, RoundingMode.HALF_EVEN).multiply(t.tick());
        if (gap.signum() <= 0) return;
        Side other = isLong ? Side.SHORT : Side.LONG;
        RunResult r = t.policy().orderLimit(OrderLimit.BANKRUPTCY).layers(Layer.ADL).run(
                set(t.market(), t.account("G"), cross("C", "1000000000",
                        pos(t.market().symbol(), other, t.q().toPlainString(), t.entry().toPlainString()))),
                marks(t.market().symbol(), Map.of(t.market().settlementAsset(), BigDecimal.ZERO),
                        t.entry().toPlainString(), gap.toPlainString()));
        RunEvent adl = r.events().stream().filter(e -> e.kind() == RunEvent.Kind.ADL).findFirst().orElseThrow(
                () -> new AssertionError("no ADL for " + t + " at " + gap + ": " + r.events()));
        assertThat(adl.price().subtract(documented).abs()).as("%s: ADL at %s, documented %s", t, adl.price(),
                documented).isLessThanOrEqualTo(t.tick());
    }

    /**
     * Bybit's own inverse example (2024 version of its isolated-mode page,
     * https://bybit.nl/nl-NL/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account):
     * 60,000 BTCUSD long at 50,000 with 10x (0.12 BTC), maintenance 0.5 % of 1.2 BTC = 0.006 BTC:
     * LP = 60,000 / (1.2 + 0.12 - 0.006) = 45,662.10, so 45,662.0 liquidates and 45,662.5 does not.
     */
    @Example
    void bybits_worked_example_liquidates_between_45662_and_45662_5() {
        Terms t = new Terms(INVERSE, true, true, Side.LONG, d("60000"), d("50000"), d("0.12"), d("0.005"),
                BigDecimal.ZERO);
        assertThat(t.liquidationPrice().setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo("45662.10");
        assertThat(liquidatedAt(t, d("45662"))).isTrue();
        assertThat(liquidatedAt(t, d("45662.5"))).isFalse();
    }

    private static Terms terms(boolean inverse, boolean isolated, boolean atEntry, boolean isLong, int entryTicks,
                               int leverage, int mmrTenthsOfPercent, int feeHundredthsOfPercent, int sizeLots) {
        Market market = inverse ? INVERSE : LINEAR;
        BigDecimal entry = market.tickSize().multiply(BigDecimal.valueOf(entryTicks));
        BigDecimal q = inverse ? BigDecimal.valueOf(sizeLots * 100L)
                : market.lotSize().multiply(BigDecimal.valueOf(sizeLots));
        BigDecimal value = inverse ? q.divide(entry, 12, RoundingMode.DOWN) : q.multiply(entry);
        BigDecimal margin = value.divide(BigDecimal.valueOf(leverage), inverse ? 12 : 8, RoundingMode.DOWN);
        return new Terms(market, isolated, atEntry, isLong ? Side.LONG : Side.SHORT, q, entry, margin,
                BigDecimal.valueOf(mmrTenthsOfPercent, 3), BigDecimal.valueOf(feeHundredthsOfPercent, 4));
    }

    /** A mark {@code n} ticks past the price on the side of the loss (n = 1), or short of it (n = -1). */
    private static BigDecimal ticksFrom(BigDecimal price, Terms t, int n) {
        boolean lossIsDown = t.isLong() == (n > 0);
        BigDecimal ticks = price.divide(t.tick(), 0, lossIsDown ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return ticks.add(BigDecimal.valueOf(lossIsDown ? -1 : 1)).multiply(t.tick());
    }

    private static boolean liquidatedAt(Terms t, BigDecimal mark) {
        RunResult r = t.policy().run(set(t.market(), t.account("T")),
                marks(t.market().symbol(), Map.of(t.market().settlementAsset(), d("1000000")),
                        t.entry().toPlainString(), mark.toPlainString()));
        return r.events().stream().anyMatch(e -> e.accountId().equals("T") && e.kind() != RunEvent.Kind.SURPLUS
                && e.kind() != RunEvent.Kind.FEE);
    }
}
