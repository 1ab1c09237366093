package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 23: the price at which the engine first liquidates an isolated inverse position, with a maintenance table read
 * at entry ({@code valueAt: entry}), is the documented one within one tick: for a long of Q contracts entered at E with
 * margin Q / E / L and maintenance rate m, E x L / (L + 1 - m x L); for a short, E x L / (L - 1 + m x L) (Bybit,
 * inverse contracts, "Liquidation Price Calculation under Isolated Mode", 2024 version:
 * https://bybit.nl/nl-NL/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account).
 * The mark one tick beyond it liquidates; one tick short of it does not.
 */
class InverseLiquidationPriceProperties {
    static final BigDecimal TICK = new BigDecimal("0.5");
    static final Market BTCUSD = new Market("BTCUSD", ContractType.INVERSE, "BTC", TICK, BigDecimal.ONE, BigDecimal.ONE,
            new Liquidity(d("1000000000"), d("1000000000"), d("0.5")));

    @Property(tries = 60)
    void the_engine_liquidates_at_the_documented_price_within_one_tick(
            @ForAll @IntRange(min = 2000, max = 200000) int entryTicks,
                                                                       @ForAll @IntRange(min = 2,
                                                                               max = 100) int leverage,
                                                                       @ForAll @IntRange(min = 1,
                                                                               max = 40) int mmrTenthsOfPercent,
                                                                       @ForAll @IntRange(min = 100,
                                                                               max = 1000000) int contracts,
                                                                       @ForAll boolean isLong) {
        BigDecimal entry = TICK.multiply(BigDecimal.valueOf(entryTicks));
        BigDecimal l = BigDecimal.valueOf(leverage);
        BigDecimal m = BigDecimal.valueOf(mmrTenthsOfPercent, 3);
        // a maintenance above the initial margin: liquidated at entry
        if (m.multiply(l).compareTo(BigDecimal.ONE) >= 0) return;
        BigDecimal q = BigDecimal.valueOf(contracts);
        BigDecimal margin = q.divide(entry.multiply(l), 12, RoundingMode.DOWN);
        BigDecimal documented = entry.multiply(l).divide(isLong ? l.add(BigDecimal.ONE).subtract(m.multiply(l))
                : l.subtract(BigDecimal.ONE).add(m.multiply(l)), 12, RoundingMode.HALF_EVEN);
        // one tick beyond the price on the side of the loss, and one tick short of it
        BigDecimal beyond = isLong
                ? documented.divide(TICK, 0, RoundingMode.FLOOR).subtract(BigDecimal.ONE).multiply(TICK)
                : documented.divide(TICK, 0, RoundingMode.CEILING).add(BigDecimal.ONE).multiply(TICK);
        BigDecimal shortOf = isLong
                ? documented.divide(TICK, 0, RoundingMode.CEILING).add(BigDecimal.ONE).multiply(TICK)
                : documented.divide(TICK, 0, RoundingMode.FLOOR).subtract(BigDecimal.ONE).multiply(TICK);
        if (beyond.signum() <= 0 || shortOf.signum() <= 0) return;

        assertThat(liquidatedAt(entry, q, margin, m, isLong, beyond)).as("at %s (documented %s)", beyond, documented)
                .isTrue();
        assertThat(liquidatedAt(entry, q, margin, m, isLong, shortOf)).as("at %s (documented %s)", shortOf, documented)
                .isFalse();
    }

    /**
     * The page's own example (2024 version): a long of 60,000 BTCUSD contracts at 50,000 with 10x (0.12 BTC of margin),
     * maintenance 0.5 % of 1.2 BTC = 0.006 BTC: LP = 60,000 / (1.2 + 0.12 - 0.006) = 45,662.10, so a mark of 45,662.0
     * (a tick of 0.5 below) liquidates and 45,662.5 does not.
     */
    @net.jqwik.api.Example
    void bybits_worked_example_liquidates_between_45662_and_45662_5() {
        BigDecimal entry = d("50000"), q = d("60000"), margin = d("0.12"), m = d("0.005");
        assertThat(liquidatedAt(entry, q, margin, m, true, d("45662"))).isTrue();
        assertThat(liquidatedAt(entry, q, margin, m, true, d("45662.5"))).isFalse();
    }

    private static boolean liquidatedAt(BigDecimal entry, BigDecimal q, BigDecimal margin, BigDecimal m, boolean isLong,
            BigDecimal mark) {
        var side = isLong ? Side.LONG : Side.SHORT;
        RunResult r = plain().marginAtEntry(m.toPlainString()).run(set(BTCUSD,
                        isolatedAccount("T", "0", isolated("BTCUSD", side, q.toPlainString(), entry.toPlainString(),
                                margin.toPlainString()))),
                marks("BTCUSD", Map.of("BTC", d("1000000")), entry.toPlainString(), mark.toPlainString()));
        return r.events().stream().anyMatch(e -> e.accountId().equals("T") && e.kind() != RunEvent.Kind.SURPLUS);
    }
}
